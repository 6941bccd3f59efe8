import {
  ARTICLE_DESCRIPTION_MAX_LENGTH,
  ARTICLE_TITLE_MAX_LENGTH,
  COVER_IMAGE_ALT_MAX_LENGTH,
  describeAsset,
} from '@inkwell/rules';
import { useEffect, useRef, useState, type ChangeEvent, type FormEvent } from 'react';

import { FormError, InputField, TextareaField } from '@/components/ui/field';
import { ImageUpload, UploadProgress } from '@/components/ui/image-upload';
import { useAssetUpload } from '@/hooks/use-asset-upload';
import { toFormErrors } from '@/lib/api-errors';
import { ACCEPTED_IMAGE_TYPES } from '@/lib/asset-upload';
import { altFromFileName, insertBlock } from '@/utils/text';

import type { Article } from '../api/get-article';
import { useSaveArticle, type ArticleChanges } from '../api/save-article';
import { startingFields, toArticleFields, useAutosave } from '../hooks/use-autosave';
import { useLeaveGuard } from '../hooks/use-leave-guard';
import type { EditorFields } from '../utils/local-copy';

import { ArticlePreview } from './article-preview';
import { PublishActions } from './publish-actions';
import { SaveStatus } from './save-status';
import { TagsInput } from './tags-input';

const FIELDS = ['title', 'description', 'body', 'tagList', 'coverImage', 'coverImageAlt', 'publishedAt'] as const;

interface ArticleEditorProps {
  /** The article being edited (a draft, scheduled or published); absent for a new one. */
  article?: Article;
  /** Whose work this is: the local copy is kept per writer. */
  username: string;
  /** The server's copy has a new slug (a new draft, a new title): the address follows. */
  onMoved: (article: Article, go: (navigate: () => void) => void) => void;
  /** Published or updated by hand: the editor is done. */
  onDone: (article: Article, go: (navigate: () => void) => void) => void;
}

/**
 * A new article or a draft is saved as a draft on every pause in typing, and published (now or
 * at a chosen time) by hand. A published or scheduled article is never changed behind its
 * writer's back: edits stay in a local copy on this device until "Update".
 */
export function ArticleEditor({ article, username, onMoved, onDone }: ArticleEditorProps) {
  const [start] = useState(() => startingFields(username, article));
  const [title, setTitle] = useState(start.fields.title);
  const [description, setDescription] = useState(start.fields.description);
  const [body, setBody] = useState(start.fields.body);
  const [tagList, setTagList] = useState<string[]>(start.fields.tagList);
  const [coverImage, setCoverImage] = useState<string | null>(start.fields.coverImage);
  const [coverImageAlt, setCoverImageAlt] = useState(start.fields.coverImageAlt);
  const [restored, setRestored] = useState(start.restored);
  const [previewing, setPreviewing] = useState(false);
  // The server's copy as last answered: its status decides what saving means.
  const [server, setServer] = useState(article);
  const fields: EditorFields = { title, description, body, tagList, coverImage, coverImageAlt };
  const drafting = !server || server.status === 'draft';
  const save = useSaveArticle();
  const autosave = useAutosave({
    username,
    article,
    fields,
    enabled: drafting && !save.isPending,
    onSaved: (saved, previousSlug) => {
      setServer(saved);
      if (saved.slug !== previousSlug) onMoved(saved, go);
    },
  });
  const go = useLeaveGuard(autosave.dirty);
  const { fieldErrors, formError } = save.isError
    ? toFormErrors(save.error, FIELDS)
    : { fieldErrors: {}, formError: null };

  /** Publishes, schedules, unschedules or updates: every field as it stands, with `extra`. */
  async function send(extra: ArticleChanges, after: (saved: Article) => void) {
    await autosave.settled();
    const sent = fields;
    const slug = autosave.currentSlug();
    const article = { ...toArticleFields(sent), ...extra };
    save.mutate(slug === null ? { slug: null, article } : { slug, article }, {
      onSuccess: (saved) => {
        autosave.confirm(saved, sent);
        setServer(saved);
        after(saved);
      },
    });
  }

  function discardRestored() {
    const original = article ?? null;
    setTitle(original?.title ?? '');
    setDescription(original?.description ?? '');
    setBody(original?.body ?? '');
    setTagList(original?.tagList ?? []);
    setCoverImage(original?.coverImage ?? null);
    setCoverImageAlt(original?.coverImageAlt ?? '');
    setRestored(false);
  }

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

  // The form's own submit (Enter in a field): publishing a draft takes its button, never a key.
  function submit(event: FormEvent) {
    event.preventDefault();
    if (drafting) autosave.retryNow();
    else void send({}, (saved) => onDone(saved, go));
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
      {restored ? (
        <div className="notice notice--success" role="status">
          <p>Your unsaved changes from this device were restored.</p>
          <button type="button" className="btn btn--quiet btn--small" onClick={discardRestored}>
            Discard them
          </button>
        </div>
      ) : null}
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
      {coverImage ? (
        <InputField
          label="Describe the cover"
          hint="Read out in its place by screen readers. Leave it empty if the picture says nothing the title does not."
          value={coverImageAlt}
          onChange={(e) => setCoverImageAlt(e.target.value)}
          error={fieldErrors.coverImageAlt}
          maxLength={COVER_IMAGE_ALT_MAX_LENGTH}
        />
      ) : null}
      {previewing ? (
        <section className="field" aria-label="Preview of the article as readers will see it">
          <div className="field__label-row">
            <span className="field__label">Article</span>
            {bodyTools}
          </div>
          <ArticlePreview fields={fields} />
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
      {fieldErrors.publishedAt ? <p className="field__error">{fieldErrors.publishedAt}</p> : null}
      <div className="editor-footer">
        <SaveStatus state={autosave.state} dirty={autosave.dirty} drafting={drafting} onRetry={autosave.retryNow} />
        <PublishActions
          article={server}
          busy={save.isPending || inlineBusy}
          onPublish={() => void send({ status: 'published', publishedAt: null }, (saved) => onDone(saved, go))}
          onSchedule={(publishedAt) => void send({ status: 'published', publishedAt }, () => undefined)}
          onUnschedule={() => void send({ status: 'draft' }, () => undefined)}
          onUpdate={() => void send({}, (saved) => onDone(saved, go))}
        />
      </div>
    </form>
  );
}
