import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Lesson, LessonPatch } from '@/lib/lesson';
import { isUnfiltered, type LibraryFilters } from '@/lib/library/filters';
import type { ShownList } from '@/lib/library/shown';
import type { StoredIndexRead } from '@/lib/library/stored-read';
import { windowSlice } from '@/lib/library/window';
import { Toast } from '../Toast';
import { BulkBar } from './BulkBar';
import type { LibraryEnv } from './env';
import { FilterBar } from './FilterBar';
import { LessonList, ROW_HEIGHT } from './LessonList';
import { lazyView } from './lazyView';
import { useBulkActions } from './useBulkActions';
import { useLibrary } from './useLibrary';
import { useOpenLesson } from './useOpenLesson';
import { useSelection } from './useSelection';
import { useToast } from './useToast';
import { useUrlState, type View } from './useUrlState';
import { Fill } from '@/components/fill';
import { formatNumber, t } from '@/lib/i18n';

// The editor and the held lessons' panel bring the redaction rules (about 80 KB of script): the
// first rows are drawn without waiting for them.
const LessonEditor = lazyView(() => import('../LessonEditor').then((m) => m.LessonEditor));
const HeldLessons = lazyView(() => import('../redact/HeldLessons').then((m) => m.HeldLessons));
const DigestView = lazyView(() => import('./DigestView').then((m) => m.DigestView));
const TransferView = lazyView(() => import('./TransferView').then((m) => m.TransferView));

const VIEW_LABELS: { id: View; label: () => string }[] = [
  { id: 'lessons', label: () => t('library.lessons') },
  { id: 'digest', label: () => t('library.digest') },
  { id: 'transfer', label: () => t('library.transfer') },
];

const typingIn = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

interface Props {
  env: LibraryEnv;
  /** The newest lessons, being read while the page loads. */
  first: Promise<Lesson[]>;
  /** The filters the page URL names. */
  initialFilters: LibraryFilters;
  /** The stored index, read ahead while the page loads. */
  storedIndex?: Promise<StoredIndexRead | null>;
}

