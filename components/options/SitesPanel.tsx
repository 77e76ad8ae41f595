import { useState } from 'preact/hooks';
import type { Settings } from '@/lib/settings';
import type { OptionsEnv } from './env';
import { HOST_KINDS, hostPattern, PUBLIC_SITES, type HostKind } from './hosts';
import { t } from '@/lib/i18n';

/** Hosts of self-hosted sites (Jira, GitHub Enterprise, …): granted at run time, listed, removable. */
export function SitesPanel({ env, settings, onSaved }: { env: OptionsEnv; settings: Settings; onSaved: (s: Settings) => void }) {
  const [kind, setKind] = useState<HostKind>(HOST_KINDS[0].kind);
  const [input, setInput] = useState('');
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  const add = (e: Event) => {
    e.preventDefault();
    const parsed = hostPattern(input);
    if ('error' in parsed) return setMessage({ text: parsed.error, error: true });
    // The browser only shows its permission prompt inside the click: ask before anything else awaits.
    void env.grantHost(parsed.pattern).then(async (granted) => {
      if (!granted) return setMessage({ text: t('options.notGranted', { host: parsed.host }), error: true });
      const list = settings.hosts[kind];
      const hosts = { ...settings.hosts, [kind]: list.includes(parsed.host) ? list : [...list, parsed.host] };
      onSaved(await env.saveSettings({ hosts }));
      setInput('');
      setMessage({ text: t('options.granted', { host: parsed.host }), error: false });
    });
  };
  const remove = async (k: HostKind, host: string) => {
    const hosts = { ...settings.hosts, [k]: settings.hosts[k].filter((h) => h !== host) };
    const still = Object.values(hosts).some((list) => list.includes(host));
    const pattern = hostPattern(host);
    if (!still && !('error' in pattern)) await env.revokeHost(pattern.pattern).catch(() => null);
    onSaved(await env.saveSettings({ hosts }));
    setMessage({ text: t('options.removed', { host }), error: false });
  };
  const all = HOST_KINDS.flatMap(({ kind: k, label }) => settings.hosts[k].map((host) => ({ k, label, host })));

  return (
    <section class="panel" aria-labelledby="sites-title">
      <h2 id="sites-title">{t('options.sites')}</h2>
      <p class="hint">{t('options.sitesHint', { sites: PUBLIC_SITES })}</p>
      {all.length === 0 ? (
        <p class="empty">{t('options.noSites')}</p>
      ) : (
        <ul class="hosts">
          {all.map(({ k, label, host }) => (
            <li key={`${k}:${host}`}>
              <span>{host}</span> <span class="hint">{label}</span>
              <button type="button" onClick={() => void remove(k, host)} aria-label={t('options.removeHost', { host })}>{t('options.remove')}</button>
            </li>
          ))}
        </ul>
      )}
      <form class="inline" onSubmit={add}>
        <label>
          <span class="sr-only">{t('options.siteKind')}</span>
          <select value={kind} onChange={(e) => setKind(e.currentTarget.value as HostKind)}>
            {HOST_KINDS.map((k) => (
              <option key={k.kind} value={k.kind}>{k.label}</option>
            ))}
          </select>
        </label>
        <label class="grow">
          <span class="sr-only">{t('options.host')}</span>
          <input type="text" placeholder={`${kind}.example.com`} value={input} onInput={(e) => setInput(e.currentTarget.value)} spellcheck={false} />
        </label>
        <button type="submit">{t('options.grant')}</button>
      </form>
      {message && <p role="status" class={message.error ? 'error' : 'result'}>{message.text}</p>}
    </section>
  );
}
