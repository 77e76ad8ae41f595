import type { RefObject } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { KINDS, normalizeTag } from '@/lib/lesson-basics';
import { KIND_LABEL } from '@/lib/pillars';
import { SITES, siteLabel } from '@/lib/sites/registry';
import { EMPTY_FILTERS, isUnfiltered, type LibraryFilters } from '@/lib/library/filters';
import type { Facets } from '@/lib/library/search';
import { t } from '@/lib/i18n';

interface Props {
  filters: LibraryFilters;
  facets: Facets | null;
  onChange: (next: LibraryFilters) => void;
  searchRef: RefObject<HTMLInputElement>;
}

const VISIBILITY_CHOICES = [
  ['private', t('card.private')],
  ['team', t('card.team')],
] as const;
const OPEN_CHOICES = [
  ['questions', t('library.openQuestions')],
  ['actions', t('library.openActions')],
] as const;

/** Search box and every filter; each change lands in the URL (see LibraryApp). */
export function FilterBar({ filters: f, facets, onChange, searchRef }: Props) {
  const [tagText, setTagText] = useState('');
  // The same element while the facets stay: a keystroke does not diff up to 600 options again.
  const suggestions = useMemo(() => <Suggestions facets={facets} />, [facets]);
  const set = <K extends keyof LibraryFilters>(key: K, value: LibraryFilters[K]) => onChange({ ...f, [key]: value });
  const addTag = () => {
    const tag = normalizeTag(tagText);
    if (tag && !f.tags.includes(tag)) set('tags', [...f.tags, tag]);
    setTagText('');
  };

  return (
    <div class="filter-bar" role="search">
      <input
        ref={searchRef}
        id="library-search"
        class="search"
        type="search"
        placeholder={t('library.searchPlaceholder')}
        aria-label={t('library.search')}
        autocomplete="off"
        value={f.q}
        onInput={(e) => set('q', e.currentTarget.value)}
      />
      <div class="filters">
        <Choice label={t('library.kind')} any={t('library.anyKind')} value={f.kind} options={KINDS.map((k) => [k, KIND_LABEL[k]] as const)} onChange={(v) => set('kind', v)} />
        <Choice label={t('library.site')} any={t('library.anySite')} value={f.site} options={SITES.map((s) => [s, siteLabel(s)] as const)} onChange={(v) => set('site', v)} />
        <label>
          <span>{t('library.tag')}</span>
          <input
            aria-label={t('library.filterByTag')}
            list="library-tags"
            placeholder={t('library.addTagFilter')}
            value={tagText}
            onInput={(e) => setTagText(e.currentTarget.value)}
            onChange={addTag}
          />
        </label>
        <Named label={t('library.project')} list="library-projects" placeholder={t('library.anyProject')} value={f.project} onChange={(v) => set('project', v)} />
        <Named label={t('library.author')} list="library-authors" placeholder={t('library.anyone')} value={f.author} onChange={(v) => set('author', v)} />
        <Choice label={t('library.visibility')} any={t('library.anyVisibility')} value={f.visibility} options={VISIBILITY_CHOICES} onChange={(v) => set('visibility', v)} />
        <label>
          <span>{t('library.from')}</span>
          <input type="date" aria-label={t('library.fromDay')} value={f.from ?? ''} onChange={(e) => set('from', e.currentTarget.value || undefined)} />
        </label>
        <label>
          <span>{t('library.to')}</span>
          <input type="date" aria-label={t('library.toDay')} value={f.to ?? ''} onChange={(e) => set('to', e.currentTarget.value || undefined)} />
        </label>
        <Choice label={t('library.open')} aria={t('library.openItems')} any={t('library.allLessons')} value={f.open} options={OPEN_CHOICES} onChange={(v) => set('open', v)} />
        <label>
          <span>{t('library.sort')}</span>
          <select aria-label={t('library.sort')} value={f.sort} onChange={(e) => set('sort', e.currentTarget.value as LibraryFilters['sort'])}>
            <option value="newest">{t('library.newest')}</option>
            <option value="oldest">{t('library.oldest')}</option>
            <option value="helped">{t('library.mostHelped')}</option>
          </select>
        </label>
        {!isUnfiltered(f) && (
          <button type="button" class="secondary" onClick={() => onChange({ ...EMPTY_FILTERS, sort: f.sort })}>
            {t('library.clearFilters')}
          </button>
        )}
      </div>
      {f.tags.length > 0 && (
        <ul class="chips" aria-label={t('library.tagFilters')}>
          {f.tags.map((tag) => (
            <li key={tag} class="chip">
              #{tag}
              <button type="button" class="chip-x" aria-label={t('library.removeTagFilter', { tag })} onClick={() => set('tags', f.tags.filter((x) => x !== tag))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {suggestions}
    </div>
  );
}

/** The tags, projects and authors the filters suggest. */
function Suggestions({ facets }: { facets: Facets | null }) {
  return (
    <>
      <datalist id="library-tags">
        {facets?.tags.slice(0, 200).map(([t, n]) => (
          <option key={t} value={t}>
            {n}
          </option>
        ))}
      </datalist>
      <datalist id="library-projects">
        {facets?.projects.slice(0, 200).map((p) => <option key={p} value={p} />)}
      </datalist>
      <datalist id="library-authors">
        {facets?.authors.slice(0, 200).map((a) => <option key={a} value={a} />)}
      </datalist>
    </>
  );
}

interface ChoiceProps<T extends string> {
  label: string;
  /** The accessible name, when the visible label alone would be unclear. */
  aria?: string;
  /** The first option, which sets no filter. */
  any: string;
  value: T | undefined;
  options: readonly (readonly [T, string])[];
  onChange: (value: T | undefined) => void;
}

/** A filter picked from a fixed list, or none. */
function Choice<T extends string>({ label, aria, any, value, options, onChange }: ChoiceProps<T>) {
  return (
    <label>
      <span>{label}</span>
      <select aria-label={aria ?? label} value={value ?? ''} onChange={(e) => onChange((e.currentTarget.value || undefined) as T | undefined)}>
        <option value="">{any}</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

interface NamedProps {
  label: string;
  /** The datalist of names seen in the library. */
  list: string;
  placeholder: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
}

/** A filter by a typed name (project, author), suggesting the names the library holds. */
function Named({ label, list, placeholder, value, onChange }: NamedProps) {
  return (
    <label>
      <span>{label}</span>
      <input aria-label={label} list={list} placeholder={placeholder} value={value ?? ''} onChange={(e) => onChange(e.currentTarget.value.trim() || undefined)} />
    </label>
  );
}
