import { UPLOAD_MAX_BYTES, formatBytes } from '@inkwell/rules';
import { useCallback, useEffect, useRef, useState } from 'react';

import { describeError } from '@/lib/api-errors';
import { ACCEPTED_IMAGE_TYPES, uploadAsset, type Asset } from '@/lib/asset-upload';

export type UploadState =
  | { status: 'idle' }
  | { status: 'uploading'; percent: number; previewUrl: string | null }
  | { status: 'processing'; previewUrl: string | null }
  | { status: 'done'; asset: Asset; previewUrl: string | null }
  | { status: 'error'; message: string };

/** A problem the browser can see before sending a byte; null when the file may be uploaded. */
export function checkImageFile(file: File): string | null {
  if (!(ACCEPTED_IMAGE_TYPES as readonly string[]).includes(file.type)) {
    return `“${file.name}” isn't an image Inkwell accepts. Choose a JPEG, PNG, WebP, AVIF or GIF file.`;
  }
  if (file.size > UPLOAD_MAX_BYTES) {
    const size = formatBytes(file.size);
    return `“${file.name}” is ${size}; images can be at most ${formatBytes(UPLOAD_MAX_BYTES)}. Choose a smaller file or resize it.`;
  }
  return null;
}

function localPreview(file: File): string | null {
  return typeof URL.createObjectURL === 'function' ? URL.createObjectURL(file) : null;
}

/**
 * Uploads one image at a time with real progress, shows a local preview at once, and can be
 * cancelled. Resolves to the stored asset, or null when the upload failed or was cancelled.
 */
export function useAssetUpload() {
  const [state, setState] = useState<UploadState>({ status: 'idle' });
  const controller = useRef<AbortController | null>(null);
  const preview = useRef<string | null>(null);

  const releasePreview = useCallback(() => {
    if (preview.current) URL.revokeObjectURL(preview.current);
    preview.current = null;
  }, []);

  useEffect(
    () => () => {
      controller.current?.abort();
      releasePreview();
    },
    [releasePreview],
  );

  const upload = useCallback(
    async (file: File): Promise<Asset | null> => {
      controller.current?.abort();
      releasePreview();
      const problem = checkImageFile(file);
      if (problem) {
        setState({ status: 'error', message: problem });
        return null;
      }
      const abort = new AbortController();
      controller.current = abort;
      const previewUrl = localPreview(file);
      preview.current = previewUrl;
      setState({ status: 'uploading', percent: 0, previewUrl });
      try {
        const asset = await uploadAsset(file, {
          signal: abort.signal,
          onProgress: ({ loaded, total }) => {
            const percent = total > 0 ? Math.round((loaded / total) * 100) : 0;
            // Every byte sent: the server still decodes and resizes before it answers.
            setState(
              percent >= 100 ? { status: 'processing', previewUrl } : { status: 'uploading', percent, previewUrl },
            );
          },
        });
        if (abort.signal.aborted) return null;
        setState({ status: 'done', asset, previewUrl });
        return asset;
      } catch (error) {
        if (abort.signal.aborted) return null;
        setState({ status: 'error', message: describeError(error) });
        return null;
      }
    },
    [releasePreview],
  );

  const cancel = useCallback(() => {
    controller.current?.abort();
    releasePreview();
    setState({ status: 'idle' });
  }, [releasePreview]);

  return { state, upload, cancel };
}
