import { TAG_LIST_MAX_ITEMS, TAG_MAX_LENGTH, textLength } from '@inkwell/rules';
import { useId, useState, type KeyboardEvent } from 'react';

interface TagsInputProps {
  tags: string[];
  onChange: (tags: string[]) => void;
  error?: string | undefined;
}

/** Type a tag, press Enter or comma; Backspace in the empty box removes the last one. */
export function TagsInput({ tags, onChange, error }: TagsInputProps) {
  const id = useId();
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  function add(raw: string) {
    const tag = raw.trim().replace(/^#/, '');
    if (!tag) return;
    if (tags.some((t) => t.toLowerCase() === tag.toLowerCase())) {
      setProblem(`“${tag}” is already there.`);
    } else if (tags.length >= TAG_LIST_MAX_ITEMS) {
      setProblem(`An article can have at most ${TAG_LIST_MAX_ITEMS} tags. Remove one to add another.`);
    } else if (textLength(tag) > TAG_MAX_LENGTH) {
      setProblem(`Tags can be at most ${TAG_MAX_LENGTH} characters long.`);
    } else {
      onChange([...tags, tag]);
      setProblem(null);
    }
    setDraft('');
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      add(draft);
    } else if (event.key === 'Backspace' && draft === '' && tags.length > 0) {
      onChange(tags.slice(0, -1));
    }
  }

  const message = error ?? problem;
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
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={onKeyDown}
          // A tag typed but not yet confirmed is kept when the field loses focus.
          onBlur={() => add(draft)}
          aria-describedby={`${id}-hint${message ? ` ${id}-error` : ''}`}
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
