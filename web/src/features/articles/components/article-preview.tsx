import type { ImageAsset } from '@inkwell/rules';

import { CoverImage } from '@/components/ui/cover-image';

import type { EditorFields } from '../utils/local-copy';

import { HERO_COVER_SIZES } from './cover-sizes';
import { MarkdownBody } from './markdown-body';

interface ArticlePreviewProps {
  fields: EditorFields;
  /** The uploads the body shows, with their sizes. */
  images: readonly ImageAsset[];
}

/** The article as readers will see it: title, description, cover (with its alt text and crop) and body. */
export function ArticlePreview({ fields, images }: ArticlePreviewProps) {
  const { title, description, body, coverImage, coverImageAlt, coverImageFocalPoint } = fields;
  return (
    <div className="editor-preview article">
      <header className="article-header">
        <h2 className="article-header__title">{title.trim() || 'Untitled'}</h2>
        {description.trim() ? <p className="article-header__standfirst">{description}</p> : null}
      </header>
      {coverImage ? (
        <CoverImage
          url={coverImage}
          title={title}
          alt={coverImageAlt}
          focalPoint={coverImageFocalPoint}
          sizes={HERO_COVER_SIZES}
          className="cover--hero"
        />
      ) : null}
      {body.trim() ? (
        <MarkdownBody markdown={body} images={images} />
      ) : (
        <p className="muted">Nothing to preview yet.</p>
      )}
    </div>
  );
}
