import { parseImageUrl } from '@inkwell/rules';
import type { ChangeEvent } from 'react';

import { useAssetUpload, type UploadState } from '@/hooks/use-asset-upload';
import { ACCEPTED_IMAGE_TYPES, type Asset } from '@/lib/asset-upload';

import { focusClasses, type FocalPoint } from './cover-image';
import { ProgressBar } from './progress-bar';

interface ImageUploadProps {
  /** "Cover image", "Profile picture": names the fieldset and its buttons. */
  label: string;
  /** The stored URL, or null for none. */
  value: string | null;
  onChange: (url: string | null) => void;
  /** What to store for an uploaded asset (a URL with hints, a small variant). */
  toUrl: (asset: Asset) => string;
  shape: 'cover' | 'avatar';
  hint?: string;
  /** A cover's focal point: the preview crops as covers do. */
  focalPoint?: FocalPoint;
}

function previewOf(state: UploadState): string | null {
  return state.status === 'uploading' || state.status === 'processing' || state.status === 'done'
    ? state.previewUrl
    : null;
}

/** Choose an image, see it at once, watch it upload, keep or remove it. */
export function ImageUpload({ label, value, onChange, toUrl, shape, hint, focalPoint }: ImageUploadProps) {
  const { state, upload, cancel } = useAssetUpload();
  const busy = state.status === 'uploading' || state.status === 'processing';
  const preview = previewOf(state) ?? (value ? parseImageUrl(value).src : null);
  const lower = label.toLowerCase();

  async function handleFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const asset = await upload(file);
    if (asset) onChange(toUrl(asset));
  }

  return (
    <fieldset className={`image-upload image-upload--${shape}`}>
      <legend className="field__label">{label}</legend>
      <div className="image-upload__preview">
        {preview ? (
          <img
            src={preview}
            alt={`Preview of the ${lower}`}
            className={focalPoint ? focusClasses(focalPoint) : undefined}
          />
        ) : (
          <span className="image-upload__empty">No image yet</span>
        )}
      </div>
      <div className="image-upload__side">
        <div className="image-upload__controls">
          <label className={`btn btn--secondary file-button${busy ? ' is-disabled' : ''}`}>
            <input
              type="file"
              accept={ACCEPTED_IMAGE_TYPES.join(',')}
              className="visually-hidden"
              onChange={handleFile}
              disabled={busy}
            />
            {value || preview ? `Replace ${lower}` : `Choose ${lower}`}
          </label>
          {busy ? (
            <button type="button" className="btn btn--quiet" onClick={cancel}>
              Cancel upload
            </button>
          ) : value ? (
            <button
              type="button"
              className="btn btn--quiet"
              onClick={() => {
                cancel();
                onChange(null);
              }}
            >
              Remove {lower}
            </button>
          ) : null}
        </div>
        {busy ? <UploadProgress state={state} label={`Uploading ${lower}`} /> : null}
        {state.status === 'error' ? (
          <p className="field__error" role="alert">
            {state.message}
          </p>
        ) : null}
        {hint ? <p className="field__hint">{hint}</p> : null}
      </div>
    </fieldset>
  );
}

/** The bar and its words; also used beside the editor's "Insert image" button. */
export function UploadProgress({ state, label }: { state: UploadState; label: string }) {
  if (state.status !== 'uploading' && state.status !== 'processing') return null;
  const percent = state.status === 'uploading' ? state.percent : null;
  return (
    <div className="upload-progress">
      <ProgressBar percent={percent} label={label} />
      <span className="upload-progress__text" aria-hidden="true">
        {percent === null ? 'Processing…' : `Uploading… ${percent}%`}
      </span>
    </div>
  );
}
