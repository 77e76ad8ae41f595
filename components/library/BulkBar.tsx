import { useState } from 'preact/hooks';
import type { Visibility } from '@/lib/lesson';
import { normalizeTag } from '@/lib/lesson-basics';
import { formatNumber, t } from '@/lib/i18n';

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
  const run = (f: (tag: string) => void) => {
    if (!clean) return;
    f(clean);
    setTag('');
  };
  return (
    <div class="bulk-bar" role="toolbar" aria-label={t('library.selectedLessons')}>
      <strong>{t('library.selected', { n: formatNumber(count) })}</strong>
      {count < matching && (
        <button type="button" class="link" onClick={onSelectAll}>
          {t('library.selectAllN', { n: formatNumber(matching) })}
        </button>
      )}
      <button type="button" class="link" onClick={onClear}>
        {t('library.clearSelection')}
      </button>
      <span class="bulk-tag">
        <input
          aria-label={t('library.bulkTag')}
          list="library-tags"
          placeholder={t('library.tagPlaceholder')}
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
          {t('library.addTag')}
        </button>
        <button type="button" class="secondary" disabled={!clean || busy} onClick={() => run(onRemoveTag)}>
          {t('library.removeTag')}
        </button>
      </span>
      <button type="button" class="secondary" disabled={busy} onClick={() => onVisibility('team')}>
        {t('library.share')}
      </button>
      <button type="button" class="secondary" disabled={busy} onClick={() => onVisibility('private')}>
        {t('library.makePrivate')}
      </button>
      <button type="button" class="danger" disabled={busy} onClick={onDelete}>
        {t('library.deleteN', { n: formatNumber(count) })}
      </button>
    </div>
  );
}
