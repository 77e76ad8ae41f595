import { useRef, useState } from 'preact/hooks';
import { normalizeTag, normalizeTags } from '@/lib/lesson-basics';
import { t } from '@/lib/i18n';

interface Props {
  tags: string[];
  suggestions: string[];
  onChange: (tags: string[]) => void;
  /** Enter in an empty tag box: the form's own Enter action (save). */
  onSubmit?: () => void;
  id?: string;
  /** The id of a visible label for the text box, where the field is not wrapped in a `<label>`. */
  labelledBy?: string;
}

/**
 * Tags as removable chips, a text box that adds on Enter or comma, and one-key suggestions. The
 * suggestions are one Tab stop: arrow keys move between them (a roving tabindex).
 */
export function TagInput({ tags, suggestions, onChange, onSubmit, id, labelledBy }: Props) {
  const [text, setText] = useState('');
  const [current, setCurrent] = useState(0);
  const suggestionsRef = useRef<HTMLDivElement>(null);
  const add = (raw: string) => {
    const next = normalizeTags([...tags, ...raw.split(',')]);
    if (next.length !== tags.length) onChange(next);
    setText('');
  };
  const remove = (tag: string) => onChange(tags.filter((kept) => kept !== tag));
  const offered = suggestions.filter((s) => !tags.includes(s)).slice(0, 8);
  const active = Math.min(current, offered.length - 1);

  const focusSuggestion = (i: number) => {
    setCurrent(i);
    suggestionsRef.current?.querySelectorAll<HTMLButtonElement>('.suggestion')[i]?.focus();
  };
  const onSuggestionKey = (e: KeyboardEvent) => {
    const last = offered.length - 1;
    const step: Record<string, number> = { ArrowRight: active + 1, ArrowDown: active + 1, ArrowLeft: active - 1, ArrowUp: active - 1, Home: 0, End: last };
    if (!(e.key in step)) return;
    e.preventDefault();
    focusSuggestion(Math.max(0, Math.min(step[e.key], last)));
  };
  const take = (s: string, i: number) => {
    add(s);
    // The next suggestion takes the place of the one taken, so Enter can go on adding.
    if (offered.length > 1) requestAnimationFrame(() => focusSuggestion(Math.min(i, offered.length - 2)));
  };

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
      <ul class="chips" aria-label={t('forms.tags')}>
        {tags.map((tag) => (
          <li key={tag} class="chip">
            {tag}
            <button type="button" class="chip-x" aria-label={t('forms.removeTag', { tag })} onClick={() => remove(tag)}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <input
        id={id}
        class="tag-input"
        value={text}
        aria-labelledby={labelledBy}
        placeholder={tags.length ? t('forms.addTag') : t('forms.tagsHint')}
        autocomplete="off"
        onInput={(e) => setText((e.target as HTMLInputElement).value)}
        onKeyDown={onKeyDown}
        onBlur={() => normalizeTag(text) && add(text)}
      />
      {offered.length > 0 && (
        <div ref={suggestionsRef} class="suggestions" role="group" aria-label={t('forms.suggestedTags')} onKeyDown={onSuggestionKey}>
          {offered.map((s, i) => (
            <button type="button" key={s} class="suggestion" tabIndex={i === active ? 0 : -1} onClick={() => take(s, i)}>
              + {s}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
