/**
 * A lesson's secrets: where they are (field and offsets), whether the person kept them on purpose,
 * and how to redact them. Shared by the extension (before sharing, before pushing) and the server
 * (refusing a push). A kept finding is recorded by kind and hash, never by its text.
 */
import type { KeptSecret, Lesson } from '../lesson';
import { findSensitive, isPersonal, type Finding } from '.';
import { sha256Hex } from './sha256';

/** The lesson fields that hold text, each as a path a finding points into, and the kept list. */
export type Redactable = Pick<Lesson, 'title' | 'quote' | 'note' | 'answers' | 'actions' | 'question' | 'anchor' | 'keptSecrets'>;

export interface LessonFinding extends Finding {
  /** `title`, `quote`, `note`, `answers.0`, `actions.2`, `question`, `anchor.prefix`, … */
  field: string;
  /** Of kind and matched text; what `keptSecrets` records. */
  hash: string;
  personal: boolean;
}

export interface Slot {
  field: string;
  text: string;
}

/** Every text of the lesson that travels with it, in reading order. */
export function textSlots(lesson: Redactable): Slot[] {
  const slots: Slot[] = [
    { field: 'title', text: lesson.title },
    { field: 'quote', text: lesson.quote },
    { field: 'note', text: lesson.note },
  ];
  lesson.answers.forEach((a, i) => slots.push({ field: `answers.${i}`, text: a.answer }));
  lesson.actions.forEach((a, i) => slots.push({ field: `actions.${i}`, text: a.text }));
  if (lesson.question) slots.push({ field: 'question', text: lesson.question.text });
  if (lesson.anchor) {
    const q = lesson.anchor.quote;
    slots.push({ field: 'anchor.exact', text: q.exact }, { field: 'anchor.prefix', text: q.prefix }, { field: 'anchor.suffix', text: q.suffix });
  }
  return slots.filter((s) => s.text.length > 0);
}

export function hashOf(kind: string, match: string): string {
  return sha256Hex(`${kind}\n${match}`);
}

export function lessonFindings(lesson: Redactable): LessonFinding[] {
  const out: LessonFinding[] = [];
  for (const slot of textSlots(lesson)) {
    for (const f of findSensitive(slot.text)) {
      out.push({ ...f, field: slot.field, hash: hashOf(f.kind, slot.text.slice(f.start, f.end)), personal: isPersonal(f.kind) });
    }
  }
  return out;
}

export function isKept(lesson: Pick<Redactable, 'keptSecrets'>, f: Pick<LessonFinding, 'kind' | 'hash'>): boolean {
  return (lesson.keptSecrets ?? []).some((k) => k.kind === f.kind && k.hash === f.hash);
}

export interface ShareRules {
  /** Personal data (emails, phone numbers) stops a share as a secret does; otherwise it only warns. */
  personalStops?: boolean;
}

/** Findings that stop the lesson from being shared until the person redacts or keeps them. */
export function blockingFindings(lesson: Redactable, rules: ShareRules = {}): LessonFinding[] {
  return lessonFindings(lesson).filter((f) => !isKept(lesson, f) && (!f.personal || rules.personalStops));
}

/** Findings still to decide on, as the findings panel lists them: one per secret, warnings included. */
export function openFindings(lesson: Redactable): LessonFinding[] {
  const seen = new Set<string>();
  return lessonFindings(lesson).filter((f) => {
    const key = `${f.kind}\n${f.hash}`;
    if (isKept(lesson, f) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** What a person reads about findings: "a GitHub token and 2 passwords". No matched text. */
export function describeFindings(findings: readonly Pick<Finding, 'label'>[]): string {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.label, (counts.get(f.label) ?? 0) + 1);
  const parts = [...counts].map(([label, n]) => (n === 1 ? `${/^[aeiouAEIOU]/.test(label) ? 'an' : 'a'} ${label}` : `${n} × ${label}`));
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** Why a lesson is not shared, in the words the client shows (server refusal and outbox alike). */
export function refusalReason(findings: readonly Pick<Finding, 'label'>[]): string {
  const unique = [...new Map(findings.map((f) => [f.label, f])).values()];
  return `Not shared: it holds ${describeFindings(unique)}. Open the lesson to redact or keep each one, then it is shared.`;
}

export function redactionMark(label: string): string {
  return `[redacted: ${label}]`;
}

/**
 * Replaces the finding's text with `[redacted: label]` wherever the same text occurs in the lesson
 * (the quote's copy in the anchor, a title made from the quote). The anchor's position is kept:
 * with its prefix and suffix it finds the passage again (see anchorRedacted).
 */
export function redact<T extends Redactable>(lesson: T, finding: Pick<LessonFinding, 'field' | 'start' | 'end' | 'label'>): T {
  const slot = textSlots(lesson).find((s) => s.field === finding.field);
  if (!slot) return lesson;
  const match = slot.text.slice(finding.start, finding.end);
  if (!match) return lesson;
  const mark = redactionMark(finding.label);
  const swap = (text: string) => text.split(match).join(mark);
  return {
    ...lesson,
    title: swap(lesson.title),
    quote: swap(lesson.quote),
    note: swap(lesson.note),
    answers: lesson.answers.map((a) => ({ ...a, answer: swap(a.answer) })),
    actions: lesson.actions.map((a) => ({ ...a, text: swap(a.text) })),
    ...(lesson.question ? { question: { ...lesson.question, text: swap(lesson.question.text) } } : {}),
    ...(lesson.anchor
      ? {
          anchor: {
            ...lesson.anchor,
            quote: { ...lesson.anchor.quote, exact: swap(lesson.anchor.quote.exact), prefix: swap(lesson.anchor.quote.prefix), suffix: swap(lesson.anchor.quote.suffix) },
          },
        }
      : {}),
  };
}

/** Redacts every open finding (personal data too when `rules.personalStops`, or when `all`). */
export function redactAll<T extends Redactable>(lesson: T, which: 'blocking' | 'all' = 'all', rules: ShareRules = {}): T {
  let out = lesson;
  for (let guard = 0; guard < 500; guard++) {
    const next = (which === 'all' ? openFindings(out) : blockingFindings(out, rules))[0];
    if (!next) break;
    out = redact(out, next);
  }
  return out;
}

/** Records the finding as kept on purpose: it no longer stops sharing. */
export function keep<T extends Redactable>(lesson: T, finding: Pick<LessonFinding, 'kind' | 'hash'>): T {
  if (isKept(lesson, finding)) return lesson;
  const kept: KeptSecret = { kind: finding.kind, hash: finding.hash };
  return { ...lesson, keptSecrets: [...(lesson.keptSecrets ?? []), kept] };
}
