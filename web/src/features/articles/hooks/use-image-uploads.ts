import { useEffect, useRef, useState } from 'react';

import type { UploadState } from '@/hooks/use-asset-upload';
import { describeError } from '@/lib/api-errors';
import { uploadAsset, type Asset } from '@/lib/asset-upload';

import type { ImageDescription, Placeholder } from '../utils/image-markdown';

/** An image on its way into the body: uploading, and described by the writer (or not yet). */
export interface PendingImage {
  id: number;
  fileName: string;
  /** What holds its place in the body until its Markdown replaces it. */
  placeholder: Placeholder;
  upload: Exclude<UploadState, { status: 'idle' } | { status: 'error' }>;
  /** What the writer said about it; null while the dialog still asks. */
  description: ImageDescription | null;
}

interface ImageUploadsOptions {
  /** Uploaded and described: its Markdown can replace the placeholder. */
  onReady: (image: PendingImage, asset: Asset, description: ImageDescription) => void;
  /** The upload failed: the placeholder goes, the message stays. */
  onFailed: (image: PendingImage, message: string) => void;
}

interface Entry {
  image: PendingImage;
  controller: AbortController;
}

function localPreview(file: File): string | null {
  return typeof URL.createObjectURL === 'function' ? URL.createObjectURL(file) : null;
}

/**
 * Several images uploading at once, each with its progress, each asked for a description while it
 * uploads. An image is ready when both are done, in whichever order they finish.
 */
export function useImageUploads({ onReady, onFailed }: ImageUploadsOptions) {
  const [images, setImages] = useState<PendingImage[]>([]);
  // The live uploads, read by callbacks that outlive the render they started in.
  const entries = useRef(new Map<number, Entry>());
  const nextId = useRef(1);
  const callbacks = useRef({ onReady, onFailed });
  useEffect(() => {
    callbacks.current = { onReady, onFailed };
  });

  useEffect(() => {
    const live = entries.current;
    return () => {
      for (const { image, controller } of live.values()) {
        controller.abort();
        if (image.upload.previewUrl) URL.revokeObjectURL(image.upload.previewUrl);
      }
      live.clear();
    };
  }, []);

  const publish = () => setImages([...entries.current.values()].map((entry) => entry.image));

  function update(id: number, change: Partial<PendingImage>) {
    const entry = entries.current.get(id);
    if (!entry) return;
    entry.image = { ...entry.image, ...change };
    publish();
  }

  /** Forgets the image (done, failed or cancelled) and says what it was. */
  function remove(id: number): PendingImage | null {
    const entry = entries.current.get(id);
    if (!entry) return null;
    entries.current.delete(id);
    entry.controller.abort();
    if (entry.image.upload.previewUrl) URL.revokeObjectURL(entry.image.upload.previewUrl);
    publish();
    return entry.image;
  }

  function settle(id: number) {
    const image = entries.current.get(id)?.image;
    if (image?.upload.status !== 'done' || !image.description) return;
    remove(id);
    callbacks.current.onReady(image, image.upload.asset, image.description);
  }

  async function send(id: number, file: File, { signal }: AbortController, previewUrl: string | null) {
    try {
      const asset = await uploadAsset(file, {
        signal,
        onProgress: ({ loaded, total }) => {
          const percent = total > 0 ? Math.round((loaded / total) * 100) : 0;
          // Every byte sent: the server still decodes and resizes before it answers.
          update(id, {
            upload:
              percent >= 100 ? { status: 'processing', previewUrl } : { status: 'uploading', percent, previewUrl },
          });
        },
      });
      update(id, { upload: { status: 'done', asset, previewUrl } });
      settle(id);
    } catch (error) {
      if (signal.aborted) return;
      const image = remove(id);
      if (image) callbacks.current.onFailed(image, `“${file.name}” could not be uploaded. ${describeError(error)}`);
    }
  }

  /** Starts uploading each file; its placeholder is already in the body. */
  function start(files: ReadonlyArray<{ file: File; placeholder: Placeholder }>) {
    for (const { file, placeholder } of files) {
      const id = nextId.current++;
      const controller = new AbortController();
      const previewUrl = localPreview(file);
      const upload = { status: 'uploading', percent: 0, previewUrl } as const;
      entries.current.set(id, {
        image: { id, fileName: file.name, placeholder, upload, description: null },
        controller,
      });
      void send(id, file, controller, previewUrl);
    }
    publish();
  }

  return {
    /** The images not in the body yet, in the order they were added. */
    images,
    start,
    /** The writer described it: inserted as soon as it is uploaded. */
    describe: (id: number, description: ImageDescription) => {
      update(id, { description });
      settle(id);
    },
    /** The writer changed their mind: the upload stops, nothing is inserted. */
    cancel: (id: number) => remove(id),
  };
}
