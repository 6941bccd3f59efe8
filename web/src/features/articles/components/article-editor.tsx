import { COVER_IMAGE_ALT_MAX_LENGTH, describeAsset } from '@inkwell/rules';
import { useEffect, useMemo, useRef, useState, type ChangeEvent, type FormEvent } from 'react';

import { FormError, InputField, TextareaField } from '@/components/ui/field';
import { ImageUpload, UploadProgress } from '@/components/ui/image-upload';
import { toFormErrors } from '@/lib/api-errors';
import { ACCEPTED_IMAGE_TYPES } from '@/lib/asset-upload';

import type { Article } from '../api/get-article';
import { useSaveArticle, type ArticleChanges } from '../api/save-article';
import { EMPTY_FIELDS, fieldsOf, startingFields, toArticleFields, useAutosave } from '../hooks/use-autosave';
import { useBodyImages } from '../hooks/use-body-images';
import { useLeaveGuard } from '../hooks/use-leave-guard';
import type { EditorFields } from '../utils/local-copy';
import { validateArticle, type ArticleField } from '../utils/validate-article';

import { ArticlePreview } from './article-preview';
import { FocalPointPicker } from './focal-point-picker';
import { ImageDialog } from './image-dialog';
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
  const [tagDraft, setTagDraft] = useState('');
  const [coverImage, setCoverImage] = useState<string | null>(start.fields.coverImage);
  const [coverImageAlt, setCoverImageAlt] = useState(start.fields.coverImageAlt);
  const [coverImageFocalPoint, setCoverImageFocalPoint] = useState(start.fields.coverImageFocalPoint);
  const [restored, setRestored] = useState(start.restored);
  const [previewing, setPreviewing] = useState(false);
  // The server's copy as last answered: its status decides what saving means.
  const [server, setServer] = useState(article);
  // Set on the first attempt to send: from then on each problem shows until it is fixed.
  const [checking, setChecking] = useState(false);
  const [problemsShown, setProblemsShown] = useState(0);
  const fields: EditorFields = {
    title,
    description,
    body,
    tagList,
    coverImage,
    coverImageAlt,
    coverImageFocalPoint,
  };
  const drafting = !server || server.status === 'draft';
  const save = useSaveArticle();
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  // The body as it stands, for uploads that finish after more typing.
  const latestBody = useRef(body);
  function changeBody(text: string) {
    latestBody.current = text;
    setBody(text);
  }
  const pendingCursor = useRef<number | null>(null);
  const images = useBodyImages({
    textareaRef: bodyRef,
    read: () => latestBody.current,
    write: changeBody,
    onHidden: (cursor) => {
      pendingCursor.current = cursor;
      setPreviewing(false);
    },
  });
  const uploading = images.pending.length > 0;
  const autosave = useAutosave({
    username,
    article,
    fields,
    // A placeholder is no part of the article: nothing goes to the server while one is in the text.
    enabled: drafting && !save.isPending && !uploading,
    onSaved: (saved, previousSlug) => {
      setServer(saved);
      if (saved.slug !== previousSlug) onMoved(saved, go);
    },
  });
  const go = useLeaveGuard(autosave.dirty);
  const { fieldErrors, formError } = save.isError
    ? toFormErrors(save.error, FIELDS)
    : { fieldErrors: {}, formError: null };
  const problems = checking ? validateArticle(fields, tagDraft) : {};
  const errorOf = (field: ArticleField) => problems[field] ?? fieldErrors[field];

  const formRef = useRef<HTMLFormElement>(null);
  // The first field with a problem takes focus, once the problems are on screen.
  useEffect(() => {
    if (problemsShown > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [problemsShown]);

  /** Checks the article against the contract's limits before sending it; false when something is wrong. */
  function readyToSend(): boolean {
    setChecking(true);
    const found = validateArticle(fields, tagDraft);
    if (Object.keys(found).length === 0) return true;
    if (found.body) setPreviewing(false);
    setProblemsShown((n) => n + 1);
    return false;
  }

  /** Publishes, schedules, unschedules or updates: every field as it stands, with `extra`. */
  async function send(extra: ArticleChanges, after: (saved: Article) => void) {
    if (!readyToSend()) return;
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
    const original = article ? fieldsOf(article) : EMPTY_FIELDS;
    setTitle(original.title);
    setDescription(original.description);
    changeBody(original.body);
    setTagList(original.tagList);
    setCoverImage(original.coverImage);
    setCoverImageAlt(original.coverImageAlt);
    setCoverImageFocalPoint(original.coverImageFocalPoint);
    setRestored(false);
  }

  const imageInput = useRef<HTMLInputElement>(null);

  function chooseImages(event: ChangeEvent<HTMLInputElement>) {
    const files = Array.from(event.target.files ?? []);
    event.target.value = '';
    images.insert(files);
  }

  // After an insertion from the preview, writing goes on right after the placeholder.
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

  const asking = images.asking;
  const previewImages = useMemo(() => [...(server?.images ?? []), ...images.uploaded], [server, images.uploaded]);

  const uploadStatus =
    uploading || images.problems.length > 0 ? (
      <div className="editor-tools__status">
        {images.pending.map((image) => (
          <UploadProgress key={image.id} state={image.upload} label={`Uploading ${image.fileName}`} />
        ))}
        {images.problems.map((problem) => (
          <p key={problem} className="field__error" role="alert">
            {problem}
          </p>
        ))}
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
      <button type="button" className="btn btn--secondary btn--small" onClick={() => imageInput.current?.click()}>
        Insert image
      </button>
      <input
        ref={imageInput}
        type="file"
        accept={ACCEPTED_IMAGE_TYPES.join(',')}
        multiple
        className="visually-hidden"
        tabIndex={-1}
        aria-label="Image to insert into the article"
        onChange={chooseImages}
      />
      {uploadStatus}
    </div>
  );

  return (
    <>
      <form ref={formRef} className="editor stack" onSubmit={submit} noValidate>
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
          error={errorOf('title')}
          required
          className="input input--title"
        />
        <InputField
          label="What is it about?"
          hint="One or two sentences, shown on the article's card."
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          error={errorOf('description')}
          required
        />
        <ImageUpload
          label="Cover image"
          shape="cover"
          value={coverImage}
          onChange={(url) => {
            setCoverImage(url);
            setCoverImageFocalPoint(EMPTY_FIELDS.coverImageFocalPoint);
          }}
          toUrl={describeAsset}
          focalPoint={coverImageFocalPoint}
          hint="Shown at the top of the article and on its card, cropped to the same wide shape everywhere."
        />
        {fieldErrors.coverImage ? <p className="field__error">{fieldErrors.coverImage}</p> : null}
        {coverImage ? (
          <>
            <FocalPointPicker url={coverImage} value={coverImageFocalPoint} onChange={setCoverImageFocalPoint} />
            <InputField
              label="Describe the cover"
              hint="Read out in its place by screen readers. Leave it empty if the picture says nothing the title does not."
              value={coverImageAlt}
              onChange={(e) => setCoverImageAlt(e.target.value)}
              error={fieldErrors.coverImageAlt}
              maxLength={COVER_IMAGE_ALT_MAX_LENGTH}
            />
          </>
        ) : null}
        {previewing ? (
          <section className="field" aria-label="Preview of the article as readers will see it">
            <div className="field__label-row">
              <span className="field__label">Article</span>
              {bodyTools}
            </div>
            <ArticlePreview fields={fields} images={previewImages} />
          </section>
        ) : (
          <TextareaField
            label="Article"
            aside={bodyTools}
            hint="Markdown: **bold**, _italic_, ## headings, [links](https://…). Paste or drop images, or use “Insert image”."
            value={body}
            onChange={(e) => changeBody(e.target.value)}
            {...images.textareaProps}
            error={errorOf('body')}
            textareaRef={bodyRef}
            className={`input input--area${images.dropping ? ' input--dropping' : ''}`}
            rows={16}
            required
          />
        )}
        <TagsInput
          tags={tagList}
          onChange={setTagList}
          draft={tagDraft}
          onDraftChange={setTagDraft}
          error={errorOf('tagList')}
        />
        {fieldErrors.publishedAt ? <p className="field__error">{fieldErrors.publishedAt}</p> : null}
        <div className="editor-footer">
          <SaveStatus state={autosave.state} dirty={autosave.dirty} drafting={drafting} onRetry={autosave.retryNow} />
          <PublishActions
            article={server}
            busy={save.isPending || uploading}
            onPublish={() => void send({ status: 'published', publishedAt: null }, (saved) => onDone(saved, go))}
            onSchedule={(publishedAt) => void send({ status: 'published', publishedAt }, () => undefined)}
            onUnschedule={() => void send({ status: 'draft' }, () => undefined)}
            onUpdate={() => void send({}, (saved) => onDone(saved, go))}
          />
        </div>
      </form>
      {asking ? (
        <ImageDialog
          key={asking.id}
          image={asking}
          waiting={images.waiting}
          onInsert={(described) => images.describe(asking.id, described)}
          onCancel={() => images.cancel(asking.id)}
        />
      ) : null}
    </>
  );
}
