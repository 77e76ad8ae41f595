import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { LessonDb } from '@/lib/db/database';
import type { Lesson, LessonPatch, Visibility } from '@/lib/lesson';
import { heldBack } from '../redact/held';
import { addTag, bulkPatches, removeTag, setVisibility, type BulkChange } from '@/lib/library/bulk';
import { lessonsByIds } from '@/lib/library/load';
import { filtersToParams, isUnfiltered, type LibraryFilters } from '@/lib/library/filters';
import { sendMessage } from '@/lib/messaging';
import { LessonEditor } from '../LessonEditor';
import { Toast } from '../Toast';
import { BulkBar } from './BulkBar';
import { FilterBar } from './FilterBar';
import { LessonList } from './LessonList';
import { lazyView } from './lazyView';
import { useLibrary } from './useLibrary';
import { errorText } from '@/lib/error-text';

const DigestView = lazyView(() => import('./DigestView').then((m) => m.DigestView));
const TransferView = lazyView(() => import('./TransferView').then((m) => m.TransferView));

type View = 'lessons' | 'digest' | 'transfer';
const VIEWS: { id: View; label: string }[] = [
  { id: 'lessons', label: 'Lessons' },
  { id: 'digest', label: 'Weekly look back' },
  { id: 'transfer', label: 'Export & import' },
];

interface ToastState {
  key: number;
  message: string;
  tone: 'ok' | 'error';
  actionLabel?: string;
  onAction?: () => void;
}

const params = () => new URLSearchParams(location.search);
const viewOf = (p: URLSearchParams): View => (VIEWS.some((v) => v.id === p.get('view')) ? (p.get('view') as View) : 'lessons');

/** Rewrites the page URL in place, so every view can be bookmarked without filling the history. */
function writeUrl(p: URLSearchParams) {
  const query = p.toString();
  history.replaceState(null, '', `${location.pathname}${query ? `?${query}` : ''}`);
}

const typingIn = (t: EventTarget | null) =>
  t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

interface Props {
  db: LessonDb;
  /** The newest lessons, being read while the page loads. */
  first: Promise<Lesson[]>;
  /** The filters the page URL names. */
  initialFilters: LibraryFilters;
}

