import { InkwellApiError } from '@inkwell/client';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';

import { describeError } from '@/lib/api-errors';

import { articleKeys } from '../api/article-keys';
import type { Article } from '../api/get-article';
import { createArticle, updateArticle } from '../api/save-article';
import { readLocalCopy, removeLocalCopy, writeLocalCopy, type EditorFields } from '../utils/local-copy';

/** The pause in typing after which the work goes to the server. */
export const AUTOSAVE_DELAY_MS = 1000;
const FIRST_RETRY_MS = 2000;
const LAST_RETRY_MS = 30_000;

export type SaveState =
  | { status: 'idle' }
  | { status: 'saving' }
  | { status: 'saved'; at: Date }
  | { status: 'failed'; message: string; retrying: boolean };

export const EMPTY_FIELDS: EditorFields = {
  title: '',
  description: '',
  body: '',
  tagList: [],
  coverImage: null,
  coverImageAlt: '',
  coverImageFocalPoint: { x: 0.5, y: 0.5 },
};

export function fieldsOf(article: Article): EditorFields {
  return {
    title: article.title,
    description: article.description,
    body: article.body,
    tagList: article.tagList,
    coverImage: article.coverImage,
    coverImageAlt: article.coverImageAlt,
    coverImageFocalPoint: article.coverImageFocalPoint,
  };
}

/** What the contract asks of every article, a draft too: a title, a description and a body. */
export function canGoToServer(fields: EditorFields): boolean {
  return Boolean(fields.title.trim() && fields.description.trim() && fields.body.trim());
}

export function toArticleFields(fields: EditorFields) {
  return { ...fields, title: fields.title.trim(), description: fields.description.trim() };
}

const serialize = (fields: EditorFields) => JSON.stringify(toArticleFields(fields));

/** The work the editor starts from: the local copy when it is newer than the server's. */
export function startingFields(username: string, article: Article | undefined) {
  const local = readLocalCopy(username, article?.slug ?? null);
  const newer = local && (!article || local.editedAt > Date.parse(article.updatedAt));
  // A copy kept before the editor had a field lacks it: the field starts as in a new article.
  const kept = local && { ...EMPTY_FIELDS, ...local.fields };
  return {
    fields: newer && kept ? kept : article ? fieldsOf(article) : EMPTY_FIELDS,
    restored: Boolean(newer && kept && (!article || serialize(kept) !== serialize(fieldsOf(article)))),
  };
}

interface AutosaveOptions {
  username: string;
  /** The article as the server has it; absent for a new one. */
  article: Article | undefined;
  fields: EditorFields;
  /** Sends to the server after each pause (a draft); otherwise only the local copy is kept. */
  enabled: boolean;
  /** The server's copy changed (and with it, perhaps, the slug). */
  onSaved: (article: Article, previousSlug: string | null) => void;
}

/**
 * Never lose work: every change goes into the local copy at once; a draft goes to the server on
 * each pause in typing, one request at a time, later edits waiting for the next one; a failure
 * is retried with a growing delay. The local copy goes once the server holds the same text.
 */
export function useAutosave({ username, article, fields, enabled, onSaved }: AutosaveOptions) {
  const queryClient = useQueryClient();
  const text = serialize(fields);
  const [confirmed, setConfirmed] = useState(() => serialize(article ? fieldsOf(article) : EMPTY_FIELDS));
  const [slug, setSlug] = useState<string | null>(article?.slug ?? null);
  const [state, setState] = useState<SaveState>({ status: 'idle' });
  const dirty = text !== confirmed;

  const latest = useRef({ fields, slug, confirmed, onSaved });
  useEffect(() => {
    latest.current = { fields, slug, confirmed, onSaved };
  });
  const [saver] = useState(() => {
    let chain: Promise<void> = Promise.resolve();
    let queued = false;
    let failures = 0;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let live = false;

    async function send() {
      const { fields: snapshot, slug: current, confirmed: before } = latest.current;
      const sent = serialize(snapshot);
      if (sent === before || !canGoToServer(snapshot)) return;
      setState({ status: 'saving' });
      try {
        const saved =
          current === null
            ? await createArticle({ ...toArticleFields(snapshot), status: 'draft' })
            : await updateArticle(current, toArticleFields(snapshot));
        failures = 0;
        latest.current = { ...latest.current, slug: saved.slug, confirmed: sent };
        setSlug(saved.slug);
        setConfirmed(sent);
        queryClient.setQueryData(articleKeys.detail(saved.slug), saved);
        void queryClient.invalidateQueries({ queryKey: articleKeys.lists() });
        if (current !== saved.slug) {
          // The local copy follows the slug, if it holds more than the server now has.
          const copy = readLocalCopy(username, current);
          removeLocalCopy(username, current);
          if (copy && serialize(copy.fields) !== sent) writeLocalCopy(username, saved.slug, copy);
        }
        setState({ status: 'saved', at: new Date() });
        // Once the writer has left, the answer must not take them back to the editor.
        if (live) latest.current.onSaved(saved, current);
      } catch (error) {
        // A refusal of the text itself would be refused again: it waits for the next edit.
        const retrying = !(error instanceof InkwellApiError && error.status === 422);
        setState({ status: 'failed', message: describeError(error), retrying });
        if (retrying && live) {
          const delay = Math.min(LAST_RETRY_MS, FIRST_RETRY_MS * 2 ** failures);
          failures += 1;
          retryTimer = setTimeout(queue, delay);
        }
      }
    }

    /** One save at a time: a save asked for while one is in flight runs after it, once. */
    function queue() {
      clearTimeout(retryTimer);
      if (queued) return;
      queued = true;
      chain = chain.then(() => {
        queued = false;
        return send();
      });
    }

    return {
      queue,
      settled: () => chain,
      start: () => {
        live = true;
      },
      stop: () => {
        live = false;
        clearTimeout(retryTimer);
      },
    };
  });
  const queue = saver.queue;

  // Every change is kept on this device until the server has it.
  useEffect(() => {
    if (dirty) writeLocalCopy(username, slug, { fields: JSON.parse(text) as EditorFields, editedAt: Date.now() });
    else removeLocalCopy(username, slug);
  }, [dirty, text, slug, username]);

  // A pause in typing sends the draft.
  useEffect(() => {
    if (!enabled || !dirty) return;
    const timer = setTimeout(queue, AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [enabled, dirty, text, queue]);

  useEffect(() => {
    saver.start();
    return saver.stop;
  }, [saver]);

  return {
    state,
    dirty,
    retryNow: queue,
    /** Resolves once no save is in flight (before publishing, so the article is not made twice). */
    settled: saver.settled,
    /** The slug as of the last answer, read after `settled()` (a render's `slug` may be older). */
    currentSlug: () => latest.current.slug,
    /** The server has these fields now (published or updated by hand). */
    confirm: (article: Article, fields: EditorFields) => {
      const sent = serialize(fields);
      latest.current = { ...latest.current, slug: article.slug, confirmed: sent };
      setSlug(article.slug);
      setConfirmed(sent);
      removeLocalCopy(username, slug);
      removeLocalCopy(username, article.slug);
    },
  };
}
