import { parseImageUrl } from '@inkwell/rules';

interface CoverImageProps {
  url: string | null;
  /** Shown in the placeholder when there is no image. */
  title: string;
  sizes: string;
  /**
   * The largest image above the fold (LCP): fetched first, never lazily. Every other cover waits
   * behind it (low priority), so it does not share the phone's bandwidth with them.
   */
  priority?: boolean;
  className?: string;
  /** The cover's text alternative (the article's `coverImageAlt`); empty when it adds nothing to the title. */
  alt?: string;
}

/**
 * A cover in a fixed 16:9 box: whatever the image's own shape, the box is reserved before it
 * loads, so nothing below it moves.
 */
export function CoverImage({ url, title, sizes, priority = false, className = '', alt = '' }: CoverImageProps) {
  if (!url) {
    return (
      <div className={`cover cover--empty ${className}`} aria-hidden="true">
        <span>{title.trim().charAt(0).toUpperCase()}</span>
      </div>
    );
  }
  const image = parseImageUrl(url);
  return (
    <div className={`cover ${className}`}>
      <img
        src={image.src}
        srcSet={image.srcSet}
        sizes={image.srcSet ? sizes : undefined}
        width={image.width ?? 1600}
        height={image.height ?? 900}
        alt={alt}
        loading={priority ? 'eager' : 'lazy'}
        fetchPriority={priority ? 'high' : 'low'}
        decoding={priority ? 'sync' : 'async'}
      />
    </div>
  );
}
