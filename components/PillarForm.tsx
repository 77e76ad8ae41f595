import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { cleanActions } from '@/lib/actions';
import type { Action, Pillar, Visibility } from '@/lib/lesson';
import { PILLAR_INFO } from '@/lib/pillars';
import { emptyFields, isBlank } from '@/lib/templates';
import { ActionList } from './ActionList';
import { PillarPicker } from './PillarPicker';
import { TagInput } from './TagInput';
import { VisibilityPicker } from './VisibilityPicker';
import { useFocusOnOpen } from './focus-on-open';
import { useSaving } from './hooks/useSaving';
import { t } from '@/lib/i18n';

export interface PillarFormValues {
  /** One answer per question of the pillar's template, in order. */
  fields: string[];
  note: string;
  actions: Action[];
  tags: string[];
  visibility: Visibility;
}

interface Props {
  /** Names the form (and its dialog) for screen readers and the eye. */
  heading: string;
  pillar: Pillar;
  /** When given, the person may change the pillar (answering a question); else the template is fixed. */
  onPillarChange?: (pillar: Pillar) => void;
  /** What the form is about: the question, the page, the quote. */
  children?: ComponentChildren;
  initial?: Partial<PillarFormValues>;
  suggestions: string[];
  submitLabel: string;
  onSubmit: (values: PillarFormValues) => Promise<void>;
  onCancel: () => void;
}

const FIELDS = 'input:not([type=hidden]):not(:disabled), textarea:not(:disabled), select:not(:disabled)';

/**
 * A pillar's template as a keyboard-first form: Tab between fields, Enter in a one-line field
 * moves on (and saves from the last one), Ctrl/Cmd+Enter saves from anywhere, Escape closes.
 * A failed save shows its error and keeps everything typed.
 */
export function PillarForm({ heading, pillar, onPillarChange, children, initial, suggestions, submitLabel, onSubmit, onCancel }: Props) {
  const [fields, setFields] = useState<string[]>(() => initial?.fields ?? emptyFields(pillar));
  const [note, setNote] = useState(initial?.note ?? '');
  const [actions, setActions] = useState<Action[]>(initial?.actions ?? []);
  const [tags, setTags] = useState<string[]>(initial?.tags ?? []);
  const [visibility, setVisibility] = useState<Visibility>(initial?.visibility ?? 'private');
  const { saving, error, setError, save: run } = useSaving((why) => t('forms.saveFailed', { error: why }), { closes: true });
  const form = useRef<HTMLFormElement>(null);
  const questions = PILLAR_INFO[pillar].questions;

  useFocusOnOpen(() => form.current?.querySelector<HTMLElement>(onPillarChange ? 'input[type=radio]:checked' : 'textarea'));

  const save = async () => {
    if (saving) return;
    if (isBlank(fields, note)) {
      setError(t('forms.empty'));
      return;
    }
    await run(() => onSubmit({ fields: questions.map((_, i) => fields[i] ?? ''), note, actions: cleanActions(actions), tags, visibility }));
  };

  /** Focus the next field after `from`; from the last field, save. Radio groups are one stop. */
  const moveOn = (from: Element | null) => {
    const all = [...(form.current?.querySelectorAll<HTMLElement>(FIELDS) ?? [])].filter(
      (el) => !(el instanceof HTMLInputElement && el.type === 'radio' && !el.checked),
    );
    const next = all[all.indexOf(from as HTMLElement) + 1];
    if (next) next.focus();
    else void save();
  };

  // Capture phase: Escape and Ctrl/Cmd+Enter win over fields that handle Enter themselves (tags).
  const onKeyDownCapture = (e: KeyboardEvent) => {
    if (e.isComposing) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onCancel();
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      e.stopPropagation();
      void save();
    }
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.defaultPrevented || e.isComposing) return;
    if (e.key === 'Enter' && !e.shiftKey && e.target instanceof HTMLInputElement) {
      e.preventDefault();
      moveOn(e.target);
    }
  };

  const setField = (i: number, text: string) => setFields((fs) => questions.map((_, j) => (j === i ? text : (fs[j] ?? ''))));
  const id = (part: string) => `pf-${pillar}-${part}`;

  return (
    <form
      ref={form}
      class={`pillar-form pillar-form-${pillar}`}
      aria-label={heading}
      onKeyDownCapture={onKeyDownCapture}
      onKeyDown={onKeyDown}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2 class="form-heading">{heading}</h2>
      {children}
      {onPillarChange && <PillarPicker name="pillar-form-kind" value={pillar} onChange={onPillarChange} />}
      {questions.map((q, i) => (
        <label class="field" key={`${pillar}-${i}`}>
          <span>{PILLAR_INFO[pillar].asked[i] ?? q}</span>
          <textarea
            id={id(`q${i}`)}
            rows={2}
            value={fields[i] ?? ''}
            onInput={(e) => setField(i, (e.target as HTMLTextAreaElement).value)}
          />
        </label>
      ))}
      <label class="field">
        <span>{t('common.note')}</span>
        <textarea id={id('note')} rows={2} value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
      </label>
      <ActionList actions={actions} onChange={setActions} name={id('action')} />
      <label class="field">
        <span>{t('forms.tags')}</span>
        <TagInput id={id('tags')} tags={tags} suggestions={suggestions} onChange={setTags} onSubmit={() => moveOn(document.activeElement)} />
      </label>
      <VisibilityPicker name={id('visibility')} value={visibility} onChange={setVisibility} />
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <footer class="form-foot">
        <span class="hint">{t('forms.keys')}</span>
        <button type="button" class="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" class="primary" disabled={saving}>
          {saving ? t('common.saving') : submitLabel}
        </button>
      </footer>
    </form>
  );
}
