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
import { Fill } from '@/components/fill';
import { t } from '@/lib/i18n';

/** The options page: team sync, its status and conflicts, privacy default, sites, export/import. */
export function Options({ env }: { env: OptionsEnv }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    env.loadSettings().then(setSettings, (e) => setError(errorText(e)));
  }, []);
  if (error) return <p class="error">{t('options.readFailed', { error })}</p>;
  if (!settings) return <p class="hint">{t('common.loading')}</p>;

  const setVisibility = async (visibility: Visibility) => setSettings(await env.saveSettings({ defaultVisibility: visibility }));

  return (
    <main class="options">
      <h1>{t('options.heading')}</h1>
      <ConnectionForm env={env} settings={settings} onSaved={setSettings} />
      <SyncStatusPanel env={env} settings={settings} />
      <ConflictList env={env} />
      <section class="panel" aria-labelledby="privacy-title">
        <h2 id="privacy-title">{t('options.privacy')}</h2>
        <fieldset>
          <legend>{t('options.newLessons')}</legend>
          {(['private', 'team'] as const).map((v) => (
            <label key={v} class="choice">
              <input type="radio" name="defaultVisibility" value={v} checked={settings.defaultVisibility === v} onChange={() => void setVisibility(v)} />
              {v === 'private' ? t('options.newPrivate') : t('options.newTeam')}
            </label>
          ))}
        </fieldset>
      </section>
      <SecretsSettings db={env.db} settings={settings} saveSettings={env.saveSettings} onSaved={setSettings} libraryUrl={env.libraryUrl} />
      <section class="panel" aria-labelledby="pages-title">
        <h2 id="pages-title">{t('options.onPages')}</h2>
        <label class="choice">
          <input
            type="checkbox"
            checked={settings.selectionButton}
            onChange={async (e) => setSettings(await env.saveSettings({ selectionButton: (e.target as HTMLInputElement).checked }))}
          />
          {t('options.selectionButton')}
        </label>
      </section>
      <SitesPanel env={env} settings={settings} onSaved={setSettings} />
      <section class="panel" aria-labelledby="data-title">
        <h2 id="data-title">{t('options.data')}</h2>
        <p>
          <Fill text={t('options.dataHint')} parts={{ link: <a href={env.libraryUrl}>{t('welcome.openLibrary')}</a> }} />
        </p>
      </section>
    </main>
  );
}
