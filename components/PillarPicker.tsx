import type { Pillar } from '@/lib/lesson';
import { PILLARS } from '@/lib/lesson-basics';
import { PILLAR_INFO } from '@/lib/pillars';
import { t } from '@/lib/i18n';

interface Props {
  value: Pillar;
  onChange: (pillar: Pillar) => void;
  name: string;
}

/** The four pillars as a native radio group, so arrow keys move between them. */
export function PillarPicker({ value, onChange, name }: Props) {
  return (
    <fieldset class="pillars">
      <legend>{t('pillars.legend')}</legend>
      {PILLARS.map((p) => (
        <label key={p} class={`pillar pillar-${p}`} title={PILLAR_INFO[p].asked.join(' ')}>
          <input type="radio" name={name} value={p} checked={value === p} onChange={() => onChange(p)} />
          {PILLAR_INFO[p].label}
        </label>
      ))}
    </fieldset>
  );
}
