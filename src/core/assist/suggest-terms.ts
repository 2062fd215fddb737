/**
 * The words a suggestion compares: a passage's terms, lower-cased, without the language's
 * stop words, stemmed with the Snowball stemmer of the study's language (@orama/stemmers),
 * then folded (accents and compatibility forms dropped, as search folds them) so that
 * "Café", "cafe" and "CAFÉ" are one term. Stemming comes before folding because the
 * stemmers read a language's own letters (Hungarian "várakozásról" → "várakozás").
 *
 * The language is found from the text itself: the one whose stop words cover the most
 * words of a sample of the study's coded passages (stop words are the commonest words of a
 * language, so a few hundred words are enough to tell them apart).
 */
import { stemmer as arabic } from '@orama/stemmers/arabic';
import { stemmer as bulgarian } from '@orama/stemmers/bulgarian';
import { stemmer as danish } from '@orama/stemmers/danish';
import { stemmer as dutch } from '@orama/stemmers/dutch';
import { stemmer as english } from '@orama/stemmers/english';
import { stemmer as finnish } from '@orama/stemmers/finnish';
import { stemmer as french } from '@orama/stemmers/french';
import { stemmer as german } from '@orama/stemmers/german';
import { stemmer as greek } from '@orama/stemmers/greek';
import { stemmer as hungarian } from '@orama/stemmers/hungarian';
import { stemmer as indonesian } from '@orama/stemmers/indonesian';
import { stemmer as irish } from '@orama/stemmers/irish';
import { stemmer as italian } from '@orama/stemmers/italian';
import { stemmer as lithuanian } from '@orama/stemmers/lithuanian';
import { stemmer as norwegian } from '@orama/stemmers/norwegian';
import { stemmer as portuguese } from '@orama/stemmers/portuguese';
import { stemmer as romanian } from '@orama/stemmers/romanian';
import { stemmer as russian } from '@orama/stemmers/russian';
import { stemmer as serbian } from '@orama/stemmers/serbian';
import { stemmer as spanish } from '@orama/stemmers/spanish';
import { stemmer as swedish } from '@orama/stemmers/swedish';
import { stemmer as turkish } from '@orama/stemmers/turkish';
import { stemmer as ukrainian } from '@orama/stemmers/ukrainian';
import { stopwords as arabicStops } from '@orama/stopwords/arabic';
import { stopwords as bulgarianStops } from '@orama/stopwords/bulgarian';
import { stopwords as danishStops } from '@orama/stopwords/danish';
import { stopwords as dutchStops } from '@orama/stopwords/dutch';
import { stopwords as englishStops } from '@orama/stopwords/english';
import { stopwords as finnishStops } from '@orama/stopwords/finnish';
import { stopwords as frenchStops } from '@orama/stopwords/french';
import { stopwords as germanStops } from '@orama/stopwords/german';
import { stopwords as greekStops } from '@orama/stopwords/greek';
import { stopwords as hungarianStops } from '@orama/stopwords/hungarian';
import { stopwords as indonesianStops } from '@orama/stopwords/indonesian';
import { stopwords as irishStops } from '@orama/stopwords/irish';
import { stopwords as italianStops } from '@orama/stopwords/italian';
import { stopwords as lithuanianStops } from '@orama/stopwords/lithuanian';
import { stopwords as norwegianStops } from '@orama/stopwords/norwegian';
import { stopwords as portugueseStops } from '@orama/stopwords/portuguese';
import { stopwords as romanianStops } from '@orama/stopwords/romanian';
import { stopwords as russianStops } from '@orama/stopwords/russian';
import { stopwords as serbianStops } from '@orama/stopwords/serbian';
import { stopwords as spanishStops } from '@orama/stopwords/spanish';
import { stopwords as swedishStops } from '@orama/stopwords/swedish';
import { stopwords as turkishStops } from '@orama/stopwords/turkish';
import { stopwords as ukrainianStops } from '@orama/stopwords/ukrainian';

interface Language {
  stem: (word: string) => string;
  stops: readonly string[];
}

