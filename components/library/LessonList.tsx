import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { FIRST_ROWS_MARK } from '@/lib/library/marks';
import type { LessonRow } from '@/lib/library/rows';
import type { ShownList } from '@/lib/library/shown';
import { moveActive, pageRows, scrollToShow, windowSlice } from '@/lib/library/window';
import { LessonCardBody, LessonCardMeta } from '../LessonCard';
import { t } from '@/lib/i18n';

/** Every row has this height, so any stretch of 100,000 rows is a multiplication away. */
export const ROW_HEIGHT = 72;

interface Props {
  rows: ShownList;
  /** The row of a lesson, when it has been read. */
  rowOf: (id: string) => LessonRow | undefined;
  /** Lessons drawn whose rows are still to be read. */
  onMissing: (ids: string[]) => void;
  /** Where the list is scrolled to, so rows can be read before a new list is drawn. */
  onView: (scrollTop: number, viewport: number) => void;
  selected: ReadonlySet<string>;
  active: number;
  onActive: (index: number) => void;
  onToggle: (id: string, range?: boolean) => void;
  onToggleAll: () => void;
  onOpen: (id: string) => void;
  onDelete: (ids: string[]) => void;
}

export const rowDomId = (id: string) => `lesson-${id}`;

/**
 * The lessons as a windowed grid: only the rows in view are in the DOM. It holds the focus
 * itself and points at the active row (aria-activedescendant), so arrow keys move through
 * 100,000 rows without a focusable element per row. A row is not itself a control: its cells
 * hold the checkbox, the button that opens the lesson, and the meta text, side by side.
 */
export function LessonList({ rows, rowOf, onMissing, onView, selected, active, onActive, onToggle, onToggleAll, onOpen, onDelete }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    setViewport(el.clientHeight || 600);
    const ro = new ResizeObserver(() => setViewport(el.clientHeight || 600));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useLayoutEffect(() => {
    // The frame after the first rows reach the DOM is the one that paints them.
    if (rows.length && !performance.getEntriesByName(FIRST_ROWS_MARK).length) {
      requestAnimationFrame(() => performance.mark(FIRST_ROWS_MARK));
    }
  }, [rows.length > 0]);

  useEffect(() => {
    const el = box.current;
    if (!el || active < 0) return;
    const next = scrollToShow(active, el.scrollTop, el.clientHeight, ROW_HEIGHT);
    if (next !== el.scrollTop) el.scrollTop = next;
  }, [active]);

  const slice = windowSlice(scrollTop, viewport, ROW_HEIGHT, rows.length);
  const activeId = active >= 0 && active < rows.length ? rows.idAt(active) : undefined;
  const drawn = Array.from({ length: slice.end - slice.start }, (_, k) => rows.idAt(slice.start + k));
  const missing = drawn.filter((id) => !rowOf(id));

  useEffect(() => onView(scrollTop, viewport), [scrollTop, viewport]);
  useEffect(() => {
    if (missing.length) onMissing(missing);
  }, [missing.join(' ')]);

  const onKeyDown = (e: KeyboardEvent) => {
    const page = pageRows(viewport, ROW_HEIGHT);
    const moves: Record<string, number> = {
      ArrowDown: 1,
      ArrowUp: -1,
      PageDown: page,
      PageUp: -page,
      Home: -rows.length,
      End: rows.length,
    };
    if (e.key in moves) {
      e.preventDefault();
      const next = moveActive(active, moves[e.key], rows.length);
      onActive(next);
      if (e.shiftKey && next >= 0) onToggle(rows.idAt(next));
    } else if (e.key === 'Enter' && activeId) {
      e.preventDefault();
      onOpen(activeId);
    } else if (e.key === ' ' && activeId) {
      e.preventDefault();
      onToggle(activeId);
    } else if ((e.key === 'Delete' || e.key === 'Backspace') && (selected.size || activeId)) {
      e.preventDefault();
      onDelete(selected.size ? [...selected] : [activeId!]);
    } else if (e.key === 'a' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      onToggleAll();
    }
  };

  // A click leaves the focus on the grid, where the keys work, not on a row's unfocusable control.
  // The row clicked becomes the active one (on click): focus by the mouse does not jump to the
  // first row, which would scroll the list away from under the pointer before the button is up.
  const clicking = useRef(false);
  const keepFocus = (e: MouseEvent) => {
    e.preventDefault();
    clicking.current = true;
    box.current?.focus({ preventScroll: true });
    clicking.current = false;
  };

  return (
    <div
      ref={box}
      class="lesson-list"
      role="grid"
      aria-label={t('library.lessons')}
      aria-multiselectable="true"
      aria-rowcount={rows.length}
      aria-activedescendant={activeId ? rowDomId(activeId) : undefined}
      tabIndex={0}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
      onFocus={() => !clicking.current && active < 0 && rows.length && onActive(0)}
    >
      <div class="lesson-list-inner" style={{ height: `${slice.height}px` }}>
        <div style={{ transform: `translateY(${slice.top}px)` }}>
          {drawn.map((id, k) => {
            const i = slice.start + k;
            const isSelected = selected.has(id);
            const r = rowOf(id);
            if (!r) {
              // Read in a moment: the row keeps its place and height meanwhile.
              return <div key={id} id={rowDomId(id)} class="lesson-row" role="row" aria-rowindex={i + 1} aria-busy="true" data-id={id} style={{ height: `${ROW_HEIGHT}px` }} />;
            }
            return (
              <div
                key={r.id}
                id={rowDomId(r.id)}
                class={`lesson-row${i === active ? ' active' : ''}${isSelected ? ' selected' : ''}`}
                role="row"
                aria-rowindex={i + 1}
                aria-selected={isSelected}
                data-id={r.id}
                style={{ height: `${ROW_HEIGHT}px` }}
                onMouseDown={keepFocus}
              >
                <span role="gridcell" class="row-check-cell">
                  <input
                    type="checkbox"
                    class="row-check"
                    tabIndex={-1}
                    aria-label={t('library.selectOne', { title: r.title })}
                    checked={isSelected}
                    onClick={(e) => {
                      onActive(i);
                      onToggle(r.id, e.shiftKey);
                    }}
                  />
                </span>
                <span role="gridcell" class="row-main-cell">
                  <button
                    type="button"
                    class="lesson-row-main"
                    tabIndex={-1}
                    data-kind={r.kind}
                    onClick={() => {
                      onActive(i);
                      onOpen(r.id);
                    }}
                  >
                    <LessonCardBody lesson={r} compact />
                  </button>
                </span>
                <span role="gridcell" class="row-meta-cell">
                  <LessonCardMeta lesson={r} />
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
