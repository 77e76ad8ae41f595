// The secret and personal data detector (lib/redact): speed on one long lesson and on a whole
// library, and recall / false positives on the labelled corpus of test/fixtures/redact.
import { performance } from 'node:perf_hooks';
import { findSensitive } from '../lib/redact';
import { loadCorpus, score } from '../test/fixtures/redact/corpus';
import { lessonsFromPassages } from './corpus/lessons';
import { readManCorpus } from './corpus/manpages';
import { median, type Metrics } from './metric';

const LESSON_CHARS = 20_000;
const RUNS = 301;
const LIBRARY = 100_000;

/** 20,000 characters of the corpus as one lesson would hold them: prose with secrets among it. */
function longLesson(): string {
  const all = loadCorpus()
    .map((d) => d.text)
    .join('\n\n');
  const start = Math.floor(all.length / 3);
  return all.slice(start, start + LESSON_CHARS);
}

export default async function (): Promise<Metrics> {
  const text = longLesson();
  for (let i = 0; i < 20; i++) findSensitive(text);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    findSensitive(text);
    times.push(performance.now() - t);
  }

  const man = readManCorpus(LIBRARY + 1, 0);
  const lessons = lessonsFromPassages(man.lessons, LIBRARY);
  let chars = 0;
  let flagged = 0;
  const t0 = performance.now();
  for (const l of lessons) {
    const text = [l.title, l.quote, l.note].join('\n');
    chars += text.length;
    if (findSensitive(text).length > 0) flagged++;
  }
  const librarySeconds = (performance.now() - t0) / 1000;

  const s = score(loadCorpus(), findSensitive);
  return {
    redact_20k_chars_ms: {
      value: median(times),
      unit: 'ms',
      baseline: null,
      note: `findSensitive on ${LESSON_CHARS} characters of the corpus, median of ${RUNS} (goal ≤ 2 ms)`,
    },
    redact_100k_lessons_s: {
      value: librarySeconds,
      unit: 's',
      baseline: null,
      note: `${LIBRARY} man-page lessons (title, quote, note; ${Math.round(chars / 1e6)} M characters), ${flagged} flagged`,
    },
    redact_secret_recall: {
      value: s.secretsFound / s.secrets,
      unit: 'ratio',
      baseline: null,
      note: `${s.secretsFound}/${s.secrets} labelled secrets in test/fixtures/redact (goal ≥ 0.95); personal data ${s.personalFound}/${s.personal}`,
    },
    redact_prose_false_positives_per_100k_chars: {
      value: (s.proseFalsePositives / s.proseChars) * 100_000,
      unit: 'per 100k chars',
      baseline: null,
      note: `${s.proseFalsePositives} findings in ${s.proseChars} characters of real prose with look-alikes (goal ≤ 1); ${s.falsePositives} unlabelled findings in the whole corpus`,
    },
  };
}