export function LibraryApp({ env, first, initialFilters, storedIndex }: Props) {
  const { db } = env;
  const data = useLibrary(db, first, storedIndex);
  const { index, version, apply, rows: rowCache } = data;
  const { filters, setFilters, view, setView: go, week, setWeek, openId, setOpenId } = useUrlState(initialFilters);
  const { toast, notify, dismiss } = useToast();
  const searchRef = useRef<HTMLInputElement>(null);
  const listFocus = useRef<() => void>(() => {});

  const wanted = useMemo<ShownList | null>(() => {
    if (index) return index.query(filters);
    return data.first && isUnfiltered(filters) && filters.sort === 'newest' ? data.first : null;
  }, [index, version, filters, data.first]);

  // A new list is drawn once the rows it shows where the list is scrolled have been read (by id):
  // until then the last one stays, so the list never blinks empty while typing.
  const scrolled = useRef({ scrollTop: 0, viewport: 600 });
  const [, setRead] = useState(0);
  const shown = useRef<ShownList | null>(null);
  const unread = useRef<ShownList | null>(null);
  const inView = (list: ShownList) => {
    const s = windowSlice(scrolled.current.scrollTop, scrolled.current.viewport, ROW_HEIGHT, list.length);
    return Array.from({ length: s.end - s.start }, (_, k) => list.idAt(s.start + k));
  };
  const missing = wanted ? rowCache.missing(inView(wanted)) : [];
  if (!missing.length || unread.current === wanted) shown.current = wanted;
  const rows = shown.current;
  const readRows = (ids: string[], list: ShownList | null) =>
    rowCache
      .read(db, ids)
      // Rows that cannot be read are drawn as rows still being read, rather than holding the list back.
      .catch(() => (unread.current = list))
      .then(() => setRead((n) => n + 1));
  useLayoutEffect(() => {
    if (missing.length) void readRows(missing, wanted);
  }, [wanted, missing.join(' ')]);
  useEffect(() => {
    if (rows) rowCache.readAhead(db, rows).catch(() => {});
  }, [rows]);

  const { selected, activeIndex, setActiveId, toggle, toggleAll, clear } = useSelection(rows);
  const [opened, setOpened] = useOpenLesson(db, openId, version, notify);
  const editing = opened.at === 'open' ? opened.lesson : null;

  const open = (id: string) => {
    setOpenId(id);
    setActiveId(id);
  };
  const close = () => {
    setOpenId(null);
    if (view === 'lessons') requestAnimationFrame(() => listFocus.current());
  };

  const bulk = useBulkActions({
    env,
    selected,
    apply,
    notify,
    onDeleted: (ids) => {
      clear();
      if (openId && ids.includes(openId)) close();
    },
  });

  useEffect(() => {
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
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  });

  const save = async (patch: LessonPatch) => {
    if (!editing) return;
    const l = await env.updateLesson(editing.id, patch);
    apply([l]);
    setOpened(l);
    notify(t('library.saved'));
  };

  const total = index?.size;
  const countText = !rows
    ? data.loaded
      ? t('library.loadingRead', { n: formatNumber(data.loaded) })
      : t('common.loading')
    : index
      ? isUnfiltered(filters)
        ? t('library.count', total ?? 0, { n: formatNumber(total ?? 0) })
        : t('library.countOf', total ?? 0, { shown: formatNumber(rows.length), n: formatNumber(total ?? 0) })
      : t('library.newestLoading', { n: formatNumber(rows.length) });

  return (
    <div class={`library${openId ? ' with-editor' : ''}`}>
      <header class="library-head">
        <h1>{t('library.heading')}</h1>
        <nav class="tabs" role="tablist" aria-label={t('library.views')}>
          {VIEW_LABELS.map((v) => (
            <button key={v.id} type="button" role="tab" aria-selected={view === v.id} class="tab" onClick={() => go(v.id)}>
              {v.label()}
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
                busy={bulk.busy || !index}
                onSelectAll={toggleAll}
                onClear={clear}
                onAddTag={(tag) => void bulk.tag(tag, 'add')}
                onRemoveTag={(tag) => void bulk.tag(tag, 'remove')}
                onVisibility={(v) => void bulk.setVisibility(v)}
                onDelete={() => void bulk.remove([...selected])}
              />
            )}
            {bulk.held.length > 0 && (
              <HeldLessons
                lessons={bulk.held}
                save={async (id, patch) => {
                  const l = await env.updateLesson(id, patch);
                  apply([l]);
                  return l;
                }}
                onClose={bulk.closeHeld}
              />
            )}
            {rows && rows.length > 0 && (
              <div class="list-head">
                <label>
                  <input
                    type="checkbox"
                    aria-label={t('library.selectAllShown')}
                    checked={selected.size > 0 && selected.size === rows.length}
                    disabled={!index}
                    onChange={toggleAll}
                  />
                  {t('library.selectAll')}
                </label>
                <span class="muted">{t('library.keys')}</span>
              </div>
            )}
            {rows === null && !data.error && <p class="loading">{t('library.loadingLessons')}</p>}
            {rows && rows.length === 0 && index && index.size === 0 && (
              <div class="empty">
                <h2>{t('library.empty')}</h2>
                <p>
                  <Fill
                    text={t('library.emptyHint')}
                    parts={{
                      keys: (
                        <>
                          <kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>L</kbd>
                        </>
                      ),
                    }}
                  />
                </p>
                <button type="button" class="secondary" onClick={() => go('transfer')}>
                  {t('library.importFromFile')}
                </button>
              </div>
            )}
            {rows && rows.length === 0 && index && index.size > 0 && (
              <div class="empty">
                <h2>{t('library.noMatch')}</h2>
                <p>{t('library.noMatchHint')}</p>
              </div>
            )}
            {rows && rows.length > 0 && (
              <ListWithFocus
                focusRef={listFocus}
                render={() => (
                  <LessonList
                    rows={rows}
                    rowOf={(id) => rowCache.get(id)}
                    onMissing={(ids) => void readRows(ids, null)}
                    onView={(scrollTop, viewport) => (scrolled.current = { scrollTop, viewport })}
                    selected={selected}
                    active={activeIndex}
                    onActive={(i) => setActiveId(i >= 0 && i < rows.length ? rows.idAt(i) : null)}
                    onToggle={toggle}
                    onToggleAll={toggleAll}
                    onOpen={open}
                    onDelete={(ids) => void bulk.remove(ids)}
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
              onWeek={setWeek}
              onOpen={open}
              notify={notify}
            />
          ) : (
            <p class="loading">{t('library.loadingLessons')}</p>
          ))}
        {view === 'transfer' &&
          (index ? (
            <TransferView
              env={env}
              index={index}
              filtered={!isUnfiltered(filters)}
              filteredIds={() => rows?.ids() ?? []}
              notify={notify}
            />
          ) : (
            <p class="loading">{t('library.loadingLessons')}</p>
          ))}
      </main>

      {openId && (
        <aside class="editor-pane" aria-label={t('library.lesson')}>
          {editing ? (
            <LessonEditor
              lesson={editing}
              tagSuggestions={index?.facets().tags.slice(0, 30).map(([tag]) => tag) ?? []}
              onSave={save}
              onDelete={() => void bulk.remove([editing.id])}
              onClose={close}
            />
          ) : opened.at === 'missing' ? (
            <div class="empty" role="alert">
              <h2>{t('library.notFound')}</h2>
              <p>{t('library.notFoundHint')}</p>
              <button type="button" class="secondary" onClick={close}>
                {t('peek.close')}
              </button>
            </div>
          ) : (
            <p class="loading">{t('library.opening')}</p>
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
              dismiss();
            }}
            onClose={dismiss}
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
