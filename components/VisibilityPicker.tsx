import type { Visibility } from '@/lib/lesson';
import { t } from '@/lib/i18n';

interface Props {
  value: Visibility;
  onChange: (visibility: Visibility) => void;
  name: string;
  class?: string;
}

const LABELS: Record<Visibility, () => string> = { private: () => t('visibility.private'), team: () => t('visibility.team') };

/** Who sees a lesson, as a native radio group: private stays on this device, team syncs. */
export function VisibilityPicker({ value, onChange, name, class: className = 'visibility' }: Props) {
  return (
    <fieldset class={className}>
      <legend>{t('visibility.legend')}</legend>
      {(['private', 'team'] as const).map((v) => (
        <label key={v}>
          <input type="radio" name={name} value={v} checked={value === v} onChange={() => onChange(v)} />
          {LABELS[v]()}
        </label>
      ))}
    </fieldset>
  );
}
