// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { isEditable, overlaps, selectionToSave } from './selection';

function select(node: Node, start: number, end: number): void {
  const range = document.createRange();
  range.setStart(node, start);
  range.setEnd(node, end);
  getSelection()!.removeAllRanges();
  getSelection()!.addRange(range);
}

describe('selectionToSave', () => {
  beforeEach(() => {
    document.body.replaceChildren();
    getSelection()!.removeAllRanges();
  });

  it('offers selected page text', () => {
    const p = document.createElement('p');
    p.textContent = 'The queue filled up during the outage.';
    document.body.append(p);
    select(p.firstChild!, 4, 9);
    expect(selectionToSave(document)?.toString()).toBe('queue');
  });

  it('offers nothing for a collapsed or blank selection', () => {
    const p = document.createElement('p');
    p.textContent = 'a   b';
    document.body.append(p);
    select(p.firstChild!, 2, 2);
    expect(selectionToSave(document)).toBeNull();
    select(p.firstChild!, 1, 4);
    expect(selectionToSave(document)).toBeNull();
  });

  it('offers nothing inside editable regions or our own UI', () => {
    const editor = document.createElement('div');
    editor.setAttribute('contenteditable', 'true');
    editor.innerHTML = '<p>Typing a <b>comment</b> here</p>';
    const ours = document.createElement('lessonmark-ui');
    ours.textContent = 'Save as lesson';
    document.body.append(editor, ours);
    select(editor.querySelector('b')!.firstChild!, 0, 7);
    expect(selectionToSave(document)).toBeNull();
    select(ours.firstChild!, 0, 4);
    expect(selectionToSave(document)).toBeNull();
  });
});

describe('isEditable', () => {
  it('knows text boxes and contenteditable, and that contenteditable=false is not', () => {
    document.body.innerHTML = '<textarea>x</textarea><div contenteditable="false"><span>y</span></div><div contenteditable=""><i>z</i></div>';
    expect(isEditable(document.querySelector('textarea')!.firstChild)).toBe(true);
    expect(isEditable(document.querySelector('span'))).toBe(false);
    expect(isEditable(document.querySelector('i'))).toBe(true);
    expect(isEditable(null)).toBe(false);
  });
});

describe('overlaps', () => {
  it('tells touching from overlapping boxes', () => {
    const a = { left: 0, top: 0, width: 10, height: 10 };
    expect(overlaps(a, { left: 5, top: 5, width: 10, height: 10 })).toBe(true);
    expect(overlaps(a, { left: 10, top: 0, width: 10, height: 10 })).toBe(false);
  });
});
