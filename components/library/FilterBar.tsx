import type { RefObject } from 'preact';
import { useState } from 'preact/hooks';
import { KINDS, SITES, normalizeTag } from '@/lib/lesson-basics';
import { KIND_LABEL } from '@/lib/pillars';
import { EMPTY_FILTERS, isUnfiltered, type LibraryFilters } from '@/lib/library/filters';
import type { Facets } from '@/lib/library/search';

interface Props {
  filters: LibraryFilters;
  facets: Facets | null;
  onChange: (next: LibraryFilters) => void;
  searchRef: RefObject<HTMLInputElement>;
}

const SITE_LABEL = { jira: 'Jira', confluence: 'Confluence', github: 'GitHub', web: 'Other web pages' } as const;

/** Search box and every filter; each change lands in the URL (see LibraryApp). */
export function FilterBar({ filters: f, facets, onChange, searchRef }: Props) {
  const [tagText, setTagText] = useState('');
  const set = <K extends keyof LibraryFilters>(key: K, value: LibraryFilters[K]) => onChange({ ...f, [key]: value });
  const opt = (v: string) => v || undefined;
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
        <label>
          <span>Kind</span>
          <select aria-label="Kind" value={f.kind ?? ''} onChange={(e) => set('kind', opt(e.currentTarget.value) as LibraryFilters['kind'])}>
            <option value="">Any kind</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABEL[k]}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Site</span>
          <select aria-label="Site" value={f.site ?? ''} onChange={(e) => set('site', opt(e.currentTarget.value) as LibraryFilters['site'])}>
            <option value="">Any site</option>
            {SITES.map((s) => (
              <option key={s} value={s}>
                {SITE_LABEL[s]}
              </option>
            ))}
          </select>
        </label>
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
        <label>
          <span>Project</span>
          <input
            aria-label="Project"
            list="library-projects"
            placeholder="Any project"
            value={f.project ?? ''}
            onChange={(e) => set('project', opt(e.currentTarget.value.trim()))}
          />
        </label>
        <label>
          <span>Author</span>
          <input
            aria-label="Author"
            list="library-authors"
            placeholder="Anyone"
            value={f.author ?? ''}
            onChange={(e) => set('author', opt(e.currentTarget.value.trim()))}
          />
        </label>
        <label>
          <span>Visibility</span>
          <select
            aria-label="Visibility"
            value={f.visibility ?? ''}
            onChange={(e) => set('visibility', opt(e.currentTarget.value) as LibraryFilters['visibility'])}
          >
            <option value="">Private and team</option>
            <option value="private">Private</option>
            <option value="team">Team</option>
          </select>
        </label>
        <label>
          <span>From</span>
          <input type="date" aria-label="From day" value={f.from ?? ''} onChange={(e) => set('from', opt(e.currentTarget.value))} />
        </label>
        <label>
          <span>To</span>
          <input type="date" aria-label="To day" value={f.to ?? ''} onChange={(e) => set('to', opt(e.currentTarget.value))} />
        </label>
        <label>
          <span>Open</span>
          <select aria-label="Open items" value={f.open ?? ''} onChange={(e) => set('open', opt(e.currentTarget.value) as LibraryFilters['open'])}>
            <option value="">All lessons</option>
            <option value="questions">Open questions</option>
            <option value="actions">With open actions</option>
          </select>
        </label>
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
