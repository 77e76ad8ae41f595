import { useEffect, useState } from 'preact/hooks';
import { errorText } from '@/lib/error-text';
import type { Settings } from '@/lib/settings';
import type { Visibility } from '@/lib/lesson';
import { ConflictList } from './ConflictList';
import { ConnectionForm } from './ConnectionForm';
import type { OptionsEnv } from './env';
import { SitesPanel } from './SitesPanel';
import { SecretsSettings } from '../redact/SecretsSettings';
import { SyncStatusPanel } from './SyncStatusPanel';

/** The options page: team sync, its status and conflicts, privacy default, sites, export/import. */
export function Options({ env }: { env: OptionsEnv }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    env.loadSettings().then(setSettings, (e) => setError(errorText(e)));
  }, []);
  if (error) return <p class="error">Settings could not be read: {error}</p>;
  if (!settings) return <p class="hint">Loading…</p>;

  const setVisibility = async (visibility: Visibility) => setSettings(await env.saveSettings({ defaultVisibility: visibility }));

  return (
    <main class="options">
      <h1>Lessonmark settings</h1>
      <ConnectionForm env={env} settings={settings} onSaved={setSettings} />
      <SyncStatusPanel env={env} settings={settings} />
      <ConflictList env={env} />
      <section class="panel" aria-labelledby="privacy-title">
        <h2 id="privacy-title">Privacy</h2>
        <fieldset>
          <legend>New lessons are</legend>
          {(['private', 'team'] as const).map((v) => (
            <label key={v} class="choice">
              <input type="radio" name="defaultVisibility" value={v} checked={settings.defaultVisibility === v} onChange={() => void setVisibility(v)} />
              {v === 'private' ? 'Private — stay on this device' : 'Team — shared through the endpoint'}
            </label>
          ))}
        </fieldset>
      </section>
      <SecretsSettings db={env.db} settings={settings} saveSettings={env.saveSettings} onSaved={setSettings} libraryUrl={env.libraryUrl} />
      <section class="panel" aria-labelledby="pages-title">
        <h2 id="pages-title">On pages</h2>
        <label class="choice">
          <input
            type="checkbox"
            checked={settings.selectionButton}
            onChange={async (e) => setSettings(await env.saveSettings({ selectionButton: (e.target as HTMLInputElement).checked }))}
          />
          Show a “Save as lesson” button next to selected text
        </label>
      </section>
      <SitesPanel env={env} settings={settings} onSaved={setSettings} />
      <section class="panel" aria-labelledby="data-title">
        <h2 id="data-title">Export and import</h2>
        <p>
          <a href={env.libraryUrl}>Open the library</a> to export every lesson (JSON, Markdown, CSV, Web Annotations) or import a file.
        </p>
      </section>
    </main>
  );
}
