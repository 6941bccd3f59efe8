import { parseImageUrl } from '@inkwell/rules';

/** The point of the cover that stays in view when it is cropped: fractions of its width and height. */
export interface FocalPoint {
  x: number;
  y: number;
}

/** How finely the stylesheet places a focal point (its `.focus-x-*`/`.focus-y-*` classes). */
const FOCUS_STEP = 5;

function focusStep(fraction: number): number {
  const percent = Math.min(100, Math.max(0, fraction * 100));
  return Math.round(percent / FOCUS_STEP) * FOCUS_STEP;
}

/**
 * Classes that crop the cover around `point` (`object-position`). Classes, not a style
 * attribute: the pages are rendered on the server, and the CSP (`style-src 'self'`) refuses
 * inline styles in their HTML.
 */
export function focusClasses(point: FocalPoint): string {
  return `focus-x-${focusStep(point.x)} focus-y-${focusStep(point.y)}`;
}

const CENTRE: FocalPoint = { x: 0.5, y: 0.5 };

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
  /** What stays in view when the box crops the image (the article's `coverImageFocalPoint`). */
  focalPoint?: FocalPoint;
}

/**
 * A cover in the one box every cover has (`--cover-ratio` in the stylesheet): whatever the
 * image's own shape, the box is reserved before it loads, so nothing below it moves, and the image
 * is cropped around its focal point.
 */
export function CoverImage({
  url,
  title,
  sizes,
  priority = false,
  className = '',
  alt = '',
  focalPoint = CENTRE,
}: CoverImageProps) {
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
        className={focusClasses(focalPoint)}
        loading={priority ? 'eager' : 'lazy'}
        fetchPriority={priority ? 'high' : 'low'}
        decoding={priority ? 'sync' : 'async'}
      />
    </div>
  );
}
