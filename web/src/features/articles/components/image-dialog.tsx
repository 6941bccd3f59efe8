import { useId, useState, type FormEvent } from 'react';

import { Dialog } from '@/components/ui/dialog';
import { InputField } from '@/components/ui/field';
import { UploadProgress } from '@/components/ui/image-upload';

import type { PendingImage } from '../hooks/use-image-uploads';
import type { ImageDescription } from '../utils/image-markdown';

interface ImageDialogProps {
  image: PendingImage;
  /** How many more images wait to be described after this one. */
  waiting: number;
  onInsert: (description: ImageDescription) => void;
  /** Esc or Cancel: the image is not inserted. */
  onCancel: () => void;
}

const MISSING_ALT = 'Describe the image, or tick “Decorative” if it adds nothing to the text.';

/**
 * Asks what an image shows as it goes into the body (while it uploads): alt text, which only an
 * explicit "Decorative" leaves empty, and an optional caption.
 */
export function ImageDialog({ image, waiting, onInsert, onCancel }: ImageDialogProps) {
  const decorativeId = useId();
  const [alt, setAlt] = useState('');
  const [decorative, setDecorative] = useState(false);
  const [caption, setCaption] = useState('');
  const [tried, setTried] = useState(false);
  const missing = tried && !decorative && !alt.trim();

  function insert(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (!decorative && !alt.trim()) {
      event.currentTarget.querySelector<HTMLInputElement>('input')?.focus();
      return;
    }
    onInsert({ alt: decorative ? '' : alt, caption });
  }

  return (
    <Dialog title="Describe the image" onCancel={onCancel}>
      <form className="image-dialog" onSubmit={insert} noValidate>
        <div className="image-dialog__file">
          {image.upload.previewUrl ? <img src={image.upload.previewUrl} alt="" /> : null}
          <div className="image-dialog__status">
            <p className="image-dialog__name">{image.fileName}</p>
            {image.upload.status === 'done' ? (
              <p className="field__hint">Uploaded</p>
            ) : (
              <UploadProgress state={image.upload} label={`Uploading ${image.fileName}`} />
            )}
            {waiting > 0 ? <p className="field__hint">{waiting} more to describe after this one</p> : null}
          </div>
        </div>
        <InputField
          label="Alt text"
          hint="What the image shows, for people who can't see it: read out in its place by screen readers."
          value={decorative ? '' : alt}
          onChange={(event) => setAlt(event.target.value)}
          error={missing ? MISSING_ALT : undefined}
          disabled={decorative}
        />
        <div className="checkbox">
          <input
            id={decorativeId}
            type="checkbox"
            checked={decorative}
            onChange={(event) => setDecorative(event.target.checked)}
          />
          <label htmlFor={decorativeId}>Decorative: it adds nothing to the text, so screen readers skip it</label>
        </div>
        <InputField
          label="Caption (optional)"
          hint="Shown under the image."
          value={caption}
          onChange={(event) => setCaption(event.target.value)}
        />
        <div className="button-row">
          <button type="submit" className="btn btn--primary">
            Insert
          </button>
          <button type="button" className="btn btn--quiet" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
