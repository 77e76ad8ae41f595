import type { Visibility } from '@/lib/lesson';

interface Props {
  value: Visibility;
  onChange: (visibility: Visibility) => void;
  name: string;
  class?: string;
}

const LABELS: Record<Visibility, string> = { private: 'Only me', team: 'My team' };

/** Who sees a lesson, as a native radio group: private stays on this device, team syncs. */
export function VisibilityPicker({ value, onChange, name, class: className = 'visibility' }: Props) {
  return (
    <fieldset class={className}>
      <legend>Who sees it</legend>
      {(['private', 'team'] as const).map((v) => (
        <label key={v}>
          <input type="radio" name={name} value={v} checked={value === v} onChange={() => onChange(v)} />
          {LABELS[v]}
        </label>
      ))}
    </fieldset>
  );
}
