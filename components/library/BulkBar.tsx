import { useState } from 'preact/hooks';
import type { Visibility } from '@/lib/lesson';
import { normalizeTag } from '@/lib/lesson-basics';

interface Props {
  count: number;
  matching: number;
  onSelectAll: () => void;
  onClear: () => void;
  onAddTag: (tag: string) => void;
  onRemoveTag: (tag: string) => void;
  onVisibility: (v: Visibility) => void;
  onDelete: () => void;
  busy: boolean;
}

/** What can be done to every selected lesson at once. */
export function BulkBar({ count, matching, onSelectAll, onClear, onAddTag, onRemoveTag, onVisibility, onDelete, busy }: Props) {
  const [tag, setTag] = useState('');
  const clean = normalizeTag(tag);
  const run = (f: (t: string) => void) => {
    if (!clean) return;
    f(clean);
    setTag('');
  };
  return (
    <div class="bulk-bar" role="toolbar" aria-label="Selected lessons">
      <strong>{count} selected</strong>
      {count < matching && (
        <button type="button" class="link" onClick={onSelectAll}>
          Select all {matching}
        </button>
      )}
      <button type="button" class="link" onClick={onClear}>
        Clear selection
      </button>
      <span class="bulk-tag">
        <input
          aria-label="Tag for selected lessons"
          list="library-tags"
          placeholder="tag"
          value={tag}
          onInput={(e) => setTag(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              run(onAddTag);
            }
          }}
        />
        <button type="button" class="secondary" disabled={!clean || busy} onClick={() => run(onAddTag)}>
          Add tag
        </button>
        <button type="button" class="secondary" disabled={!clean || busy} onClick={() => run(onRemoveTag)}>
          Remove tag
        </button>
      </span>
      <button type="button" class="secondary" disabled={busy} onClick={() => onVisibility('team')}>
        Share with team
      </button>
      <button type="button" class="secondary" disabled={busy} onClick={() => onVisibility('private')}>
        Make private
      </button>
      <button type="button" class="danger" disabled={busy} onClick={onDelete}>
        Delete {count}
      </button>
    </div>
  );
}
