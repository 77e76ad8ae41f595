import type { RefObject } from 'preact';
import { useState } from 'preact/hooks';
import { KINDS, SITES, normalizeTag } from '@/lib/lesson-basics';
import { KIND_LABEL } from '@/lib/pillars';
import { siteLabel } from '@/lib/sites/registry';
import { EMPTY_FILTERS, isUnfiltered, type LibraryFilters } from '@/lib/library/filters';
import type { Facets } from '@/lib/library/search';

interface Props {
  filters: LibraryFilters;
  facets: Facets | null;
  onChange: (next: LibraryFilters) => void;
  searchRef: RefObject<HTMLInputElement>;
}

const VISIBILITY_CHOICES = [
  ['private', 'Private'],
  ['team', 'Team'],
] as const;
const OPEN_CHOICES = [
  ['questions', 'Open questions'],
  ['actions', 'With open actions'],
] as const;

/** Search box and every filter; each change lands in the URL (see LibraryApp). */
export function FilterBar({ filters: f, facets, onChange, searchRef }: Props) {
  const [tagText, setTagText] = useState('');
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
        placeholder="Search lessons   ( / )"
        aria-label="Search lessons"
        autocomplete="off"
        value={f.q}
        onInput={(e) => set('q', e.currentTarget.value)}
      />
      <div class="filters">
        <Choice label="Kind" any="Any kind" value={f.kind} options={KINDS.map((k) => [k, KIND_LABEL[k]] as const)} onChange={(v) => set('kind', v)} />
        <Choice label="Site" any="Any site" value={f.site} options={SITES.map((s) => [s, siteLabel(s)] as const)} onChange={(v) => set('site', v)} />
        <label>
          <span>Tag</span>
          <input
            aria-label="Filter by tag"
            list="library-tags"
            placeholder="Add tag filter"
            value={tagText}
            onInput={(e) => setTagText(e.currentTarget.value)}
            onChange={addTag}
          />
        </label>
        <Named label="Project" list="library-projects" placeholder="Any project" value={f.project} onChange={(v) => set('project', v)} />
        <Named label="Author" list="library-authors" placeholder="Anyone" value={f.author} onChange={(v) => set('author', v)} />
        <Choice label="Visibility" any="Private and team" value={f.visibility} options={VISIBILITY_CHOICES} onChange={(v) => set('visibility', v)} />
        <label>
          <span>From</span>
          <input type="date" aria-label="From day" value={f.from ?? ''} onChange={(e) => set('from', e.currentTarget.value || undefined)} />
        </label>
        <label>
          <span>To</span>
          <input type="date" aria-label="To day" value={f.to ?? ''} onChange={(e) => set('to', e.currentTarget.value || undefined)} />
        </label>
        <Choice label="Open" aria="Open items" any="All lessons" value={f.open} options={OPEN_CHOICES} onChange={(v) => set('open', v)} />
        <label>
          <span>Sort</span>
          <select aria-label="Sort" value={f.sort} onChange={(e) => set('sort', e.currentTarget.value as LibraryFilters['sort'])}>
            <option value="newest">Newest first</option>
            <option value="oldest">Oldest first</option>
            <option value="helped">Most helped</option>
          </select>
        </label>
        {!isUnfiltered(f) && (
          <button type="button" class="secondary" onClick={() => onChange({ ...EMPTY_FILTERS, sort: f.sort })}>
            Clear filters
          </button>
        )}
      </div>
      {f.tags.length > 0 && (
        <ul class="chips" aria-label="Tag filters">
          {f.tags.map((t) => (
            <li key={t} class="chip">
              #{t}
              <button type="button" class="chip-x" aria-label={`Remove tag filter ${t}`} onClick={() => set('tags', f.tags.filter((x) => x !== t))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
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
    </div>
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
