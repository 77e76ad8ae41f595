import { useState } from 'preact/hooks';
import { normalizeTag, normalizeTags } from '@/lib/lesson-basics';

interface Props {
  tags: string[];
  suggestions: string[];
  onChange: (tags: string[]) => void;
  /** Enter in an empty tag box: the form's own Enter action (save). */
  onSubmit?: () => void;
  id?: string;
}

/** Tags as removable chips, a text box that adds on Enter or comma, and one-key suggestions. */
export function TagInput({ tags, suggestions, onChange, onSubmit, id }: Props) {
  const [text, setText] = useState('');
  const add = (raw: string) => {
    const next = normalizeTags([...tags, ...raw.split(',')]);
    if (next.length !== tags.length) onChange(next);
    setText('');
  };
  const remove = (tag: string) => onChange(tags.filter((t) => t !== tag));
  const offered = suggestions.filter((s) => !tags.includes(s)).slice(0, 8);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      e.stopPropagation();
      if (normalizeTag(text)) add(text);
      else onSubmit?.();
    } else if (e.key === ',') {
      e.preventDefault();
      add(text);
    } else if (e.key === 'Backspace' && !text && tags.length) {
      remove(tags[tags.length - 1]);
    }
  };

  return (
    <div class="tags">
      <ul class="chips" aria-label="Tags">
        {tags.map((t) => (
          <li key={t} class="chip">
            {t}
            <button type="button" class="chip-x" aria-label={`Remove tag ${t}`} onClick={() => remove(t)}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <input
        id={id}
        class="tag-input"
        value={text}
        placeholder={tags.length ? 'Add a tag' : 'Tags (Enter or comma to add)'}
        autocomplete="off"
        onInput={(e) => setText((e.target as HTMLInputElement).value)}
        onKeyDown={onKeyDown}
        onBlur={() => normalizeTag(text) && add(text)}
      />
      {offered.length > 0 && (
        <div class="suggestions" aria-label="Suggested tags">
          {offered.map((s) => (
            <button type="button" key={s} class="suggestion" onClick={() => add(s)}>
              + {s}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
