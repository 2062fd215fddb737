/**
 * A sentiment proposal for a passage of interview speech, for the researcher to confirm:
 * negative, neutral, positive or mixed, a score, and the words that drove it. Never a
 * value written by itself, never a change to the words.
 *
 * The engine is VADER (Hutto & Gilbert 2014; `vader-sentiment`, Apache-2.0): a lexicon of
 * 7,500 English words rated by people, with rules for negation ("not bad"), intensifiers
 * ("really", "very", "kind of") and contrast ("…, but …"). On the evaluation set
 * (docs/benchmarks.md, Sentiment proposals) plain VADER, AFINN (`sentiment`) and
 * `wink-sentiment` all scored below always-neutral on interview speech, for one reason: the
 * words people say while they think ("yeah", "okay", "like", "sure", "well", "right") are
 * positive in every lexicon. So this module walks VADER's scoring itself (its public rule
 * functions), token by token, and adds three rules for speech:
 *  - discourse markers carry no sentiment: "yeah", "okay", "sure" always; "like" unless it
 *    is the verb ("I like", "would like", "I really like"); "well" and "right" at the start or end of a
 *    clause; "pretty" before another word (an intensifier there, not "pretty");
 *  - a negation reaches the evaluative word across the clause ("I wouldn't say it was
 *    easy"), where VADER looks only three words back;
 *  - a passage in another language is declined, not guessed: the lexicon is English, and
 *    read as English, Spanish "no" and German "war" would score;
 *  - the study's own terms carry no feeling: a lexicon word right after the same content word
 *    in several of the study's passages ("feature importance", "SHAP values", "squared error")
 *    is the name of a thing the study is about, found by document frequency over the study
 *    (studyTerms), not a feeling. Only the pair counts: "importance" alone, or "most
 *    important", still scores.
 * Walking the tokens is also what gives the reason: each scoring word with its valence.
 */
import { SentimentIntensityAnalyzer as Vader } from 'vader-sentiment';

export type SentimentLabel = 'negative' | 'neutral' | 'positive' | 'mixed';
export const SENTIMENT_LABELS: readonly SentimentLabel[] = ['negative', 'neutral', 'positive', 'mixed'];

/** A word that moved the score, with where it is in the passage (UTF-16 offsets) and its valence after the rules. */
export interface SentimentCue {
  word: string;
  start: number;
  end: number;
  valence: number;
  /** A negation turned it round ("not bad"); `phrase` then runs from the negation to the word. */
  negated: boolean;
  phrase: string;
}

export type SentimentProposal =
  | {
      kind: 'proposal';
      label: SentimentLabel;
      /** VADER's compound score, −1 … +1. */
      score: number;
      /** The journey map's whole-number scale, −2 … +2 (mixed is 0). */
      scale: number;
      /** The words that drove it, strongest first (at most 5). */
      cues: SentimentCue[];
      /** One line a researcher reads: "'frightening', 'no one told me'", or why it is neutral. */
      reason: string;
    }
  | { kind: 'declined'; reason: string };

/** |compound| at or above which a passage is proposed as positive or negative; below it, neutral. */
export const POLAR_THRESHOLD = 0.4;
/** |compound| at or above which it is ±2 on the journey scale. */
export const STRONG_THRESHOLD = 0.6;
/** Each side's share (VADER's pos and neg) at or above which a passage holding both is mixed. */
export const MIXED_SHARE = 0.15;

