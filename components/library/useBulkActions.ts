import { useState } from 'preact/hooks';
import { errorText } from '@/lib/error-text';
import type { Lesson, Visibility } from '@/lib/lesson';
import { addTag, bulkPatches, removeTag, setVisibility, type BulkChange } from '@/lib/library/bulk';
import { lessonsByIds } from '@/lib/library/load';
import type { LibraryEnv } from './env';
import type { Notify } from './useToast';
import { t } from '@/lib/i18n';

interface Options {
  env: LibraryEnv;
  selected: ReadonlySet<string>;
  /** Takes in the lessons as the worker wrote them, so the list shows them at once. */
  apply: (lessons: readonly Lesson[]) => void;
  notify: Notify;
  /** Called once lessons are deleted (before the toast offering to undo it). */
  onDeleted: (ids: string[]) => void;
}

export interface BulkActions {
  /** A change is being written: the bulk buttons wait. */
  busy: boolean;
  /** Deletes lessons (the selection, a row, the one open) with an Undo in the toast. */
  remove: (ids: string[]) => Promise<void>;
  tag: (tag: string, mode: 'add' | 'remove') => Promise<void>;
  setVisibility: (visibility: Visibility) => Promise<void>;
  /** Lessons just shared that hold secrets or personal data, to decide on (components/redact/HeldLessons). */
  held: Lesson[];
  closeHeld: () => void;
}

/** What the library does to many lessons at once; every outcome is told in the toast. */
export function useBulkActions({ env, selected, apply, notify, onDeleted }: Options): BulkActions {
  const [busy, setBusy] = useState(false);
  const [held, setHeld] = useState<Lesson[]>([]);

  const remove = async (ids: string[]) => {
    if (!ids.length) return;
    setBusy(true);
    try {
      apply(await env.deleteLessons(ids));
      onDeleted(ids);
      notify(t('library.deleted', ids.length), 'ok', {
        label: t('common.undo'),
        run: async () => {
          try {
            apply(await env.restoreLessons(ids));
            notify(t('library.restored', ids.length));
          } catch (e) {
            notify(t('popup.undoFailed', { error: errorText(e) }), 'error');
          }
        },
      });
    } catch (e) {
      notify(t('peek.deleteFailed', { error: errorText(e) }), 'error');
    } finally {
      setBusy(false);
    }
  };

  /** One change to every selected lesson, read fresh from the database so no field is lost. */
  const change = async (what: BulkChange, done: (n: number, changed: Lesson[]) => string | Promise<string>) => {
    setBusy(true);
    try {
      const changed: Lesson[] = [];
      for (const g of bulkPatches(await lessonsByIds(env.db, [...selected]), what)) {
        changed.push(...(await env.updateLessons(g.ids, g.patch)));
      }
      apply(changed);
      notify(await done(changed.length, changed));
    } catch (e) {
      notify(t('library.changeFailed', { error: errorText(e) }), 'error');
    } finally {
      setBusy(false);
    }
  };

  return {
    busy,
    remove,
    tag: (tag, mode) =>
      change(mode === 'add' ? addTag(tag) : removeTag(tag), (n) =>
        mode === 'add' ? t('library.tagged', n, { tag }) : t('library.untagged', n, { tag }),
      ),
    setVisibility: (visibility) =>
      change(setVisibility(visibility), async (n, changed) => {
        if (visibility !== 'team') {
          setHeld([]);
          return t('library.madePrivate', n);
        }
        // The redaction rules load when lessons are shared, not with the page's first rows.
        const [{ lessonsToDecide }, { heldBack }] = await Promise.all([import('../redact/HeldLessons'), import('../redact/held')]);
        setHeld(lessonsToDecide(changed));
        return t('library.shared', n) + heldBack(changed);
      }),
    held,
    closeHeld: () => setHeld([]),
  };
}
