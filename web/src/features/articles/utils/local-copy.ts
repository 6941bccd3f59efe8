/*
 * The editor's copy of unsent work in localStorage, one per writer and article (or per writer for
 * a new article not yet on the server): written on every change, removed once the server has
 * exactly that text, offered back on the next visit when it is newer than the server's copy.
 */

export interface EditorFields {
  title: string;
  description: string;
  body: string;
  tagList: string[];
  coverImage: string | null;
  coverImageAlt: string;
  coverImageFocalPoint: { x: number; y: number };
}

export interface LocalCopy {
  fields: EditorFields;
  /** When the writer last changed it (ms since the epoch). */
  editedAt: number;
}

const keyOf = (username: string, slug: string | null) =>
  `inkwell:editor:${username.toLowerCase()}:${slug === null ? 'new' : `article:${slug}`}`;

export function readLocalCopy(username: string, slug: string | null): LocalCopy | null {
  try {
    const stored = localStorage.getItem(keyOf(username, slug));
    return stored ? (JSON.parse(stored) as LocalCopy) : null;
  } catch {
    return null;
  }
}

export function writeLocalCopy(username: string, slug: string | null, copy: LocalCopy): void {
  try {
    localStorage.setItem(keyOf(username, slug), JSON.stringify(copy));
  } catch {
    // Storage full or refused (private mode): the server copy is all there is.
  }
}

export function removeLocalCopy(username: string, slug: string | null): void {
  try {
    localStorage.removeItem(keyOf(username, slug));
  } catch {
    // Nothing to remove where storage is refused.
  }
}
