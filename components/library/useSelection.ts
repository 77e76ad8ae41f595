import { useMemo, useState } from 'preact/hooks';
import type { ShownList } from '@/lib/library/shown';

export interface Selection {
  selected: ReadonlySet<string>;
  /** The row the keyboard is on (and the anchor of a Shift-click range). */
  activeId: string | null;
  /** Its place in the rows shown; -1 when none is active or it is filtered out. */
  activeIndex: number;
  setActiveId: (id: string | null) => void;
  /** Selects or unselects one row; with `range`, selects every row from the active one to it. */
  toggle: (id: string, range?: boolean) => void;
  /** Selects every row shown, or none when all of them already are. */
  toggleAll: () => void;
  clear: () => void;
}

/** Which of the rows shown are selected, and which one is active. */
export function useSelection(rows: ShownList | null): Selection {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [activeId, setActiveId] = useState<string | null>(null);
  const activeIndex = useMemo(() => (rows && activeId ? rows.indexOf(activeId) : -1), [rows, activeId]);

  const toggle = (id: string, range?: boolean) => {
    setSelected((s) => {
      const next = new Set(s);
      if (range && rows && activeIndex >= 0) {
        const to = rows.indexOf(id);
        const [a, b] = [Math.min(activeIndex, to), Math.max(activeIndex, to)];
        for (let i = a; i <= b; i++) next.add(rows.idAt(i));
      } else if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  };
  const toggleAll = () => {
    if (!rows) return;
    setSelected((s) => (s.size === rows.length ? new Set() : new Set(rows.ids())));
  };

  return { selected, activeId, activeIndex, setActiveId, toggle, toggleAll, clear: () => setSelected(new Set()) };
}
