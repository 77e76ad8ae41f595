import { useEffect } from 'preact/hooks';
import { keep, openFindings, redact, redactAll, textSlots, type LessonFinding, type Redactable } from '@/lib/redact/lesson';
import { t } from '@/lib/i18n';
import { findingLabel } from './labels';
import { REDACT_CSS } from './styles';

export type { Redactable };

interface Props<T extends Redactable> {
  value: T;
  /** Called with the lesson after a Redact or a Keep. */
  onChange: (next: T) => void;
  /** What the person is about to do: share with the team, export, copy. */
  purpose?: 'share' | 'export' | 'copy';
  /** Personal data stops a share (the person's setting); otherwise it is a warning. */
  personalStops?: boolean;
}

const CONTEXT = 40;

function fieldName(field: string): string {
  if (field === 'title') return t('findings.field.title');
  if (field === 'quote') return t('findings.field.quote');
  if (field === 'note') return t('findings.field.note');
  if (field === 'question') return t('findings.field.question');
  if (field.startsWith('answers.')) return t('findings.field.answer');
  if (field.startsWith('actions.')) return t('findings.field.action');
  return t('findings.field.around');
}

/**
 * Secrets and personal data found in a lesson before it leaves the device, each shown in its text
 * with Redact (replaced by "[redacted: label]" in the stored lesson) or Keep (shared as it is,
 * recorded by kind and hash). Alt+R redacts them all. Renders nothing when there is nothing to decide.
 */
export function FindingsPanel<T extends Redactable>({ value, onChange, purpose = 'share', personalStops = false }: Props<T>) {
  // The quote's copy in the anchor is redacted with the quote; listing it would ask twice.
  const findings = openFindings(value).filter((f) => !f.field.startsWith('anchor.') || !value.quote);
  const stops = findings.filter((f) => !f.personal || personalStops);
  const redactEverything = () => onChange(redactAll(value));

  useEffect(() => {
    if (findings.length === 0) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyR') {
        e.preventDefault();
        redactEverything();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  });

  if (findings.length === 0) return null;
  const slots = new Map(textSlots(value).map((s) => [s.field, s.text]));
  return (
    <section class="lm-findings" role="region" aria-label={t('findings.label')}>
      <style>{REDACT_CSS}</style>
      <p class="lm-findings-head">
        <strong>{stops.length ? t('findings.secrets', stops.length) : t('findings.personal')}</strong>
        {purpose === 'share' && stops.length > 0 && <span> {t('findings.staysHere', stops.length)}</span>}
        {purpose === 'export' && <span> {t('findings.beforeExport')}</span>}
        {purpose === 'copy' && <span> {t('findings.beforeCopy')}</span>}
        {purpose === 'share' && stops.length === 0 && <span> {t('findings.sharedAsIs')}</span>}
      </p>
      <ul class="lm-findings-list">
        {findings.map((f) => (
          <FindingRow key={`${f.field}:${f.start}:${f.hash}`} finding={f} text={slots.get(f.field) ?? ''} warning={f.personal && !personalStops} onRedact={() => onChange(redact(value, f))} onKeep={() => onChange(keep(value, f))} />
        ))}
      </ul>
      <div class="lm-findings-foot">
        <button type="button" class="lm-redact-all" onClick={redactEverything} aria-keyshortcuts="Alt+R">
          {t('findings.redactAll')}
        </button>
        <span class="lm-findings-hint">{t('findings.shortcut')}</span>
      </div>
    </section>
  );
}

function FindingRow({ finding, text, warning, onRedact, onKeep }: { finding: LessonFinding; text: string; warning: boolean; onRedact: () => void; onKeep: () => void }) {
  const from = Math.max(0, finding.start - CONTEXT);
  const to = Math.min(text.length, finding.end + CONTEXT);
  return (
    <li class={warning ? 'lm-finding warning' : 'lm-finding'}>
      <div class="lm-finding-what">
        <span class="lm-finding-label">{findingLabel(finding)}</span>
        <span class="lm-finding-where">
          {fieldName(finding.field)}
          {warning && ` · ${t('findings.warning')}`}
        </span>
      </div>
      <p class="lm-finding-text">
        {from > 0 && '…'}
        {text.slice(from, finding.start)}
        <mark>{text.slice(finding.start, finding.end)}</mark>
        {text.slice(finding.end, to)}
        {to < text.length && '…'}
      </p>
      <div class="lm-finding-actions">
        <button type="button" class="lm-redact" onClick={onRedact} aria-label={t('findings.redactLabel', { label: findingLabel(finding) })}>
          {t('findings.redact')}
        </button>
        <button type="button" class="lm-keep" onClick={onKeep} aria-label={t('findings.keepLabel', { label: findingLabel(finding) })}>
          {t('findings.keep')}
        </button>
      </div>
    </li>
  );
}
