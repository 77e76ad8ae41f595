import { useState } from 'preact/hooks';
import type { LessonDb } from '@/lib/db/database';
import { lessonTitle } from '@/lib/lesson';
import { blockingFindings, describeFindings, openFindings } from '@/lib/redact/lesson';
import type { Settings } from '@/lib/settings';

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
 * Options: whether personal data stops a share, and "Check my team lessons", which scans every
 * team lesson on this device and lists those that wait because of a secret.
 */
export function SecretsSettings({ db, settings, saveSettings, onSaved, libraryUrl }: Props) {
  const [checked, setChecked] = useState<Checked | null>(null);
  const [busy, setBusy] = useState(false);
  const rules = { personalStops: settings.personalDataStops };

  const check = async () => {
    setBusy(true);
    const t = performance.now();
    const team = (await db.lessons.toArray()).filter((l) => l.visibility === 'team' && !l.deletedAt);
    const held: Checked['held'] = [];
    let warned = 0;
    for (const l of team) {
      const stops = blockingFindings(l, rules);
      if (stops.length) held.push({ id: l.id, title: lessonTitle(l), what: describeFindings([...new Map(stops.map((f) => [f.label, f])).values()]) });
      else if (openFindings(l).length) warned++;
    }
    setChecked({ lessons: team.length, ms: performance.now() - t, held, warned });
    setBusy(false);
  };

  return (
    <section class="panel" aria-labelledby="secrets-title">
      <h2 id="secrets-title">Secrets and personal data</h2>
      <p class="hint">
        A team lesson holding a secret (a token, a key, a password) stays on this device until you redact it or keep it on purpose. Email
        addresses and phone numbers are pointed out.
      </p>
      <label class="choice">
        <input
          type="checkbox"
          checked={settings.personalDataStops}
          onChange={async (e) => onSaved(await saveSettings({ personalDataStops: (e.target as HTMLInputElement).checked }))}
        />
        Treat email addresses and phone numbers like secrets: do not share until I decide
      </label>
      <p>
        <button type="button" class="secondary" disabled={busy} onClick={() => void check()}>
          {busy ? 'Checking…' : 'Check my team lessons'}
        </button>
      </p>
      {checked && (
        <div role="status">
          <p>
            Checked {checked.lessons} team lesson{checked.lessons === 1 ? '' : 's'}:{' '}
            {checked.held.length === 0 ? 'none waits because of a secret.' : `${checked.held.length} wait${checked.held.length === 1 ? 's' : ''} until you decide.`}
            {checked.warned > 0 && ` ${checked.warned} hold${checked.warned === 1 ? 's' : ''} personal data.`}
          </p>
          {checked.held.length > 0 && (
            <ul class="secrets-held">
              {checked.held.map((h) => (
                <li key={h.id}>
                  <strong>{h.title}</strong> — holds {h.what}
                </li>
              ))}
            </ul>
          )}
          {checked.held.length > 0 && (
            <p>
              <a href={libraryUrl}>Open the library</a> and edit each one to redact or keep what it holds.
            </p>
          )}
        </div>
      )}
    </section>
  );
}
