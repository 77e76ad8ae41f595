import { describe, expect, it } from 'vitest';
import { sampleLessons } from '../../test/fixtures/export/sample-lessons';
import { expectGolden } from '../../test/fixtures/export/golden';
import { parseCsv } from '../../test/support/csv';
import { CSV_BOM, CSV_COLUMNS, csvCell, exportCsv } from './csv';

describe('CSV export', () => {
  it('matches the golden file', () => {
    expectGolden('lessons.csv', exportCsv(sampleLessons()));
  });

  it('starts with a BOM and a fixed header, and reads back one row per live lesson', () => {
    const csv = exportCsv(sampleLessons());
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    const rows = parseCsv(csv.slice(1));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(1 + 7);
    for (const r of rows) expect(r).toHaveLength(CSV_COLUMNS.length);
    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    const mistake = rows.find((r) => r[col('id')] === '01958a3c-8e00-7000-8000-000000000001')!;
    // A line starting with a formula sign is shown as text, like the cell's own start.
    expect(mistake[col('quote')]).toBe(sampleLessons()[0].quote.replace('\n- the cache key', "\n'- the cache key"));
    expect(mistake[col('tags')]).toBe('ci;deploy');
    expect(mistake[col('open_actions')]).toBe('1');
    expect(mistake[col('actions')]).toBe('2');
    expect(mistake[col('work_item')]).toBe('jira:acme.atlassian.net:OPS-42');
    const improvement = rows.find((r) => r[col('kind')] === 'improvement')!;
    expect(improvement[col('note')]).toBe("'-2% latency if we batch writes\r\nsecond line\ttabbed");
    expect(improvement[col('tags')]).toBe("'@ops;batching");
  });

  it('includes tombstones when asked, with the deletion time', () => {
    const rows = parseCsv(exportCsv(sampleLessons(), { includeDeleted: true }).slice(1));
    expect(rows).toHaveLength(1 + 8);
    const deleted = rows.find((r) => r[0] === '01958a3c-8e00-7000-8000-000000000007')!;
    expect(deleted[CSV_COLUMNS.indexOf('deleted')]).toBe('2025-03-14T12:00:00.000Z');
  });
});

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\ronly', '"cr\ronly"'],
    ['"', '""""'],
    ['ci;deploy', '"ci;deploy"'],
    ['tab\there', '"tab\there"'],
    [';', '";"'],
  ])('quotes %j as %j', (input, out) => {
    expect(csvCell(input)).toBe(out);
  });

  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tindent', `"'\tindent"`],
    ['\rstart', `"'\rstart"`],
    ['=HYPERLINK("http://evil","x")', `"'=HYPERLINK(""http://evil"",""x"")"`],
    ['=cmd|\' /C calc\'!A0', "'=cmd|' /C calc'!A0"],
    ['a=1', 'a=1'],
    [' =1', ' =1'],
    ["ops;=cmd|' /C calc'!A0", `"ops;'=cmd|' /C calc'!A0"`],
    ['a,+1', `"a,'+1"`],
    ['a,-1;@SUM(A1)', `"a,'-1;'@SUM(A1)"`],
    ['x\t=1', `"x\t'=1"`],
    ['first\n=2+2', `"first\n'=2+2"`],
    ['first\r\n@x', `"first\r\n'@x"`],
    ['x\t\t=1', `"x\t'\t'=1"`],
    ['a, -1', '"a, -1"'],
  ])('defuses formula %j', (input, out) => {
    expect(csvCell(input)).toBe(out);
  });

  it('writes numbers as numbers', () => {
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(0)).toBe('0');
  });
});