export function LibraryApp({ db, first, initialFilters }: Props) {
  const data = useLibrary(db, first);
  const { index, version, apply } = data;
  const [filters, setFilters] = useState<LibraryFilters>(initialFilters);
  const [view, setView] = useState<View>(() => viewOf(params()));
  const [week, setWeek] = useState<string | undefined>(() => params().get('week') ?? undefined);
  const [openId, setOpenId] = useState<string | null>(() => params().get('lesson'));
  const [editing, setEditing] = useState<Lesson | null>(null);
  const [missing, setMissing] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [activeId, setActiveId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [toast, setToast] = useState<ToastState | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const listFocus = useRef<() => void>(() => {});

  const notify = useCallback((message: string, tone: 'ok' | 'error' = 'ok', action?: { label: string; run: () => void }) => {
    setToast({ key: Date.now(), message, tone, actionLabel: action?.label, onAction: action?.run });
  }, []);

  const rows = useMemo(() => {
    if (index) return index.query(filters);
    return data.first && isUnfiltered(filters) && filters.sort === 'newest' ? data.first : null;
  }, [index, version, filters, data.first]);

  const activeIndex = useMemo(() => (rows && activeId ? rows.findIndex((r) => r.id === activeId) : -1), [rows, activeId]);

  // In the same commit as the list it describes: a bookmark taken as the results appear is that view.
  useLayoutEffect(() => {
    const p = filtersToParams(filters, params());
    writeUrl(p);
  }, [filters]);

  const setParam = (name: string, value: string | null | undefined) => {
    const p = params();
    if (value) p.set(name, value);
    else p.delete(name);
    writeUrl(p);
  };

  const go = (v: View) => {
    setView(v);
    setParam('view', v === 'lessons' ? null : v);
  };
  const open = (id: string) => {
    setOpenId(id);
    setActiveId(id);
    setParam('lesson', id);
  };
  const close = () => {
    setOpenId(null);
    setEditing(null);
    setParam('lesson', null);
    if (view === 'lessons') requestAnimationFrame(() => listFocus.current());
  };

  useEffect(() => {
    if (!openId) return;
    let live = true;
    setMissing(false);
    db.lessons
      .get(openId)
      .then((l) => {
        if (!live) return;
        if (!l || l.deletedAt) {
          setEditing(null);
          setMissing(true);
        } else setEditing(l);
      })
      .catch((e) => live && notify(`The lesson could not be read: ${errorText(e)}`, 'error'));
    return () => {
      live = false;
    };
  }, [db, openId, version]);

  useEffect(() => {
    const onPop = () => {
      const p = params();
      void import('@/lib/library/filter-schema').then((m) => setFilters(m.filtersFromParams(p)));
      setView(viewOf(p));
      setOpenId(p.get('lesson'));
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '/' && !typingIn(e.target)) {
        e.preventDefault();
        if (view !== 'lessons') go('lessons');
        requestAnimationFrame(() => searchRef.current?.focus());
      } else if (e.key === 'Escape' && openId) {
        close();
      } else if (e.key === 'ArrowDown' && e.target === searchRef.current) {
        e.preventDefault();
        listFocus.current();
      }
    };
    addEventListener('popstate', onPop);
    addEventListener('keydown', onKey);
    return () => {
      removeEventListener('popstate', onPop);
      removeEventListener('keydown', onKey);
    };
  });

  const remove = async (ids: string[]) => {
    if (!ids.length) return;
    setBusy(true);
    try {
      apply(await sendMessage('deleteLessons', { ids }));
      setSelected(new Set());
      if (openId && ids.includes(openId)) close();
      notify(`Deleted ${plural(ids.length, 'lesson')}`, 'ok', {
        label: 'Undo',
        run: async () => {
          try {
            apply(await sendMessage('restoreLessons', { ids }));
            notify(`Restored ${plural(ids.length, 'lesson')}`);
          } catch (e) {
            notify(`Could not undo: ${errorText(e)}`, 'error');
          }
        },
      });
    } catch (e) {
      notify(`Could not delete: ${errorText(e)}`, 'error');
    } finally {
      setBusy(false);
    }
  };

  const bulkUpdate = async (run: () => Promise<Lesson[]>, done: (n: number, changed: Lesson[]) => string) => {
    setBusy(true);
    try {
      const changed = await run();
      apply(changed);
      notify(done(changed.length, changed));
    } catch (e) {
      notify(`Could not change the lessons: ${errorText(e)}`, 'error');
    } finally {
      setBusy(false);
    }
  };

  /** One change to every selected lesson, read fresh from the database so no field is lost. */
  const bulkChange = (change: BulkChange, done: (n: number, changed: Lesson[]) => string) =>
    bulkUpdate(async () => {
      const out: Lesson[] = [];
      for (const g of bulkPatches(await lessonsByIds(db, [...selected]), change)) {
        out.push(...(await sendMessage('updateLessons', { ids: g.ids, patch: g.patch })));
      }
      return out;
    }, done);
  const bulkTag = (tag: string, mode: 'add' | 'remove') =>
    bulkChange(mode === 'add' ? addTag(tag) : removeTag(tag), (n) =>
      `${mode === 'add' ? 'Tagged' : 'Untagged'} ${plural(n, 'lesson')} ${mode === 'add' ? 'with' : 'from'} #${tag}`,
    );
  const bulkVisibility = (visibility: Visibility) =>
    bulkChange(setVisibility(visibility), (n, changed) => `${plural(n, 'lesson')} now ${visibility === 'team' ? `shared with the team${heldBack(changed)}` : 'private'}`);

  const toggle = (id: string, range?: boolean) => {
    setSelected((s) => {
      const next = new Set(s);
      if (range && rows && activeIndex >= 0) {
        const to = rows.findIndex((r) => r.id === id);
        const [a, b] = [Math.min(activeIndex, to), Math.max(activeIndex, to)];
        for (let i = a; i <= b; i++) next.add(rows[i].id);
      } else if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  };
  const toggleAll = () => {
    if (!rows) return;
    setSelected((s) => (s.size === rows.length ? new Set() : new Set(rows.map((r) => r.id))));
  };

  const save = async (patch: LessonPatch) => {
    if (!editing) return;
    const l = await sendMessage('updateLesson', { id: editing.id, patch });
    apply([l]);
    setEditing(l);
    notify('Saved');
  };

  const total = index?.size;
  const countText = !rows
    ? data.loaded
      ? `Loading… ${data.loaded} read`
      : 'Loading…'
    : index
      ? isUnfiltered(filters)
        ? plural(total ?? 0, 'lesson')
        : `${rows.length} of ${plural(total ?? 0, 'lesson')}`
      : `Newest ${rows.length}, loading the rest…`;

  return (
    <div class={`library${openId ? ' with-editor' : ''}`}>
      <header class="library-head">
        <h1>Lessonmark library</h1>
        <nav class="tabs" role="tablist" aria-label="Library views">
          {VIEWS.map((v) => (
            <button key={v.id} type="button" role="tab" aria-selected={view === v.id} class="tab" onClick={() => go(v.id)}>
              {v.label}
            </button>
          ))}
        </nav>
        <p class="result-count" aria-live="polite">
          {countText}
        </p>
      </header>

      {data.error && (
        <p class="error banner" role="alert">
          {data.error}
        </p>
      )}

      <main class="library-main">
        {view === 'lessons' && (
          <div class="lessons-view">
            <FilterBar filters={filters} facets={index?.facets() ?? null} onChange={setFilters} searchRef={searchRef} />
            {selected.size > 0 && (
              <BulkBar
                count={selected.size}
                matching={rows?.length ?? 0}
                busy={busy || !index}
                onSelectAll={toggleAll}
                onClear={() => setSelected(new Set())}
                onAddTag={(t) => bulkTag(t, 'add')}
                onRemoveTag={(t) => bulkTag(t, 'remove')}
                onVisibility={bulkVisibility}
                onDelete={() => remove([...selected])}
              />
            )}
            {rows && rows.length > 0 && (
              <div class="list-head">
                <label>
                  <input
                    type="checkbox"
                    aria-label="Select all shown lessons"
                    checked={selected.size > 0 && selected.size === rows.length}
                    disabled={!index}
                    onChange={toggleAll}
                  />
                  Select all
                </label>
                <span class="muted">↑↓ move · Enter opens · Space selects · Delete deletes · / searches</span>
              </div>
            )}
            {rows === null && !data.error && <p class="loading">Loading lessons…</p>}
            {rows && rows.length === 0 && index && index.size === 0 && (
              <div class="empty">
                <h2>No lessons yet</h2>
                <p>
                  Select text on a Jira ticket, a Confluence page or a GitHub issue and press <kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>L</kbd>{' '}
                  (or right-click → Save as lesson). Lessons you capture appear here.
                </p>
                <button type="button" class="secondary" onClick={() => go('transfer')}>
                  Import lessons from a file
                </button>
              </div>
            )}
            {rows && rows.length === 0 && index && index.size > 0 && (
              <div class="empty">
                <h2>No lesson matches</h2>
                <p>Try other words, or clear the filters.</p>
              </div>
            )}
            {rows && rows.length > 0 && (
              <ListWithFocus
                focusRef={listFocus}
                render={() => (
                  <LessonList
                    rows={rows}
                    selected={selected}
                    active={activeIndex}
                    onActive={(i) => setActiveId(rows[i]?.id ?? null)}
                    onToggle={toggle}
                    onToggleAll={toggleAll}
                    onOpen={open}
                    onDelete={(ids) => void remove(ids)}
                  />
                )}
              />
            )}
          </div>
        )}
        {view === 'digest' &&
          (index ? (
            <DigestView
              db={db}
              index={index}
              version={version}
              week={week}
              onWeek={(w) => {
                setWeek(w);
                setParam('week', w);
              }}
              onOpen={open}
              notify={notify}
            />
          ) : (
            <p class="loading">Loading lessons…</p>
          ))}
        {view === 'transfer' &&
          (index ? (
            <TransferView
              db={db}
              index={index}
              filtered={!isUnfiltered(filters)}
              filteredIds={() => (rows ?? []).map((r) => r.id)}
              notify={notify}
            />
          ) : (
            <p class="loading">Loading lessons…</p>
          ))}
      </main>

      {openId && (
        <aside class="editor-pane" aria-label="Lesson">
          {editing ? (
            <LessonEditor
              lesson={editing}
              tagSuggestions={index?.facets().tags.slice(0, 30).map(([t]) => t) ?? []}
              onSave={save}
              onDelete={() => void remove([editing.id])}
              onClose={close}
            />
          ) : missing ? (
            <div class="empty" role="alert">
              <h2>Lesson not found</h2>
              <p>It may have been deleted.</p>
              <button type="button" class="secondary" onClick={close}>
                Close
              </button>
            </div>
          ) : (
            <p class="loading">Opening the lesson…</p>
          )}
        </aside>
      )}

      {toast && (
        <div class="toast-host">
          <Toast
            key={toast.key}
            message={toast.message}
            tone={toast.tone}
            actionLabel={toast.actionLabel}
            onAction={() => {
              toast.onAction?.();
              setToast(null);
            }}
            onClose={() => setToast(null)}
          />
        </div>
      )}
    </div>
  );
}

/** Lets the page move the focus into the list (after closing the editor, or ↓ from the search box). */
function ListWithFocus({ focusRef, render }: { focusRef: { current: () => void }; render: () => preact.JSX.Element }) {
  const wrap = useRef<HTMLDivElement>(null);
  focusRef.current = () => wrap.current?.querySelector<HTMLElement>('.lesson-list')?.focus();
  return (
    <div ref={wrap} class="list-wrap">
      {render()}
    </div>
  );
}
