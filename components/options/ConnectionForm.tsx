import { useState } from 'preact/hooks';
import { endpointProblem, type Settings } from '@/lib/settings';
import type { ConnectionResult } from '@/lib/sync/connection';
import { useSaving } from '../hooks/useSaving';
import type { OptionsEnv } from './env';
import { endpointFromInput } from './hosts';
import { Fill } from '@/components/fill';
import { formatDay, t } from '@/lib/i18n';

type Draft = Pick<Settings, 'endpoint' | 'displayName'> & { token: string };

/** The team endpoint, the token, and the name teammates see: test, then save. */
export function ConnectionForm({ env, settings, onSaved }: { env: OptionsEnv; settings: Settings; onSaved: (s: Settings) => void }) {
  const [draft, setDraft] = useState<Draft>({ endpoint: settings.endpoint, token: '', displayName: settings.displayName });
  const [showToken, setShowToken] = useState(false);
  const [test, setTest] = useState<ConnectionResult | 'testing' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const { saving, error, setError, save: run } = useSaving((why) => t('common.notSaved', { error: why }));
  const endpoint = endpointFromInput(draft.endpoint);
  const problem = endpointProblem(endpoint);
  // Typed without a scheme: say which address will be used, so the guess is never silent.
  const guessed = endpoint !== draft.endpoint.trim() && !problem;
  const dirty = draft.endpoint !== settings.endpoint || draft.token.trim() !== '' || draft.displayName !== settings.displayName;

  const set = (key: keyof Draft) => (e: Event) => {
    setDraft({ ...draft, [key]: (e.currentTarget as HTMLInputElement).value });
    setTest(null);
    setSaved(null);
    setError('');
  };
  const runTest = async () => {
    setError('');
    setTest('testing');
    setTest(await env.testConnection({ endpoint, token: draft.token.trim() }));
  };
  const save = async (e: Event) => {
    e.preventDefault();
    if (problem) return;
    await run(async () => {
      const next = await env.saveSettings({ endpoint, token: draft.token.trim(), displayName: draft.displayName.trim() });
      onSaved(next);
      setDraft({ ...draft, endpoint: next.endpoint, token: '' });
      setTest(null);
      setSaved(endpoint ? t('options.savedSyncing') : t('options.savedOff'));
    });
  };

  const result: { text: string; tone: '' | 'ok' | 'error' } =
    test === 'testing'
      ? { text: t('options.testing'), tone: '' }
      : error
        ? { text: error, tone: 'error' }
        : test
          ? { text: test.message, tone: test.ok ? 'ok' : 'error' }
          : { text: saved ?? '', tone: '' };

  return (
    <form class="panel" onSubmit={save} aria-labelledby="connection-title">
      <h2 id="connection-title">{t('options.teamSync')}</h2>
      <p class="hint">{t('options.teamSyncHint')}</p>
      <label class="field">
        <span>{t('options.endpoint')}</span>
        <input type="text" inputMode="url" name="endpoint" placeholder="https://lessons.example.com" value={draft.endpoint} onInput={set('endpoint')} aria-invalid={!!problem} aria-describedby="endpoint-problem" spellcheck={false} autocomplete="url" />
      </label>
      {problem && <p id="endpoint-problem" class="error">{problem}</p>}
      {guessed && (
        <p id="endpoint-problem" class="hint">
          <Fill text={t('options.willUse')} parts={{ endpoint: <strong>{endpoint}</strong> }} />
        </p>
      )}
      <div class="field">
        <label for="token">{t('options.token')}</label>
        <span class="inline">
          <input id="token" type={showToken ? 'text' : 'password'} name="token" autocomplete="off" value={draft.token} onInput={set('token')} spellcheck={false} placeholder={settings.tokenSavedAt ? t('options.tokenReplace') : ''} aria-describedby="token-saved" />
          <button type="button" onClick={() => setShowToken(!showToken)} aria-pressed={showToken} aria-label={t('options.showToken')}>{showToken ? t('options.hide') : t('options.show')}</button>
        </span>
      </div>
      <p id="token-saved" class="hint">
        {settings.tokenSavedAt
          ? t('options.tokenSaved', { since: formatDay(new Date(settings.tokenSavedAt)) })
          : t('options.noToken')}
      </p>
      <label class="field">
        <span>{t('options.displayName')}</span>
        <input type="text" name="displayName" placeholder={t('options.displayNameHint')} value={draft.displayName} onInput={set('displayName')} maxLength={200} />
      </label>
      <div class="buttons">
        <button type="button" onClick={runTest} disabled={test === 'testing' || !!problem}>{t('options.test')}</button>
        <button type="submit" class="primary" disabled={!dirty || !!problem || saving}>{t('common.save')}</button>
      </div>
      <p role="status" class={`result ${result.tone}`} data-testid="connection-result">
        {result.text}
      </p>
    </form>
  );
}