const N_SCALAR = -0.74;
const PUNCTUATION = /^[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~“”‘’…]+|[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~“”‘’…]+$/g;
const CLAUSE_END = /[,.;:!?…]["'”’)]*$/;
const ALWAYS_MARKERS = new Set(['yeah', 'yep', 'yes', 'okay', 'ok', 'sure', 'um', 'uh', 'hmm', 'oh']);
/** Words before which "like" is the verb. */
const LIKE_VERB_BEFORE = new Set(['i', 'we', 'you', 'they', 'he', 'she', 'people', 'would', "i'd", "we'd", "they'd", 'do', "don't", 'did', "didn't", 'not']);
/** Negations, with contractions spelt without the apostrophe ("dont") but not every word ending in "nt" ("important", "want"). */
const NEGATIONS = /^(not|no|never|nobody|nothing|none|neither|nor|cannot|without|hardly|barely)$|n't$|^(do|does|did|ca|wo|is|are|was|were|could|should|would|have|has|had|ai|must|need|might)nt$/;
/** Degree words, which make a phrase of feeling ("most important"), never a term. */
const DEGREE_WORDS = new Set('very really quite so too most more less least super pretty fairly rather extremely highly totally somewhat'.split(' '));
/** Indefinite pronouns: "something interesting" is a feeling about a thing, not a term. */
const INDEFINITE = /^(some|any|every|no)(thing|one|body|where)$/;
/** In how many of the study's passages a pair must recur to be one of its terms. */
export const TERM_MIN_PASSAGES = 3;
/** How far back, in words within one clause, a negation reaches (VADER's own rules cover the nearest three). */
const NEGATION_REACH = 6;

/** Function words that tell English from the languages a researcher is likeliest to bring. */
const FUNCTION_WORDS: Record<string, ReadonlySet<string>> = {
  English: new Set(
    'no the an and or but of to in on at for with is are was were be been it this that i you he she we they my your not do does did have has had so if what there me us him her them our their its as by from up out about just can will would could all one when who'.split(
      ' ',
    ),
  ),
  Spanish: new Set('el la los las un una y o pero de del que en con por para es son era fue está no lo le les se me te mi su al como muy'.split(' ')),
  German: new Set('der die das ein eine und oder aber von zu im in mit ist sind war waren nicht ich du er sie wir es auf für den dem des sich auch'.split(' ')),
  French: new Set('le la les un une et ou mais de du des que en dans avec pour est sont était pas je tu il elle nous vous ce cette au aux'.split(' ')),
  Portuguese: new Set('o a os as um uma e ou mas de do da que em com por para é são era não eu ele ela nós você se ao'.split(' ')),
  Italian: new Set('il lo la gli le un una e o ma di del che in con per è sono era non io tu lui lei noi si al'.split(' ')),
  Dutch: new Set('de het een en of maar van te in met is zijn was waren niet ik jij hij zij wij op voor dat die'.split(' ')),
};

const UNKNOWN = 'unknown';

interface Token {
  word: string;
  lower: string;
  start: number;
  end: number;
  /** The raw token ended a clause (a comma, full stop, question mark… after it). */
  endsClause: boolean;
  /** The word said just before, lower case, even one VADER leaves out ("I", "a"); '' at a clause start. */
  before: string;
}

/**
 * A study's terms, as "head word" pairs (lower case): see the module comment. Built from the
 * study's own passages (the highlights' quotes, or its transcripts' turns), no labels used.
 */
export type StudyTerms = ReadonlySet<string>;

/** The pairs (content word, lexicon word) that recur in at least TERM_MIN_PASSAGES of the passages. */
export function studyTerms(passages: Iterable<string>): StudyTerms {
  const documents = new Map<string, number>();
  for (const text of passages) {
    const tokens = tokenize(text);
    const pairs = new Set<string>();
    for (let i = 1; i < tokens.length; i++) {
      const head = tokens[i - 1]!;
      // "like" after a word is the discourse-marker rule's to judge ("feel like", "looks like").
      if (head.endsClause || !isTermHead(head.lower) || tokens[i]!.lower === 'like' || valenceOf(tokens[i]!.word) === 0) continue;
      pairs.add(`${head.lower} ${tokens[i]!.lower}`);
    }
    for (const pair of pairs) documents.set(pair, (documents.get(pair) ?? 0) + 1);
  }
  return new Set([...documents].filter(([, n]) => n >= TERM_MIN_PASSAGES).map(([pair]) => pair));
}

/** A word that can name what a term is about: a content word with no feeling of its own, not a degree word or negation. */
function isTermHead(word: string): boolean {
  return /^[a-z][a-z-]+$/.test(word) && !FUNCTION_WORDS.English!.has(word) && !DEGREE_WORDS.has(word) && !INDEFINITE.test(word) && !ALWAYS_MARKERS.has(word) && !NEGATIONS.test(word) && valenceOf(word) === 0;
}

/** The word's valence in VADER's lexicon alone, 0 when it has none; remembered, since studyTerms asks for every word of a study. */
function valenceOf(word: string): number {
  let v = valences.get(word);
  if (v === undefined) valences.set(word, (v = Vader.sentiment_valence(0, { words_and_emoticons: [word], is_cap_diff: false }, word, 0, [])[0]!));
  return v;
}
const valences = new Map<string, number>();

/** Rules that can be switched off or moved, to measure what each adds (bench/sentiment.ts). */
export interface SentimentRules {
  polarThreshold?: number;
}

/** `terms`: the study's terms (studyTerms), which carry no feeling in it. */
export function proposeSentiment(text: string, terms: StudyTerms = new Set(), rules: SentimentRules = {}): SentimentProposal {
  const language = languageOf(text);
  if (language) return { kind: 'declined', reason: `${language === UNKNOWN ? 'This passage does not look English' : `This passage looks ${language}`}; Sift's sentiment lexicon is English only, so it proposes nothing rather than guess.` };
  const tokens = tokenize(text);
  const words = tokens.map((t) => t.word);
  const sentiText = { words_and_emoticons: words, is_cap_diff: capitalsDiffer(words) };
  let valences: number[] = [];
  const negatedBy: (number | undefined)[] = [];
  tokens.forEach((t, i) => {
    // VADER's own loop passes over "kind" in "kind of" (a hedge, not kindness).
    if (isMarker(tokens, i) || isBooster(tokens, i) || isTerm(tokens, i, terms) || (t.lower === 'kind' && tokens[i + 1]?.lower === 'of')) {
      valences.push(0);
      return;
    }
    valences = Vader.sentiment_valence(0, sentiText, t.word, i, valences);
    const v = valences[i]!;
    if (v === 0) return;
    const base = valenceOf(t.word);
    const near = nearestNegation(tokens, i, 3);
    if (Math.sign(v) !== Math.sign(base) && near !== undefined) negatedBy[i] = near;
    else {
      const far = nearestNegation(tokens, i, NEGATION_REACH);
      if (far !== undefined && near === undefined) {
        valences[i] = v * N_SCALAR;
        negatedBy[i] = far;
      }
    }
  });
  valences = Vader.but_check(words, valences);
  const scores = Vader.score_valence(valences, text);
  const cues = tokens
    .map((t, i) => ({ t, i, valence: valences[i]! }))
    .filter((c) => c.valence !== 0)
    .sort((a, b) => Math.abs(b.valence) - Math.abs(a.valence) || a.i - b.i)
    .slice(0, 5)
    .map(({ t, i, valence }): SentimentCue => {
      const from = negatedBy[i] !== undefined ? tokens[negatedBy[i]!]! : t;
      return { word: t.word, start: t.start, end: t.end, valence: round(valence), negated: negatedBy[i] !== undefined, phrase: text.slice(from.start, t.end) };
    });
  const label = labelOf(scores, rules.polarThreshold ?? POLAR_THRESHOLD);
  return { kind: 'proposal', label, score: scores.compound, scale: scaleOf(label, scores.compound), cues, reason: reasonOf(label, cues) };
}

/** The label for VADER's scores: mixed when both sides are strong, else by the compound score. */
function labelOf(s: { pos: number; neg: number; compound: number }, threshold: number): SentimentLabel {
  if (s.pos >= MIXED_SHARE && s.neg >= MIXED_SHARE) return 'mixed';
  if (s.compound >= threshold) return 'positive';
  if (s.compound <= -threshold) return 'negative';
  return 'neutral';
}

function scaleOf(label: SentimentLabel, compound: number): number {
  if (label === 'positive') return compound >= STRONG_THRESHOLD ? 2 : 1;
  if (label === 'negative') return compound <= -STRONG_THRESHOLD ? -2 : -1;
  return 0;
}

function reasonOf(label: SentimentLabel, cues: readonly SentimentCue[]): string {
  const quoted = (list: readonly SentimentCue[]) => list.map((c) => `'${c.phrase}'`).join(', ');
  if (cues.length === 0) return 'no words of feeling';
  if (label === 'mixed') return `${quoted(cues.filter((c) => c.valence > 0))} against ${quoted(cues.filter((c) => c.valence < 0))}`;
  if (label === 'neutral') return `only weak words of feeling: ${quoted(cues)}`;
  const side = cues.filter((c) => (label === 'positive' ? c.valence > 0 : c.valence < 0));
  return quoted(side);
}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let before = '';
  for (const m of text.matchAll(/\S+/g)) {
    const raw = m[0];
    const stripped = raw.replace(PUNCTUATION, '');
    const word = stripped.length > 1 ? stripped : raw.length > 1 && !/^[\p{P}]+$/u.test(raw) ? raw : '';
    const endsClause = CLAUSE_END.test(raw);
    if (word) {
      const lead = raw.indexOf(word);
      out.push({ word, lower: word.toLowerCase().replace(/’/g, "'"), start: m.index + lead, end: m.index + lead + word.length, endsClause, before });
    } else if (endsClause && out.length > 0) out[out.length - 1]!.endsClause = true;
    before = endsClause ? '' : stripped.toLowerCase().replace(/’/g, "'");
  }
  return out;
}

