import { useState } from 'preact/hooks';
import type { LessonDb } from '@/lib/db/database';
import { lessonTitle } from '@/lib/lesson';
import { formatNumber, t, uiLanguage } from '@/lib/i18n';
import { blockingFindings, describeFindings, openFindings, type LessonFinding } from '@/lib/redact/lesson';
import type { Settings } from '@/lib/settings';
import { findingLabel } from './labels';

interface Props {
  db: LessonDb;
  settings: Settings;
  saveSettings(change: Partial<Settings>): Promise<Settings>;
  onSaved(settings: Settings): void;
  libraryUrl: string;
}

interface Checked {
  lessons: number;
  ms: number;
  held: { id: string; title: string; what: string }[];
  warned: number;
}

/**
 * What a lesson holds: English counts and articles ("a GitHub token and 2 × password") as the
 * refusal messages say it; other languages list the names after a colon, which needs no article.
 */
function namesOf(findings: readonly LessonFinding[]): string {
  const unique = [...new Map(findings.map((f) => [f.label, f])).values()];
  if (t('language') === 'en') return describeFindings(unique);
  return new Intl.ListFormat(uiLanguage()).format([...new Set(unique.map(findingLabel))]);
}

/**
 * Options: whether personal data stops a share, and "Check my team lessons", which scans every
 * team lesson on this device and lists those that wait because of a secret.
 */
export function SecretsSettings({ db, settings, saveSettings, onSaved, libraryUrl }: Props) {
  const [checked, setChecked] = useState<Checked | null>(null);
  const [busy, setBusy] = useState(false);
  const rules = { personalStops: settings.personalDataStops };

  const check = async () => {
    setBusy(true);
    const started = performance.now();
    const team = (await db.lessons.toArray()).filter((l) => l.visibility === 'team' && !l.deletedAt);
    const held: Checked['held'] = [];
    let warned = 0;
    for (const l of team) {
      const stops = blockingFindings(l, rules);
      if (stops.length) held.push({ id: l.id, title: lessonTitle(l), what: namesOf(stops) });
      else if (openFindings(l).length) warned++;
    }
    setChecked({ lessons: team.length, ms: performance.now() - started, held, warned });
    setBusy(false);
  };

  return (
    <section class="panel" aria-labelledby="secrets-title">
      <h2 id="secrets-title">{t('secrets.heading')}</h2>
      <p class="hint">{t('secrets.hint')}</p>
      <label class="choice">
        <input
          type="checkbox"
          checked={settings.personalDataStops}
          onChange={async (e) => onSaved(await saveSettings({ personalDataStops: (e.target as HTMLInputElement).checked }))}
        />
        {t('secrets.personalStops')}
      </label>
      <p>
        <button type="button" class="secondary" disabled={busy} onClick={() => void check()}>
          {busy ? t('secrets.checking') : t('secrets.check')}
        </button>
      </p>
      {checked && (
        <div role="status">
          <p>
            {t('secrets.checked', checked.lessons)}{' '}
            {checked.held.length === 0 ? t('secrets.noneWaits') : t('secrets.wait', checked.held.length)}
            {checked.warned > 0 && ` ${t('secrets.personal', checked.warned)}`}
          </p>
          {checked.held.length > 0 && (
            <ul class="secrets-held">
              {checked.held.map((h) => (
                <li key={h.id}>
                  <strong>{h.title}</strong> — {t('secrets.holds', { what: h.what })}
                </li>
              ))}
            </ul>
          )}
          {checked.held.length > 0 && (
            <p>
              <a href={libraryUrl}>{t('secrets.openLibrary')}</a> {t('secrets.openLibraryHint')}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
