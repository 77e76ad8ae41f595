import type { Lesson, LessonDraftInput, Pillar, Visibility } from '@/lib/lesson';
import type { PageInfo } from '@/lib/platform/page';
import { PILLAR_INFO } from '@/lib/pillars';
import { suggestTags } from '@/lib/tags';
import { templateDraft } from '@/lib/templates';
import { PillarForm } from '../PillarForm';
import { t } from '@/lib/i18n';

interface Props {
  pillar: Pillar;
  page: PageInfo;
  suggestions: string[];
  defaultVisibility: Visibility;
  onSave: (draft: LessonDraftInput) => Promise<Lesson>;
  onSaved: (lesson: Lesson) => void;
  onClose: () => void;
}

/** A pillar's template ("Reflect", "Post-mortem", "Numbers", "Improve") about the page and its selection. */
export function TemplateForm({ pillar, page, suggestions, defaultVisibility, onSave, onSaved, onClose }: Props) {
  const info = PILLAR_INFO[pillar];
  return (
    <PillarForm
      heading={t('popup.templateHeading', { template: info.template, kind: info.label })}
      pillar={pillar}
      initial={{ tags: suggestTags(page.source), visibility: defaultVisibility }}
      suggestions={suggestions}
      submitLabel={t('popup.saveLesson')}
      onSubmit={async (values) => onSaved(await onSave(templateDraft(pillar, page, values)))}
      onCancel={onClose}
    >
      <p class="where" title={page.source.url}>
        {page.source.title || page.source.url}
      </p>
      {page.quote ? (
        <blockquote class="quote">{page.quote}</blockquote>
      ) : (
        <p class="hint">{t('popup.noSelection')}</p>
      )}
    </PillarForm>
  );
}
