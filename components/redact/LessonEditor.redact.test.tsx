// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { testRoot } from '@/test/support/dom-root';
import { LessonSchema, type LessonPatch } from '@/lib/lesson';
import { LessonEditor } from '../LessonEditor';

const root = testRoot();
const TOKEN = 'ghp_9fK2mQ7xL4pR8sT1vW3yZ6bN0cD5eH2jA8kP';
const at = '2026-11-20T10:00:00.000Z';
const lesson = (visibility: 'team' | 'private') =>
  LessonSchema.parse({
    id: '01900000-0000-7000-8000-000000000001',
    kind: 'mistake',
    title: 'Token in the CI log',
    quote: `export GH=${TOKEN}`,
    note: 'The job printed its environment.',
    visibility,
    createdAt: at,
    updatedAt: at,
    source: { url: 'https://github.com/acme/web/issues/12', site: 'github', workItem: 'github:acme/web#12' },
  });

function mount(visibility: 'team' | 'private') {
  const saved: LessonPatch[] = [];
  act(() => render(<LessonEditor lesson={lesson(visibility)} onSave={async (p) => void saved.push(p)} onClose={() => {}} />, root()));
  return saved;
}

describe('the lesson editor with a secret', () => {
  it('shows the findings panel for a team lesson and stores a redaction at once', async () => {
    const saved = mount('team');
    expect(root().querySelector('[aria-label="Secrets and personal data"]')).not.toBeNull();
    await act(async () => (root().querySelector('button[aria-label="Redact the GitHub token"]') as HTMLButtonElement).click());
    expect(saved).toEqual([{ quote: 'export GH=[redacted: GitHub token]', keptSecrets: [] }]);
  });

  it('leaves a private lesson alone', () => {
    mount('private');
    expect(root().querySelector('[aria-label="Secrets and personal data"]')).toBeNull();
  });
});
