// Which uploaded images an article shows, found by URL: an asset's URL is the object store's
// public URL of its key, so the key is what follows that prefix. A `#fragment` after it (older
// articles carry sizes there) and a query are ignored, so old and plain URLs find the same record.
import { ARTICLE_IMAGES_MAX_ITEMS } from '@inkwell/rules';
import type { components } from '@inkwell/openapi';

type ArticleImage = components['schemas']['ArticleImage'];

/** An asset's size and variants, as the assets table keeps them. */
export interface ImageRecord {
  key: string;
  width: number;
  height: number;
  variants: { width: number; key: string }[];
}

/** Builds an object's public URL from its key (the object store's `publicUrl`). */
export type PublicUrl = (key: string) => string;

// Where a URL ends in Markdown or HTML: whitespace, a closing bracket or quote, or an angle bracket.
const URL_TAIL = String.raw`[^\s)"'<>\]]+`;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The asset key a URL names, or null when it is not one of this store's URLs. */
export function assetKeyOf(url: string, publicUrl: PublicUrl): string | null {
  const prefix = publicUrl('');
  if (!url.startsWith(prefix)) return null;
  const key = url.slice(prefix.length).replace(/[?#].*$/s, '');
  return key === '' ? null : key;
}

/**
 * The keys of the uploaded images an article shows, cover first, each once, at most
 * ARTICLE_IMAGES_MAX_ITEMS. Lists pass no body: their items show the cover alone.
 */
export function imageKeysOf(
  article: { coverImage: string | null; body?: string | undefined },
  publicUrl: PublicUrl,
): string[] {
  const keys = new Set<string>();
  const add = (url: string): void => {
    const key = assetKeyOf(url, publicUrl);
    if (key !== null && keys.size < ARTICLE_IMAGES_MAX_ITEMS) keys.add(key);
  };
  if (article.coverImage !== null) add(article.coverImage);
  if (article.body !== undefined) {
    const inBody = new RegExp(`${escapeRegExp(publicUrl(''))}${URL_TAIL}`, 'g');
    for (const [url] of article.body.matchAll(inBody)) add(url);
  }
  return [...keys];
}

/** The article's images in the order of `keys`, for those that are uploads. */
export function toArticleImages(
  keys: string[],
  records: ReadonlyMap<string, ImageRecord>,
  publicUrl: PublicUrl,
): ArticleImage[] {
  return keys.flatMap((key) => {
    const record = records.get(key);
    if (!record) return [];
    return [
      {
        url: publicUrl(record.key),
        width: record.width,
        height: record.height,
        variants: record.variants.map((variant) => ({ width: variant.width, url: publicUrl(variant.key) })),
      },
    ];
  });
}
