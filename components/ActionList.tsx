import { useRef } from 'preact/hooks';
import type { Action } from '@/lib/lesson';
import { uuidv7 } from '@/lib/id';
import { t } from '@/lib/i18n';

interface Props {
  actions: Action[];
  onChange: (actions: Action[]) => void;
  /** Prefix for the inputs' names, so two lists on one page stay apart. */
  name?: string;
}

/**
 * Follow-up actions (text, owner, due, done), edited in place. A blank row always waits at the
 * end: typing into it makes it an action, so nothing half-typed is lost when the form is saved.
 * Rows whose text is empty are dropped by `cleanActions` (lib/actions.ts) on save.
 */
export function ActionList({ actions, onChange, name = 'action' }: Props) {
  const blankId = useRef(uuidv7());
  const rows = [...actions, { id: blankId.current, text: '', done: false } as Action];

  const change = (id: string, patch: Partial<Action>) => {
    if (id === blankId.current) {
      blankId.current = uuidv7();
      onChange([...actions, { id, text: '', done: false, ...patch }]);
    } else {
      onChange(actions.map((a) => (a.id === id ? { ...a, ...patch } : a)));
    }
  };
  const remove = (id: string) => onChange(actions.filter((a) => a.id !== id));
  const value = (e: Event) => (e.target as HTMLInputElement).value;

  return (
    <fieldset class="actions">
      <legend>{t('forms.actions')}</legend>
      <ul class="action-rows">
        {rows.map((a, i) => {
          const blank = a.id === blankId.current;
          return (
            <li key={a.id} class={`action-row${a.done ? ' is-done' : ''}`}>
              <input
                type="checkbox"
                class="action-done"
                name={`${name}-done-${i}`}
                aria-label={t('forms.actionDone')}
                checked={a.done}
                disabled={blank}
                onChange={(e) => {
                  const done = (e.target as HTMLInputElement).checked;
                  change(a.id, done ? { done, doneAt: new Date().toISOString() } : { done, doneAt: undefined });
                }}
              />
              <input
                class="action-text"
                name={`${name}-text-${i}`}
                aria-label={blank ? t('forms.newAction') : t('forms.action')}
                placeholder={blank ? t('forms.addAction') : ''}
                autocomplete="off"
                value={a.text}
                onInput={(e) => change(a.id, { text: value(e) })}
              />
              <input
                class="action-owner"
                name={`${name}-owner-${i}`}
                aria-label={t('forms.owner')}
                placeholder={t('forms.owner')}
                autocomplete="off"
                value={a.owner ?? ''}
                onInput={(e) => change(a.id, { owner: value(e) || undefined })}
              />
              <input
                type="date"
                class="action-due"
                name={`${name}-due-${i}`}
                aria-label={t('forms.due')}
                value={a.due ?? ''}
                onInput={(e) => change(a.id, { due: value(e) || undefined })}
              />
              {!blank && (
                <button type="button" class="action-x" aria-label={t('forms.removeAction', { action: a.text })} onClick={() => remove(a.id)}>
                  ×
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
