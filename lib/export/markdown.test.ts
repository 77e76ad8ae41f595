import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { LessonSchema } from '../lesson';
import { EXPORTED_AT, sampleLessons } from '../../test/fixtures/export/sample-lessons';
import { expectGolden } from '../../test/fixtures/export/golden';
import { exportMarkdown, exportMarkdownZip, lessonFileNames, lessonToMarkdown } from './markdown';
import { blockquote, escapeBlock, escapeInline, link } from './markdown-escape';
import { slugify, uniqueNames } from './slug';

describe('Markdown export', () => {
  it('matches the golden document', () => {
    expectGolden('lessons.md', exportMarkdown(sampleLessons(), { now: EXPORTED_AT }));
  });

  it('puts mistakes first and leaves out deleted lessons', () => {
    const md = exportMarkdown(sampleLessons(), { now: EXPORTED_AT });
    const headings = md.split('\n').filter((l) => l.startsWith('## '));
    expect(headings).toEqual([
      '## What we learned from mistakes',
      '## What we learned from experience',
      '## What the numbers taught us',
      '## What we could do better',
      '## Open questions',
    ]);
    expect(md).not.toContain('Deleted lesson');
    expect(md).toContain('_7 lessons, exported 2025-03-20._');
  });

  it('writes actions as a task list and the source as a link', () => {
    const md = lessonToMarkdown(sampleLessons()[0]);
    expect(md).toContain('- [ ] Hash package-lock.json into the cache key (bob, due 2025-03-21)');
    expect(md).toContain('- [x] Write the post-mortem (alice)');
    expect(md).toContain('**Source:** [OPS-42: Deploy pipeline serves stale dependencies](<https://acme.atlassian.net/browse/OPS-42>) (jira:acme.atlassian.net:OPS-42)');
  });

  it('one file per lesson in a zip, names slugified and unique', () => {
    const lessons = sampleLessons();
    const files = unzipSync(exportMarkdownZip(lessons));
    const names = Object.keys(files).sort();
    expect(names).toEqual([
      '2025-03-04-alert-went-to-an-empty-channel.md',
      '2025-03-05-why-do-deploys-fail-on-fridays.md',
      '2025-03-11-flaky-test.md',
      '2025-03-12-deploys-failed-because-the-cache-key-ignored-the-lockfile.md',
      '2025-03-13-1-for-caching.md',
      '2025-03-14-2-latency-if-we-batch-writes-second-line-tabbed.md',
      '2025-03-18-flaky-test.md',
    ]);
    const first = lessons.find((l) => l.kind === 'mistake' && l.createdAt.startsWith('2025-03-12'))!;
    expect(strFromU8(files['2025-03-12-deploys-failed-because-the-cache-key-ignored-the-lockfile.md'])).toBe(lessonToMarkdown(first, 1));
    expectGolden(
      'lessons-zip.txt',
      names.map((n) => `=== ${n}\n${strFromU8(files[n])}`).join('\n'),
    );
  });

  it('makes file names unique even when slugs collide', () => {
    expect(uniqueNames(['a', 'a', 'a-2', 'A'], '.md')).toEqual(['a.md', 'a-2.md', 'a-2-2.md', 'A-3.md']);
    const base = sampleLessons()[1];
    const twins = [base, { ...base, id: '01958a3c-8e00-7000-8000-0000000000ff' }];
    expect(lessonFileNames(twins)).toEqual(['2025-03-11-flaky-test.md', '2025-03-11-flaky-test-2.md']);
  });

  it('slugifies accents, other scripts and punctuation', () => {
    expect(slugify('Café: “déjà vu” — again!')).toBe('cafe-deja-vu-again');
    expect(slugify('デプロイの失敗')).toBe('デプロイの失敗');
    expect(slugify('../../etc/passwd')).toBe('etc-passwd');
    expect(slugify('x'.repeat(100))).toHaveLength(60);
    const untitled = LessonSchema.parse({ ...sampleLessons()[1], title: '', quote: '', note: '', source: { ...sampleLessons()[1].source, title: '!!!', url: '???' } });
    expect(lessonFileNames([untitled])).toEqual(['2025-03-11-01958a3c.md']);
  });
});

describe('Markdown escaping', () => {
  it('keeps a quote from breaking out of its blockquote', () => {
    const q = blockquote('# Title\n\n- item\n```\ncode\n```\n<img src=x onerror=alert(1)>\n    indented\n2. two\n===');
    expect(q.split('\n')).toEqual([
      '> \\# Title',
      '>',
      '> \\- item',
      '> \\`\\`\\`',
      '> code',
      '> \\`\\`\\`',
      '> \\<img src=x onerror=alert(1)\\>',
      '> indented',
      '> 2\\. two',
      '> \\===',
    ]);
  });

  it('escapes inline structure and collapses line breaks in one-line text', () => {
    expect(escapeInline('a *b* _c_ [d](e) `f` | g ~h~ &amp; \\')).toBe('a \\*b\\* \\_c\\_ \\[d\\](e) \\`f\\` \\| g \\~h\\~ \\&amp; \\\\');
    expect(escapeInline('line one\nline two')).toBe('line one line two');
    expect(escapeInline('+1 vote')).toBe('\\+1 vote');
    expect(escapeInline('10) items')).toBe('10\\) items');
  });

  it('keeps paragraphs but not runs of blank lines', () => {
    expect(escapeBlock('one\r\n\r\n\r\ntwo\n\n')).toEqual(['one', '', 'two']);
  });

  it('links only web addresses', () => {
    expect(link('x', 'javascript:alert(1)')).toBe('x');
    expect(link('x', 'not a url')).toBe('x');
    expect(link('', 'https://e.com/a b<c>')).toBe('[https://e.com/a b<c>](<https://e.com/a%20b%3Cc%3E>)'.replace('b<c>]', 'b\\<c\\>]'));
  });
});
