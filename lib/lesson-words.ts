/** A pillar's answer with the question it answers. */
export interface Answer {
  question: string;
  answer: string;
}

/** The answers actually written; a template question left blank says nothing. */
export function givenAnswers(answers: readonly Answer[]): Answer[] {
  return answers.filter((a) => a.answer.trim());
}

/** The lesson in its author's words, on one line: the note, else the pillar's answers. */
export function lessonWords(l: { note: string; answers: readonly Answer[] }): string {
  const note = l.note.replace(/\s+/g, ' ').trim();
  if (note) return note;
  return givenAnswers(l.answers)
    .map((a) => a.answer.replace(/\s+/g, ' ').trim())
    .join(' · ');
}

const plain = (text: string) => text.replace(/\s+/g, ' ').trim().replace(/(…|\.\.\.)$/, '').trim();

/**
 * Whether a title only repeats the start of the quote (titles of older lessons were cut from it):
 * then the quote is shown once, as the quote, in the title's place.
 */
export function titleRepeatsQuote(title: string, quote: string | undefined): boolean {
  const t = plain(title);
  return !!t && !!quote && plain(quote).startsWith(t);
}

/**
 * The words left to show under a title made from them: a title that is the text's first
 * sentence (or all of it) is not shown twice. A title that only shares the text's first words
 * leaves the text whole, since the rest would start mid-sentence.
 */
export function afterTitle(title: string, text: string): string {
  const t = title.replace(/\s+/g, ' ').trim();
  const words = text.replace(/\s+/g, ' ').trim();
  if (!t || !words.startsWith(t)) return text;
  const rest = words.slice(t.length);
  if (!rest) return '';
  return /[.!?…:]$/.test(t) && rest.startsWith(' ') ? rest.trim() : text;
}