/** A word said while thinking, not a feeling: see the module comment. */
function isMarker(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i]!;
  if (ALWAYS_MARKERS.has(t.lower)) return true;
  const before = tokens[i - 1];
  const startsClause = !before || before.endsClause;
  if (t.lower === 'like') return !(LIKE_VERB_BEFORE.has(t.before) || (before !== undefined && DEGREE_WORDS.has(t.before) && LIKE_VERB_BEFORE.has(before.before)));
  if (t.lower === 'well' || t.lower === 'right') return startsClause || t.endsClause;
  if (t.lower === 'no') return t.endsClause || (startsClause && tokens[i + 1]?.lower !== 'one');
  return false;
}

/** The word and the one before it, in one clause, are one of the study's terms. */
function isTerm(tokens: readonly Token[], i: number, terms: StudyTerms): boolean {
  const before = tokens[i - 1];
  return before !== undefined && !before.endsClause && terms.has(`${before.lower} ${tokens[i]!.lower}`);
}

/** "pretty straightforward": an intensifier, not the adjective. */
function isBooster(tokens: readonly Token[], i: number): boolean {
  return tokens[i]!.lower === 'pretty' && !tokens[i]!.endsClause && i + 1 < tokens.length;
}

/** The index of the nearest negation up to `reach` words back in the same clause. */
function nearestNegation(tokens: readonly Token[], i: number, reach: number): number | undefined {
  for (let j = i - 1; j >= 0 && j >= i - reach; j--) {
    if (tokens[j]!.endsClause) return undefined;
    if (NEGATIONS.test(tokens[j]!.lower)) return j;
  }
  return undefined;
}

