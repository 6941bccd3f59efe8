// The image-URL convention: what the web app, its renderer and the seed store for an uploaded
// image, and how a stored URL is read back into a `src`, a `srcset` and a reserved box.

/**
 * The part of the contract's `Asset` (the answer of `POST /assets`) these functions read: the
 * full-size image, its size, and its narrower copies, narrowest first. Typed here by shape so the
 * rules need no generated types; an `Asset` fits it as it is.
 */
export interface ImageAsset {
  url: string;
  width: number;
  height: number;
  variants: ReadonlyArray<{ width: number; url: string }>;
}

/**
 * An article's cover and the images in its body are stored as plain URLs (the contract keeps
 * `coverImage` a string). So that readers get a `srcset` and a reserved box, the editor appends
 * what it knew at upload time to the cover as a URL fragment: `…/a1b2.webp#w=1600&h=1200&v=320,640,1280`.
 * Browsers never send a fragment, other Conduit clients ignore it, and a URL without one still
 * renders, just without those hints. Images in a body are written with the asset's plain URL:
 * the article's `images` carry their sizes (`imageSourceOf`); older bodies still carry fragments.
 */
export interface ImageSource {
  src: string;
  width?: number;
  height?: number;
  srcSet?: string;
}

/** Where the object store keeps the `width`-pixel variant of `url` (`a1b2.webp` → `a1b2-640.webp`). */
export function variantUrl(url: string, width: number): string {
  return url.replace(/(\.[a-z0-9]+)?$/i, (extension) => `-${width}${extension}`);
}

/** The URL to store for an uploaded image, carrying its size and (when they follow the pattern) its variants. */
export function describeAsset(asset: ImageAsset): string {
  const hints = new URLSearchParams({ w: String(asset.width), h: String(asset.height) });
  const widths = asset.variants.map((variant) => variant.width);
  const predictable = asset.variants.every((variant) => variant.url === variantUrl(asset.url, variant.width));
  if (widths.length > 0 && predictable) hints.set('v', widths.join(','));
  return `${asset.url}#${hints.toString().replace(/%2C/g, ',')}`;
}

/** The variant to use as an avatar: small enough to be cheap, big enough for a 3x screen. */
export function avatarUrl(asset: ImageAsset, displayWidth = 96): string {
  const wanted = displayWidth * 3;
  const variant = asset.variants.find((candidate) => candidate.width >= wanted);
  return variant?.url ?? asset.url;
}

function positiveInt(value: string | null): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** The address without its `#fragment`: how the contract's `images` name an upload. */
function withoutFragment(url: string): string {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
}

/**
 * How to draw `url`: from its record among `images` (an article's `images`, the assets the editor
 * uploaded), so Markdown can carry an asset's plain URL; else from the hints on the URL itself.
 */
export function imageSourceOf(url: string, images: readonly ImageAsset[] = []): ImageSource {
  const src = withoutFragment(url);
  const record = images.find((image) => image.url === src);
  if (!record) return parseImageUrl(url);
  const narrower = record.variants.filter((variant) => variant.width < record.width);
  const source: ImageSource = { src, width: record.width, height: record.height };
  if (narrower.length > 0) {
    source.srcSet = [...narrower, { width: record.width, url: src }]
      .map((candidate) => `${candidate.url} ${candidate.width}w`)
      .join(', ');
  }
  return source;
}

/** Reads the hints `describeAsset` left on a URL. */
export function parseImageUrl(url: string): ImageSource {
  const hash = url.indexOf('#');
  if (hash === -1) return { src: url };
  const src = url.slice(0, hash);
  const hints = new URLSearchParams(url.slice(hash + 1));
  const width = positiveInt(hints.get('w'));
  const height = positiveInt(hints.get('h'));
  const variants = (hints.get('v') ?? '')
    .split(',')
    .map((w) => positiveInt(w))
    .filter((w): w is number => w !== undefined && (width === undefined || w < width));
  const source: ImageSource = { src };
  if (width && height) {
    source.width = width;
    source.height = height;
  }
  if (variants.length > 0 && width) {
    source.srcSet = [...variants.map((w) => `${variantUrl(src, w)} ${w}w`), `${src} ${width}w`].join(', ');
  }
  return source;
}
