import { ARTICLE_DESCRIPTION_MAX_LENGTH, ARTICLE_TITLE_MAX_LENGTH, describeAsset } from '@inkwell/rules';
import { useEffect, useRef, useState, type ChangeEvent, type FormEvent } from 'react';

import { FormError, InputField, TextareaField } from '@/components/ui/field';
import { ImageUpload, UploadProgress } from '@/components/ui/image-upload';
import { useAssetUpload } from '@/hooks/use-asset-upload';
import { toFormErrors } from '@/lib/api-errors';
import { ACCEPTED_IMAGE_TYPES } from '@/lib/asset-upload';
import { altFromFileName, insertBlock } from '@/utils/text';

import type { Article } from '../api/get-article';
import { useSaveArticle } from '../api/save-article';

import { MarkdownBody } from './markdown-body';
import { TagsInput } from './tags-input';

const FIELDS = ['title', 'description', 'body', 'tagList', 'coverImage'] as const;

interface ArticleEditorProps {
  /** The article being edited; absent for a new one. */
  article?: Article;
  onSaved: (article: Article) => void;
}

export function ArticleEditor({ article, onSaved }: ArticleEditorProps) {
  const [title, setTitle] = useState(article?.title ?? '');
  const [description, setDescription] = useState(article?.description ?? '');
  const [body, setBody] = useState(article?.body ?? '');
  const [tagList, setTagList] = useState<string[]>(article?.tagList ?? []);
  const [coverImage, setCoverImage] = useState<string | null>(article?.coverImage ?? null);
  const [previewing, setPreviewing] = useState(false);
  const save = useSaveArticle();
  const { fieldErrors, formError } = save.isError
    ? toFormErrors(save.error, FIELDS)
    : { fieldErrors: {}, formError: null };

  const bodyRef = useRef<HTMLTextAreaElement>(null);
  // The body as last rendered, for an upload that finishes after more typing.
  const latestBody = useRef(body);
  useEffect(() => {
    latestBody.current = body;
  }, [body]);
  const pendingCursor = useRef<number | null>(null);
  const imageInput = useRef<HTMLInputElement>(null);
  const inline = useAssetUpload();
  const inlineBusy = inline.state.status === 'uploading' || inline.state.status === 'processing';

  async function insertImage(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    // Where the cursor was when the file was chosen; typing may go on while it uploads.
    const textarea = bodyRef.current;
    const selection = { start: textarea?.selectionStart ?? body.length, end: textarea?.selectionEnd ?? body.length };
    const asset = await inline.upload(file);
    if (!asset) return;
    const markdown = `![${altFromFileName(file.name)}](${describeAsset(asset)})`;
    const result = insertBlock(latestBody.current, selection.start, selection.end, markdown);
    pendingCursor.current = result.cursor;
    setBody(result.text);
    setPreviewing(false);
  }

  // After an insertion, writing goes on right after the image.
  useEffect(() => {
    const cursor = pendingCursor.current;
    if (cursor === null || !bodyRef.current) return;
    pendingCursor.current = null;
    bodyRef.current.focus();
    bodyRef.current.setSelectionRange(cursor, cursor);
  }, [body, previewing]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const fields = { title: title.trim(), description: description.trim(), body, tagList, coverImage };
    save.mutate(article ? { slug: article.slug, article: fields } : { slug: null, article: fields }, {
      onSuccess: onSaved,
    });
  }

  const inlineStatus =
    inlineBusy || inline.state.status === 'error' ? (
      <div className="editor-tools__status">
        <UploadProgress state={inline.state} label="Uploading image for the article" />
        {inline.state.status === 'error' ? (
          <p className="field__error" role="alert">
            {inline.state.message}
          </p>
        ) : null}
      </div>
    ) : null;

  const bodyTools = (
    <div className="editor-tools">
      <div className="segmented" role="group" aria-label="Body view">
        <button type="button" aria-pressed={!previewing} onClick={() => setPreviewing(false)}>
          Write
        </button>
        <button type="button" aria-pressed={previewing} onClick={() => setPreviewing(true)}>
          Preview
        </button>
      </div>
      <button
        type="button"
        className="btn btn--secondary btn--small"
        onClick={() => imageInput.current?.click()}
        disabled={inlineBusy}
      >
        Insert image
      </button>
      <input
        ref={imageInput}
        type="file"
        accept={ACCEPTED_IMAGE_TYPES.join(',')}
        className="visually-hidden"
        tabIndex={-1}
        aria-label="Image to insert into the article"
        onChange={insertImage}
      />
      {inlineStatus}
    </div>
  );

  return (
    <form className="editor stack" onSubmit={submit} noValidate>
      <FormError message={formError} />
      <InputField
        label="Title"
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        error={fieldErrors.title}
        required
        maxLength={ARTICLE_TITLE_MAX_LENGTH}
        className="input input--title"
      />
      <InputField
        label="What is it about?"
        hint="One or two sentences, shown on the article's card."
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        error={fieldErrors.description}
        required
        maxLength={ARTICLE_DESCRIPTION_MAX_LENGTH}
      />
      <ImageUpload
        label="Cover image"
        shape="cover"
        value={coverImage}
        onChange={setCoverImage}
        toUrl={describeAsset}
        hint="Shown at the top of the article and on its card. Wide images work best."
      />
      {fieldErrors.coverImage ? <p className="field__error">{fieldErrors.coverImage}</p> : null}
      {previewing ? (
        <section className="field" aria-label="Preview of the body">
          <div className="field__label-row">
            <span className="field__label">Article</span>
            {bodyTools}
          </div>
          <div className="editor-preview">
            {body.trim() ? <MarkdownBody markdown={body} /> : <p className="muted">Nothing to preview yet.</p>}
          </div>
        </section>
      ) : (
        <TextareaField
          label="Article"
          aside={bodyTools}
          hint="Markdown: **bold**, _italic_, ## headings, [links](https://…), images with “Insert image”."
          value={body}
          onChange={(e) => setBody(e.target.value)}
          error={fieldErrors.body}
          textareaRef={bodyRef}
          rows={16}
          required
        />
      )}
      <TagsInput tags={tagList} onChange={setTagList} error={fieldErrors.tagList} />
      <div className="form-actions">
        <button type="submit" className="btn btn--primary" disabled={save.isPending || inlineBusy}>
          {save.isPending ? 'Publishing…' : article ? 'Save changes' : 'Publish article'}
        </button>
      </div>
    </form>
  );
}