/**
 * The language other than English the passage is in, or undefined when it reads as English:
 * the language whose function words it uses most (English wins ties). A passage with none of
 * any language's ("Great work. Thanks.") reads as English unless it has letters English does
 * not use (accents, ñ, ß, ¿ ¡). Counting function words, not letter trigrams, because turns
 * are short: trigram detectors give up under a sentence or two.
 */
function languageOf(text: string): string | undefined {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  // Each other language against English on the words that are only its own: "me", "no" and
  // "a" belong to both English and Spanish and tell nothing.
  const englishWords = FUNCTION_WORDS.English!;
  const english = words.filter((w) => englishWords.has(w)).length;
  let best: { language: string; margin: number } | undefined;
  for (const [language, list] of Object.entries(FUNCTION_WORDS)) {
    if (list === englishWords) continue;
    const theirs = words.filter((w) => list.has(w) && !englishWords.has(w)).length;
    const ours = words.filter((w) => englishWords.has(w) && !list.has(w)).length;
    if (theirs > ours && (!best || theirs - ours > best.margin)) best = { language, margin: theirs - ours };
  }
  if (best) return best.language;
  if (english === 0 && /[^\x00-\x7F’‘“”…–—]/.test(text.replace(/[\p{Emoji_Presentation}]/gu, ''))) return UNKNOWN;
  return undefined;
}

function capitalsDiffer(words: readonly string[]): boolean {
  const upper = words.filter((w) => /^[^a-z]*[A-Z]+[^a-z]*$/.test(w)).length;
  return upper > 0 && upper < words.length;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
