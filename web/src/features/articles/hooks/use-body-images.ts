import type { ImageAsset } from '@inkwell/rules';
import { useEffect, useRef, useState, type ClipboardEvent, type DragEvent, type RefObject } from 'react';
import { flushSync } from 'react-dom';

import { checkImageFile } from '@/hooks/use-asset-upload';

import {
  imageMarkdown,
  insertPlaceholders,
  positionAfter,
  removePlaceholder,
  replaceOnce,
  type ImageDescription,
  type TextEdit,
} from '../utils/image-markdown';

import { useImageUploads } from './use-image-uploads';

interface BodyImagesOptions {
  /** The body's textarea; null while the preview shows instead. */
  textareaRef: RefObject<HTMLTextAreaElement | null>;
  /** The body as it stands now (typing included), and how to change it. */
  read: () => string;
  write: (text: string) => void;
  /** Images went in while the textarea was not there: show it, with the cursor at `cursor`. */
  onHidden: (cursor: number) => void;
}

/** The files a paste or a drop carries (none for text). */
const filesOf = (data: DataTransfer | null): File[] => (data ? Array.from(data.files) : []);

/**
 * Images into the body, chosen, pasted or dropped, several at once: a placeholder at the cursor
 * for each, an upload with its progress, a dialog asking what it shows, and its Markdown in the
 * placeholder's place once both are done, while the writer goes on typing.
 */
export function useBodyImages({ textareaRef, read, write, onHidden }: BodyImagesOptions) {
  // The uploads of this visit, whose sizes the server's copy may not carry yet (for the preview).
  const [uploaded, setUploaded] = useState<ImageAsset[]>([]);
  const [problems, setProblems] = useState<string[]>([]);
  const [dropping, setDropping] = useState(false);
  const uploads = useImageUploads({
    onReady: (image, asset, described) => {
      setUploaded((list) => [...list, asset]);
      rewrite((text) => replaceOnce(text, image.placeholder.text, imageMarkdown(asset.url, described)));
    },
    onFailed: (image, message) => {
      rewrite((text) => removePlaceholder(text, image.placeholder));
      setProblems((list) => [...list, message]);
    },
  });

  /**
   * Changes the body while the writer may be typing: at once, so no keystroke lands in between,
   * and with the cursor kept where it was in the text around it.
   */
  function rewrite(change: (text: string) => TextEdit | null) {
    const edit = change(read());
    if (!edit) return;
    const textarea = textareaRef.current;
    const selection = textarea && { start: textarea.selectionStart, end: textarea.selectionEnd };
    flushSync(() => write(edit.text));
    if (textarea && selection)
      textarea.setSelectionRange(positionAfter(selection.start, edit), positionAfter(selection.end, edit));
  }

  function insert(files: readonly File[]) {
    const accepted = files.filter((file) => checkImageFile(file) === null);
    setProblems(files.map(checkImageFile).filter((problem) => problem !== null));
    if (accepted.length === 0) return;
    const text = read();
    const textarea = textareaRef.current;
    const start = textarea?.selectionStart ?? text.length;
    const end = textarea?.selectionEnd ?? text.length;
    const placed = insertPlaceholders(
      text,
      start,
      end,
      accepted.map((file) => file.name),
    );
    flushSync(() => write(placed.text));
    if (textarea) textarea.setSelectionRange(placed.cursor, placed.cursor);
    else onHidden(placed.cursor);
    uploads.start(accepted.map((file, index) => ({ file, placeholder: placed.placeholders[index]! })));
  }

  // One image at a time is described; when the last dialog closes, writing goes on where it was.
  const asking = uploads.images.find((image) => image.description === null) ?? null;
  const askingId = asking?.id ?? null;
  const wasAsking = useRef(false);
  useEffect(() => {
    if (askingId !== null) wasAsking.current = true;
    else if (wasAsking.current) {
      wasAsking.current = false;
      textareaRef.current?.focus();
    }
  }, [askingId, textareaRef]);

  return {
    /** Images on their way in: their placeholders are in the body. */
    pending: uploads.images,
    uploaded,
    /** Files refused or uploads failed, in words. */
    problems,
    /** Files are dragged over the body. */
    dropping,
    insert,
    /** The image the dialog asks about, and how many wait after it. */
    asking,
    waiting: uploads.images.filter((image) => image.description === null).length - 1,
    describe: (id: number, description: ImageDescription) => uploads.describe(id, description),
    /** The writer does not want it after all: no upload, no placeholder. */
    cancel: (id: number) => {
      const image = uploads.cancel(id);
      if (image) rewrite((text) => removePlaceholder(text, image.placeholder));
    },
    /** The body textarea's handlers: a paste or a drop of files inserts them. */
    textareaProps: {
      onPaste: (event: ClipboardEvent<HTMLTextAreaElement>) => {
        const files = filesOf(event.clipboardData);
        if (files.length === 0) return; // text pastes as usual
        event.preventDefault();
        insert(files);
      },
      onDragOver: (event: DragEvent<HTMLTextAreaElement>) => {
        if (!event.dataTransfer.types.includes('Files')) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        setDropping(true);
      },
      onDragLeave: () => setDropping(false),
      onDrop: (event: DragEvent<HTMLTextAreaElement>) => {
        setDropping(false);
        const files = filesOf(event.dataTransfer);
        if (files.length === 0) return;
        event.preventDefault();
        event.currentTarget.focus();
        insert(files);
      },
    },
  };
}
