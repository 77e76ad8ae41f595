import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { roffToParagraphs } from './roff';

/** A paragraph of a man page: real technical prose. */
export interface Passage {
  page: string;
  heading: string;
  text: string;
}

export interface ManCorpus {
  /** Passages for lessons. */
  lessons: Passage[];
  /** Passages of other man pages, never in `lessons`, for page queries. */
  queries: Passage[];
  files: number;
}

const ROOT = '/usr/share/man';
const SECTIONS = ['man1', 'man8', 'man5', 'man7', 'man3', 'man2', 'man4'];
const MIN_CHARS = 80;

/**
 * Paragraphs from the English man pages Debian packages ship, in a fixed order (sections, then
 * file names sorted), so every run cuts the same corpus. Every tenth page is held out for
 * queries. Parsing costs seconds, so the result is cached in the temp directory.
 */
export function readManCorpus(lessonPassages: number, queryPassages: number): ManCorpus {
  const cache = join(tmpdir(), `lessonmark-man-corpus-v1-${lessonPassages}-${queryPassages}.json`);
  if (existsSync(cache)) return JSON.parse(readFileSync(cache, 'utf8')) as ManCorpus;
  const corpus: ManCorpus = { lessons: [], queries: [], files: 0 };
  outer: for (const section of SECTIONS) {
    const dir = join(ROOT, section);
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).sort()) {
      if (corpus.lessons.length >= lessonPassages && corpus.queries.length >= queryPassages) break outer;
      if (!file.endsWith('.gz')) continue;
      const held = corpus.files++ % 10 === 9;
      const into = held ? corpus.queries : corpus.lessons;
      if (into.length >= (held ? queryPassages : lessonPassages)) continue;
      const page = file.replace(/\.[^.]+\.gz$/, '');
      let roff: string;
      try {
        roff = gunzipSync(readFileSync(join(dir, file))).toString('utf8');
      } catch {
        continue;
      }
      for (const { heading, text } of roffToParagraphs(roff)) {
        if (text.length >= MIN_CHARS && !/^\.so /.test(text)) into.push({ page, heading, text });
      }
    }
  }
  writeFileSync(cache, JSON.stringify(corpus));
  return corpus;
}
