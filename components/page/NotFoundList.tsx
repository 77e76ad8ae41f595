import { useState } from 'preact/hooks';
import type { Lesson } from '@/lib/lesson';
import { lessonTitle } from '@/lib/lesson-basics';
import { t } from '@/lib/i18n';

interface Props {
  lessons: Lesson[];
  onOpen: (lesson: Lesson) => void;
}

/**
 * Lessons saved on this page whose words are no longer on it: counted and listed with their
 * quotes, never painted on other text.
 */
export function NotFoundList({ lessons, onOpen }: Props) {
  const [open, setOpen] = useState(false);
  if (lessons.length === 0) return null;
  return (
    <section class="not-found" aria-label={t('peek.notFoundLabel')}>
      <button type="button" class="pill" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t('peek.notFound', lessons.length)}
      </button>
      {open && (
        <ul class="not-found-list">
          {lessons.map((l) => (
            <li key={l.id}>
              <button type="button" class="link" onClick={() => onOpen(l)}>
                {lessonTitle(l)}
              </button>
              {l.anchor && <blockquote class="quote">{l.anchor.quote.exact}</blockquote>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
