import { TAG_LIST_MAX_ITEMS, TAG_MAX_LENGTH, textLength } from '@inkwell/rules';
import { useId, useState, type KeyboardEvent } from 'react';

interface TagsInputProps {
  tags: string[];
  onChange: (tags: string[]) => void;
  /** What is typed and not a tag yet: the editor keeps it, to check it when the article is sent. */
  draft: string;
  onDraftChange: (draft: string) => void;
  error?: string | undefined;
}

const isChosen = (tag: string, tags: readonly string[]) => tags.some((t) => t.toLowerCase() === tag.toLowerCase());

/** Why `tag` cannot join `tags` (chosen already, too long, one too many), or null when it can. */
function whyNotAdded(tag: string, tags: readonly string[]): string | null {
  if (isChosen(tag, tags)) return `“${tag}” is already there.`;
  if (textLength(tag) > TAG_MAX_LENGTH)
    return `A tag can be at most ${TAG_MAX_LENGTH} characters long; this one has ${textLength(tag)}. Shorten it to add it.`;
  if (tags.length >= TAG_LIST_MAX_ITEMS)
    return `An article can have at most ${TAG_LIST_MAX_ITEMS} tags. Remove one to add another.`;
  return null;
}

/**
 * Type a tag, press Enter or comma; Backspace in the empty box removes the last one. A tag that
 * cannot be added yet (too long, one too many) stays in the box with the reason, to be fixed.
 */
export function TagsInput({ tags, onChange, draft, onDraftChange, error }: TagsInputProps) {
  const id = useId();
  const [problem, setProblem] = useState<string | null>(null);

  /** Adds the typed tag; when it cannot be added, says why (`explain`) or leaves that to the send check. */
  function add(raw: string, explain: boolean) {
    const tag = raw.trim().replace(/^#/, '');
    if (!tag) return;
    const why = whyNotAdded(tag, tags);
    if (why === null) onChange([...tags, tag]);
    // A tag chosen already leaves the box; one to fix stays in it.
    if (why === null || isChosen(tag, tags)) onDraftChange('');
    if (explain || why === null) setProblem(why);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      add(draft, true);
    } else if (event.key === 'Backspace' && draft === '' && tags.length > 0) {
      onChange(tags.slice(0, -1));
    }
  }

  const message = problem ?? error;
  return (
    <div className={`field${message ? ' field--invalid' : ''}`}>
      <label htmlFor={id} className="field__label">
        Tags
      </label>
      <div className="tags-input">
        {tags.length > 0 ? (
          <ul className="tag-list" aria-label="Chosen tags">
            {tags.map((tag) => (
              <li key={tag} className="tag tag--removable">
                {tag}
                <button
                  type="button"
                  onClick={() => onChange(tags.filter((t) => t !== tag))}
                  aria-label={`Remove tag ${tag}`}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <input
          id={id}
          className="tags-input__box"
          value={draft}
          onChange={(event) => {
            onDraftChange(event.target.value);
            setProblem(null);
          }}
          onKeyDown={onKeyDown}
          // A tag typed but not yet confirmed is kept when the field loses focus. One that cannot
          // be added waits in the box: a message now would move the button being clicked.
          onBlur={() => add(draft, false)}
          aria-describedby={`${id}-hint${message ? ` ${id}-error` : ''}`}
          aria-invalid={message ? true : undefined}
          placeholder={tags.length === 0 ? 'design, travel, …' : ''}
          enterKeyHint="done"
        />
      </div>
      <p id={`${id}-hint`} className="field__hint">
        Press Enter or comma after each tag; up to {TAG_LIST_MAX_ITEMS}.
      </p>
      {message ? (
        <p id={`${id}-error`} className="field__error">
          {message}
        </p>
      ) : null}
    </div>
  );
}
