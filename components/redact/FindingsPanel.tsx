import { useEffect } from 'preact/hooks';
import { keep, openFindings, redact, redactAll, textSlots, type LessonFinding, type Redactable } from '@/lib/redact/lesson';
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

const FIELD_NAME: Record<string, string> = { title: 'Title', quote: 'Quote', note: 'Note', question: 'Question' };
const CONTEXT = 40;

function fieldName(field: string): string {
  if (FIELD_NAME[field]) return FIELD_NAME[field];
  if (field.startsWith('answers.')) return 'Answer';
  if (field.startsWith('actions.')) return 'Action';
  return 'Text around the quote';
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
  const verb = purpose === 'share' ? 'shared' : purpose === 'export' ? 'exported' : 'copied';
  return (
    <section class="lm-findings" role="region" aria-label="Secrets and personal data">
      <style>{REDACT_CSS}</style>
      <p class="lm-findings-head">
        <strong>{stops.length ? `${stops.length === 1 ? 'A secret' : `${stops.length} secrets`} in this lesson` : 'Personal data in this lesson'}</strong>
        {purpose === 'share' && stops.length > 0 && <span> — it stays on this device, not shared with the team, until you redact or keep {stops.length === 1 ? 'it' : 'each one'}.</span>}
        {purpose !== 'share' && <span> — redact before it is {verb}, or keep it as it is.</span>}
        {purpose === 'share' && stops.length === 0 && <span> — shared as it is unless you redact it.</span>}
      </p>
      <ul class="lm-findings-list">
        {findings.map((f) => (
          <FindingRow key={`${f.field}:${f.start}:${f.hash}`} finding={f} text={slots.get(f.field) ?? ''} warning={f.personal && !personalStops} onRedact={() => onChange(redact(value, f))} onKeep={() => onChange(keep(value, f))} />
        ))}
      </ul>
      <div class="lm-findings-foot">
        <button type="button" class="lm-redact-all" onClick={redactEverything} aria-keyshortcuts="Alt+R">
          Redact all
        </button>
        <span class="lm-findings-hint">Alt+R</span>
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
        <span class="lm-finding-label">{finding.label}</span>
        <span class="lm-finding-where">
          {fieldName(finding.field)}
          {warning ? ' · warning' : ''}
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
        <button type="button" class="lm-redact" onClick={onRedact} aria-label={`Redact the ${finding.label}`}>
          Redact
        </button>
        <button type="button" class="lm-keep" onClick={onKeep} aria-label={`Keep the ${finding.label}`}>
          Keep
        </button>
      </div>
    </li>
  );
}
