import { describe, expect, it } from 'vitest';
import { LessonPatchSchema, LessonSchema, type Action, type Lesson } from './lesson';
import {
  cleanActions,
  completeAction,
  completeActionPatch,
  daysBetween,
  dueActions,
  dueHorizon,
  dueLabel,
  dueStatus,
  hasDueAction,
  issueClipboardText,
  issueText,
  localDay,
  reopenAction,
  reopenActionPatch,
} from './actions';

const at = '2026-03-01T09:00:00.000Z';
let n = 0;
function lesson(actions: Partial<Action>[], extra: Partial<Lesson> = {}): Lesson {
  n += 1;
  return LessonSchema.parse({
    id: `0190a6d2-6b7e-7c3a-9d2e-00000000000${n % 10}`,
    kind: 'mistake',
    title: 'Retries doubled the charge',
    quote: 'We retry twice.\nEvery time.',
    note: 'Nobody owned the retry policy.',
    source: { url: 'https://github.com/acme/web/issues/12', site: 'github', workItem: 'github:acme/web#12', title: 'Double [charge] bug' },
    actions: actions.map((a, i) => ({ id: `a${i}`, text: `action ${i}`, ...a })),
    createdAt: at,
    updatedAt: at,
    ...extra,
  });
}

describe('due dates', () => {
  it('reads the calendar day in local time', () => {
    expect(localDay(new Date(2026, 0, 31, 23, 59))).toBe('2026-01-31');
    expect(localDay(new Date(2026, 11, 1, 0, 0))).toBe('2026-12-01');
  });

  it('counts whole days across months and a daylight-saving change', () => {
    expect(daysBetween('2026-02-27', '2026-03-02')).toBe(3);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-03-02', '2026-02-27')).toBe(-3);
  });

  it('tells overdue, today, soon, later, undated and done apart', () => {
    const today = '2026-03-10';
    expect(dueStatus({ due: '2026-03-09', done: false }, today)).toBe('overdue');
    expect(dueStatus({ due: '2026-03-10', done: false }, today)).toBe('today');
    expect(dueStatus({ due: '2026-03-13', done: false }, today)).toBe('soon');
    expect(dueStatus({ due: '2026-03-14', done: false }, today)).toBe('later');
    expect(dueStatus({ due: '2026-03-14', done: false }, today, 7)).toBe('soon');
    expect(dueStatus({ done: false }, today)).toBe('undated');
    expect(dueStatus({ due: '2026-03-01', done: true }, today)).toBe('done');
  });

  it('puts the last day counted as due soon across month and year ends', () => {
    expect(dueHorizon('2026-02-27')).toBe('2026-03-02');
    expect(dueHorizon('2026-12-30', 7)).toBe('2027-01-06');
    expect(dueStatus({ due: dueHorizon('2026-03-28'), done: false }, '2026-03-28')).toBe('soon');
  });

  it('says when in words', () => {
    expect(dueLabel('2026-03-07', '2026-03-10')).toBe('3 days overdue');
    expect(dueLabel('2026-03-09', '2026-03-10')).toBe('due yesterday');
    expect(dueLabel('2026-03-10', '2026-03-10')).toBe('due today');
    expect(dueLabel('2026-03-11', '2026-03-10')).toBe('due tomorrow');
    expect(dueLabel('2026-03-13', '2026-03-10')).toBe('due in 3 days');
  });

  it('lists open due actions, most urgent first, skipping done, later, undated and deleted', () => {
    const today = '2026-03-10';
    const a = lesson([{ due: '2026-03-12' }, { due: '2026-03-01', done: true }, {}]);
    const b = lesson([{ due: '2026-03-08' }, { due: '2026-03-30' }]);
    const gone = lesson([{ due: '2026-03-01' }], { deletedAt: at });
    const due = dueActions([a, b, gone], today);
    expect(due.map((d) => [d.lesson.id, d.action.id, d.status])).toEqual([
      [b.id, 'a0', 'overdue'],
      [a.id, 'a0', 'soon'],
    ]);
    expect(hasDueAction(a, today)).toBe(true);
    expect(hasDueAction(gone, today)).toBe(false);
    expect(hasDueAction(lesson([{ due: '2026-04-01' }]), today)).toBe(false);
  });

  it('ticks an action off with the time, and undoes it', () => {
    const l = lesson([{ due: '2026-03-12' }, { due: '2026-03-13' }]);
    const done = completeAction(l.actions, 'a1', new Date('2026-03-10T12:00:00Z'));
    expect(done[0]).toEqual(l.actions[0]);
    expect(done[1]).toMatchObject({ done: true, doneAt: '2026-03-10T12:00:00.000Z' });
    expect(LessonSchema.parse({ ...l, actions: done }).actions[1].done).toBe(true);
    const undone = reopenAction(done, 'a1');
    expect(undone[1]).toEqual(l.actions[1]);
  });

  it('makes tick-off patches that change only the actions once the background parses them', () => {
    const l = lesson([{ due: '2026-03-12' }], { tags: ['payments'], answers: [{ question: 'Why did this happen?', answer: 'No key' }] });
    const at = new Date('2026-03-10T12:00:00Z');
    const done = { ...l, ...LessonPatchSchema.parse(completeActionPatch(l, 'a0', at)) };
    expect(done).toEqual({ ...l, actions: completeAction(l.actions, 'a0', at) });
    const undone = { ...done, ...LessonPatchSchema.parse(reopenActionPatch(done, 'a0')) };
    expect(undone).toEqual(l);
  });
});

describe('cleanActions', () => {
  it('drops empty rows, trims text and owner, and forgets doneAt of an open action', () => {
    const rows: Action[] = [
      { id: 'a', text: '  Fix it ', owner: '  ', due: '2026-03-12', done: false, doneAt: '2026-03-01T00:00:00.000Z' },
      { id: 'b', text: '   ', done: false },
      { id: 'c', text: 'Ship', owner: ' ana ', done: true, doneAt: '2026-03-02T00:00:00.000Z' },
    ];
    expect(cleanActions(rows)).toEqual([
      { id: 'a', text: 'Fix it', due: '2026-03-12', done: false },
      { id: 'c', text: 'Ship', owner: 'ana', done: true, doneAt: '2026-03-02T00:00:00.000Z' },
    ]);
  });
});

describe('issue text', () => {
  it('carries the action, the lesson title, quote, note, source link, owner and due', () => {
    const l = lesson([{ text: 'Write down the retry policy', owner: 'ana', due: '2026-03-12' }]);
    const { title, body } = issueText(l, l.actions[0]);
    expect(title).toBe('Write down the retry policy');
    expect(body).toBe(
      [
        'From the lesson "Retries doubled the charge" (Mistake).',
        '> We retry twice.\n> Every time.',
        'Nobody owned the retry policy.',
        'Source: [Double \\[charge\\] bug](https://github.com/acme/web/issues/12)',
        'Owner: ana\nDue: 2026-03-12',
      ].join('\n\n'),
    );
    expect(issueClipboardText(l, l.actions[0]).startsWith('Write down the retry policy\n\nFrom the lesson')).toBe(true);
  });

  it('leaves out what the lesson lacks and says who and when is unset', () => {
    const l = lesson([{ text: 'Ask ops' }], { quote: '', note: '', source: { url: 'https://example.com/x', site: 'web', workItem: 'https://example.com/x', title: '', labels: [] } });
    const { body } = issueText(l, l.actions[0]);
    expect(body).toBe('From the lesson "Retries doubled the charge" (Mistake).\n\nSource: https://example.com/x\n\nOwner: unassigned\nDue: no date');
  });
});
