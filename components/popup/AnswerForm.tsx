import { useState } from 'preact/hooks';
import type { Lesson, LessonPatch, Pillar } from '@/lib/lesson';
import { answerPatch } from '@/lib/questions';
import { PillarForm } from '../PillarForm';
import { t } from '@/lib/i18n';

interface Props {
  /** The open question being answered. */
  question: Lesson;
  suggestions: string[];
  /** Sends the patch (updateLesson); a rejection is shown in the form and nothing typed is lost. */
  onSave: (id: string, patch: LessonPatch) => Promise<unknown>;
  onSaved: () => void;
  onClose: () => void;
}

/**
 * Answers a question: the person picks the pillar it turned out to be and fills that pillar's
 * template; the question becomes a lesson of that kind and keeps the question. Usable from any
 * extension page (popup, side panel, library).
 */
export function AnswerForm({ question, suggestions, onSave, onSaved, onClose }: Props) {
  // A "Why do we do it this way?" most often leads to an improvement.
  const [pillar, setPillar] = useState<Pillar>('improvement');
  const text = question.question?.text ?? question.title;
  return (
    <PillarForm
      heading={t('popup.answerHeading')}
      pillar={pillar}
      onPillarChange={setPillar}
      initial={{ note: question.note, actions: question.actions, tags: question.tags, visibility: question.visibility }}
      suggestions={suggestions}
      submitLabel={t('popup.saveAnswer')}
      onSubmit={async (values) => {
        await onSave(question.id, answerPatch(question, { pillar, ...values }));
        onSaved();
      }}
      onCancel={onClose}
    >
      <blockquote class="asked">
        <strong>{text}</strong>
        <span class="where">{question.source.title || question.source.url}</span>
      </blockquote>
      {question.quote && <blockquote class="quote">{question.quote}</blockquote>}
    </PillarForm>
  );
}