const LANGUAGES: Readonly<Record<string, Language>> = {
  english: { stem: english, stops: englishStops },
  arabic: { stem: arabic, stops: arabicStops },
  bulgarian: { stem: bulgarian, stops: bulgarianStops },
  danish: { stem: danish, stops: danishStops },
  dutch: { stem: dutch, stops: dutchStops },
  finnish: { stem: finnish, stops: finnishStops },
  french: { stem: french, stops: frenchStops },
  german: { stem: german, stops: germanStops },
  greek: { stem: greek, stops: greekStops },
  hungarian: { stem: hungarian, stops: hungarianStops },
  indonesian: { stem: indonesian, stops: indonesianStops },
  irish: { stem: irish, stops: irishStops },
  italian: { stem: italian, stops: italianStops },
  lithuanian: { stem: lithuanian, stops: lithuanianStops },
  norwegian: { stem: norwegian, stops: norwegianStops },
  portuguese: { stem: portuguese, stops: portugueseStops },
  romanian: { stem: romanian, stops: romanianStops },
  russian: { stem: russian, stops: russianStops },
  serbian: { stem: serbian, stops: serbianStops },
  spanish: { stem: spanish, stops: spanishStops },
  swedish: { stem: swedish, stops: swedishStops },
  turkish: { stem: turkish, stops: turkishStops },
  ukrainian: { stem: ukrainian, stops: ukrainianStops },
};

export const LANGUAGE_NAMES: readonly string[] = Object.keys(LANGUAGES);

/** Words: runs of letters and digits, with an apostrophe inside a word kept (don't, l'eau). */
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
const MARKS = /\p{M}/gu;

/** The words of a text, lower-cased, in order (accents kept: the stemmer needs them). */
export function wordsOf(text: string): string[] {
  const lower = text.normalize('NFC').toLowerCase();
  return (lower.includes('’') ? lower.replace(/’/g, "'") : lower).match(WORD) ?? [];
}

/** Drops accents and compatibility forms: the fold of a stem. */
function fold(term: string): string {
  return /^[\x00-\x7f]*$/.test(term) ? term : term.normalize('NFKD').replace(MARKS, '');
}

/**
 * Turns texts into terms for one language. Stems are remembered: a study's vocabulary is a
 * few tens of thousands of words, each stemmed once.
 */
export class Analyzer {
  private readonly stops: ReadonlySet<string>;
  private readonly stemmed = new Map<string, string | null>();

  constructor(readonly language: string = 'english') {
    const known = LANGUAGES[language];
    if (!known) throw new Error(`no stemmer for the language "${language}"; Sift knows: ${LANGUAGE_NAMES.join(', ')}`);
    this.stops = new Set(known.stops);
    this.stem = known.stem;
  }

  private readonly stem: (word: string) => string;

  /** The terms of a text, in order, repeated as often as they occur; stop words and one-letter words left out. */
  terms(text: string): string[] {
    const out: string[] = [];
    for (const word of wordsOf(text)) {
      let term = this.stemmed.get(word);
      if (term === undefined) {
        term = this.stops.has(word) || [...word].length < 2 || /^\d+$/.test(word) ? null : fold(this.stem(word));
        this.stemmed.set(word, term);
      }
      if (term) out.push(term);
    }
    return out;
  }
}

/**
 * The language whose stop words cover the most words of the texts (English when nothing
 * tells, e.g. no text at all), with the number of words read (at most `sampleWords`).
 */
export function detectLanguage(texts: Iterable<string>, sampleWords = 5000): { language: string; words: number } {
  const counts = new Map<string, number>();
  const sets = Object.entries(LANGUAGES).map(([name, l]) => [name, new Set(l.stops)] as const);
  let seen = 0;
  for (const text of texts) {
    for (const word of wordsOf(text)) {
      for (const [name, stops] of sets) if (stops.has(word)) counts.set(name, (counts.get(name) ?? 0) + 1);
      if (++seen >= sampleWords) return { language: best(counts), words: seen };
    }
  }
  return { language: best(counts), words: seen };
}

function best(counts: ReadonlyMap<string, number>): string {
  let language = 'english';
  let most = 0;
  for (const [name, n] of counts) if (n > most) [language, most] = [name, n];
  return language;
}
