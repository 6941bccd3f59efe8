// The writes the system acknowledged (answered 2xx), each with the moment of its answer: what
// must still be there when the run ends, whatever broke in between. A failed write is not in
// it: it may or may not have happened, and either is allowed.
//
// Favorites keep only the final state of each (user, article) pair. Each user belongs to one load
// worker, so a pair's requests never overlap; when a request after the last acknowledged one
// failed, the pair's state is unknown and it is left out of the check.

export interface AckedArticle {
  slug: string;
  ackedAt: number;
}

export interface AckedComment {
  slug: string;
  id: number;
  ackedAt: number;
}

export interface AckedAsset {
  url: string;
  ackedAt: number;
}

export interface FavoriteState {
  username: string;
  token: string;
  slug: string;
  favorited: boolean;
  ackedAt: number;
  /** A later request on the pair failed: the server may hold either state. */
  unknown: boolean;
}

export class Ledger {
  readonly articles: AckedArticle[] = [];
  readonly comments: AckedComment[] = [];
  readonly assets: AckedAsset[] = [];
  private readonly favoriteStates = new Map<string, FavoriteState>();

  addArticle(article: AckedArticle): void {
    this.articles.push(article);
  }

  addComment(comment: AckedComment): void {
    this.comments.push(comment);
  }

  addAsset(asset: AckedAsset): void {
    this.assets.push(asset);
  }

  /** The acknowledged state of a pair, or undefined when none was acknowledged (or it is unknown). */
  favorited(username: string, slug: string): boolean | undefined {
    const state = this.favoriteStates.get(pairKey(username, slug));
    return state && !state.unknown ? state.favorited : undefined;
  }

  /** Records the outcome of a favorite (true) or unfavorite (false) request. */
  recordFavorite(
    pair: { username: string; token: string; slug: string },
    favorited: boolean,
    outcome: { acked: boolean; at: number },
  ): void {
    const key = pairKey(pair.username, pair.slug);
    const previous = this.favoriteStates.get(key);
    if (outcome.acked) {
      this.favoriteStates.set(key, { ...pair, favorited, ackedAt: outcome.at, unknown: false });
    } else if (previous) {
      previous.unknown = true;
    }
  }

  /** The pairs whose final state is known. */
  favorites(): FavoriteState[] {
    return [...this.favoriteStates.values()].filter((state) => !state.unknown);
  }

  /** Pairs left out because a request after the last acknowledged one failed. */
  unknownFavorites(): number {
    return [...this.favoriteStates.values()].filter((state) => state.unknown).length;
  }
}

function pairKey(username: string, slug: string): string {
  return `${username}\n${slug}`;
}
