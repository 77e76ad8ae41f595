import { givenAnswers, type Answer } from '@/lib/lesson-words';
import { askedAs } from '@/lib/pillars';

interface Props {
  /** The note, else the answers, on one line (lib/lesson-words `lessonWords`): what a compact row shows. */
  words?: string;
  note?: string;
  answers?: readonly Answer[];
  /** Shown once, as a quote; leave it out when the heading already shows it. */
  quote?: string;
  /** One line: the words, then the quote. */
  compact?: boolean;
}

/**
 * A lesson as its author put it: the note or the pillar's answers first, then the quote from the
 * page, marked as a quote. Only phrasing elements, so it may sit inside a button.
 */
export function LessonWords({ words = '', note, answers = [], quote, compact }: Props) {
  if (compact) {
    return (
      <span class="lesson-words-line">
        {words && <span class="lesson-words">{words}</span>}
        {words && quote ? ' ' : null}
        {quote && <q class="lesson-quote">{quote}</q>}
      </span>
    );
  }
  const given = givenAnswers(answers);
  return (
    <>
      {note?.trim() ? (
        <span class="lesson-words">{note.trim()}</span>
      ) : (
        given.length > 0 && (
          <span class="lesson-answers">
            {given.map((a) => (
              <span key={a.question} class="lesson-answer">
                <span class="lesson-answer-question">{askedAs(a.question)}</span> {a.answer.trim()}
              </span>
            ))}
          </span>
        )
      )}
      {quote && <q class="lesson-quote">{quote}</q>}
    </>
  );
}
