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
 *  - the study's own terms carry no feeling: a lexicon word next to the same content word
 *    in several of the study's passages ("feature importance", "squared error", "waiting
 *    list") is the name of a thing the study is about, found by document frequency over the
 *    study (studyTerms), not a feeling. Only the pair counts: "importance" alone, or "most
 *    important", still scores;
 *  - a transcriber's note ("(laughs)") is not the speaker's feeling, nor is a stance word
 *    ("honestly", "to be fair"); a question asks, it does not praise ("Is there help?").
 * And rules for complaints, which a journey map most needs and speech says softly (people
 * complain with events and weak words, and praise with strong ones):
 *  - words of waiting and failing that VADER's lexicon, rated for microblogs, lacks
 *    (COMPLAINTS: "waited", "chasing", "impossible"), counted only when no word of VADER's
 *    says how the thing was ("the wait was fine" is positive);
 *  - a service that did not do its part: a negated verb of delivery ("nobody told us", "the
 *    form would not open"; DELIVERY), unless the negation is about a word of feeling or knowing;
 *  - negative from a compound of −0.2, positive only from +0.4 (NEGATIVE_THRESHOLD).
 * Chosen on two tuning sets and checked on two held-out ones labelled before (docs/benchmarks.md).
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
/** −compound at or above which a passage is proposed negative: lower than POLAR_THRESHOLD, since complaints are said softly (one "delayed" is −0.23). */
export const NEGATIVE_THRESHOLD = 0.2;
/** |compound| at or above which it is ±2 on the journey scale. */
export const STRONG_THRESHOLD = 0.6;
/** Each side's share (VADER's pos and neg) at or above which a passage holding both is mixed. */
export const MIXED_SHARE = 0.15;

const N_SCALAR = -0.74;
const PUNCTUATION = /^[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~“”‘’…]+|[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~“”‘’…]+$/g;
const CLAUSE_END = /[,.;:!?…]["'”’)]*$/;
const SENTENCE_END = /[.!?…]["'”’)]*$/;
/** A transcriber's note: one to three lower-case words in brackets ("(laughs)", "[long pause]"); longer or capitalised brackets are the speaker's own aside. */
const TRANSCRIBER_NOTE = /\((?:[a-z]+ ?){1,3}\)|\[(?:[a-z]+ ?){1,3}\]/g;
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
/**
 * Words of waiting, failing and friction that complaints about a service or a product use and
 * VADER's lexicon (rated for microblogs) lacks, on its scale (−4 … +4): see the module comment.
 */
const COMPLAINTS: ReadonlyMap<string, number> = new Map([
  ...['wait', 'waits', 'waited', 'waiting', 'chase', 'chased', 'chasing', 'backlog', 'disconnected', 'late'].map((w) => [w, -1] as const),
  ...['overdue', 'unanswered', 'inaccurate', 'incorrect', 'glitch', 'hassle'].map((w) => [w, -1.2] as const),
  ...['impossible', 'unhelpful', 'unreliable', 'unaffordable', 'runaround', 'buggy', 'crashed', 'crashes'].map((w) => [w, -1.5] as const),
  ...['outdated', 'jargon'].map((w) => [w, -0.9] as const),
]);
/** Verbs of a service doing its part; negated ("nobody told us", "the form would not open") they report a failure. */
const DELIVERY = new Set(
  'tell tells told say says said come comes came arrive arrived answer answers answered reply replied respond responded ring rang rings call called calls receive received hear heard work works worked working open opens load loads find explain explained share match accept accepts fit fits contact contacted happen happened happens show shows'.split(
    ' ',
  ),
);
/** After a delivery verb, words that make it about knowing, not a service's part: "never heard of", "nothing comes to mind". */
const NOT_DELIVERY_AFTER = /^(of|to mind)\b/;
/** The valence of a negated delivery verb: a failure, as strong as VADER's "delayed" or "confused". */
const UNMET = -1.1;
const STANCE_ADVERBS = new Set(['honestly', 'genuinely', 'frankly', 'truthfully']);
/** Words that join clauses, where a far negation stops (nearestNegation). */
const CONJUNCTIONS = new Set(['and', 'but', 'because', 'so', 'while', 'when', 'which', 'or', 'then']);
/** How far back, in words within one clause, a negation reaches (VADER's own rules cover the nearest three). */
const NEGATION_REACH = 6;

/** Function words that tell English from the languages a researcher is likeliest to bring. */
const FUNCTION_WORDS: Record<string, ReadonlySet<string>> = {
  English: new Set(
    'no a the an and or but of to in on at for with is are was were be been it this that i you he she we they my your not do does did have has had so if what there me us him her them our their its as by from up out about just can will would could all one when who'.split(
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
  /** In a transcriber's note, not the speaker's words: "(laughs)", "[inaudible]". */
  note: boolean;
  /** In a sentence that ends with a question mark. */
  asks: boolean;
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
      const [first, second] = [tokens[i - 1]!, tokens[i]!];
      // "like" is the discourse-marker rule's to judge ("feel like", "looks like").
      if (first.endsClause || first.lower === 'like' || second.lower === 'like') continue;
      // The content word names the thing either way round: "feature importance", "waiting list".
      if ((isTermHead(first.lower) && feels(second.lower)) || (feels(first.lower) && isTermHead(second.lower))) pairs.add(`${first.lower} ${second.lower}`);
    }
    for (const pair of pairs) documents.set(pair, (documents.get(pair) ?? 0) + 1);
  }
  return new Set([...documents].filter(([, n]) => n >= TERM_MIN_PASSAGES).map(([pair]) => pair));
}

/** A word that can name what a term is about: a content word with no feeling of its own, not a degree word or negation. */
function isTermHead(word: string): boolean {
  return /^[a-z][a-z-]+$/.test(word) && !FUNCTION_WORDS.English!.has(word) && !DEGREE_WORDS.has(word) && !INDEFINITE.test(word) && !ALWAYS_MARKERS.has(word) && !NEGATIONS.test(word) && !feels(word);
}

/** The word has a feeling of its own, in VADER's lexicon or the complaints'. */
function feels(word: string): boolean {
  return valenceOf(word) !== 0 || COMPLAINTS.has(word);
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
  negativeThreshold?: number;
  notes?: boolean;
  questions?: boolean;
  complaints?: boolean;
  unmet?: boolean;
  stance?: boolean;
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
  /** Where a token's valence came from: VADER's lexicon, the complaints' words, or a negated delivery verb. */
  const source: ('vader' | 'complaint' | 'unmet' | undefined)[] = [];
  tokens.forEach((t, i) => {
    // VADER's own loop passes over "kind" in "kind of" (a hedge, not kindness).
    if (isMarker(tokens, i) || isBooster(tokens, i) || isTerm(tokens, i, terms) || (t.lower === 'kind' && tokens[i + 1]?.lower === 'of') || (rules.notes !== false && t.note) || (rules.stance !== false && isStance(tokens, i))) {
      valences.push(0);
      return;
    }
    valences = Vader.sentiment_valence(0, sentiText, t.word, i, valences);
    let v = valences[i]!;
    const near = nearestNegation(tokens, i, 3);
    const complaint = rules.complaints !== false && v === 0 ? COMPLAINTS.get(t.lower) : undefined;
    if (complaint !== undefined) {
      // Negated, a complaint's word says nothing either way: "can't wait" is eager, "cannot wait for a refund" is not.
      v = near === undefined && nearestNegation(tokens, i, NEGATION_REACH) === undefined ? complaint : 0;
      source[i] = 'complaint';
    } else if (rules.unmet !== false && v === 0 && near !== undefined && isDelivery(tokens, i, near)) {
      v = UNMET;
      negatedBy[i] = near;
      source[i] = 'unmet';
    } else if (v !== 0) {
      source[i] = 'vader';
      const base = valenceOf(t.word);
      if (Math.sign(v) !== Math.sign(base) && near !== undefined) negatedBy[i] = near;
      else {
        const far = nearestNegation(tokens, i, NEGATION_REACH);
        if (far !== undefined && near === undefined) {
          v *= N_SCALAR;
          negatedBy[i] = far;
        }
      }
    }
    // A question asks whether something is good, it does not say it is ("Is there help with the
    // cost?"); and the complaints' words are a service's plain vocabulary too, which a question
    // names as its topic ("How long is the wait?"). VADER's own negative words still count ("Why is it so bad?").
    if (rules.questions !== false && t.asks && (v > 0 || complaint !== undefined)) v = 0;
    valences[i] = v;
  });
  sayItOnce(tokens, valences, negatedBy, source);
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
  const label = labelOf(scores, rules.polarThreshold ?? POLAR_THRESHOLD, rules.negativeThreshold ?? rules.polarThreshold ?? NEGATIVE_THRESHOLD);
  return { kind: 'proposal', label, score: scores.compound, scale: scaleOf(label, scores.compound), cues, reason: reasonOf(label, cues) };
}

/**
 * Each feeling counted once. A complaint's word is the clause's topic when a word of VADER's
 * lexicon says how it was ("the wait was awful", "the wait was fine"): only that word counts. A
 * negation that turns a word of feeling round is about that word, not a failure of the verb
 * before it ("I wouldn't say it was great"). And "no one told me" is one failure, said by the
 * verb, not also by "no".
 */
function sayItOnce(tokens: readonly Token[], valences: number[], negatedBy: (number | undefined)[], source: readonly (string | undefined)[]): void {
  // A clause here ends at punctuation or a conjunction: "started late and it delayed my application" is two.
  const ends = (j: number) => tokens[j]!.endsClause || CONJUNCTIONS.has(tokens[j + 1]?.lower ?? '');
  const feltInClause = (i: number) => {
    let from = i;
    while (from > 0 && !ends(from - 1)) from--;
    for (let j = from; j < tokens.length; j++) {
      if (j !== i && source[j] === 'vader' && valences[j] !== 0) return true;
      if (ends(j) && j >= i) return false;
    }
    return false;
  };
  tokens.forEach((_, i) => {
    if (source[i] === 'complaint' && valences[i] !== 0 && feltInClause(i)) valences[i] = 0;
    if (source[i] !== 'unmet') return;
    const negation = negatedBy[i]!;
    if (negatedBy.some((n, j) => n === negation && source[j] === 'vader')) {
      valences[i] = 0;
      negatedBy[i] = undefined;
    } else valences[negation] = 0;
  });
}

/** The label for VADER's scores: mixed when both sides are strong, else by the compound score. */
function labelOf(s: { pos: number; neg: number; compound: number }, positive: number, negative: number): SentimentLabel {
  if (s.pos >= MIXED_SHARE && s.neg >= MIXED_SHARE) return 'mixed';
  if (s.compound >= positive) return 'positive';
  if (s.compound <= -negative) return 'negative';
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
  const notes = [...text.matchAll(TRANSCRIBER_NOTE)].map((m) => [m.index, m.index + m[0].length] as const);
  let before = '';
  let sentenceStart = 0;
  for (const m of text.matchAll(/\S+/g)) {
    const raw = m[0];
    const stripped = raw.replace(PUNCTUATION, '');
    const word = stripped.length > 1 ? stripped : raw.length > 1 && !/^[\p{P}]+$/u.test(raw) ? raw : '';
    const endsClause = CLAUSE_END.test(raw);
    if (word) {
      const lead = raw.indexOf(word);
      const start = m.index + lead;
      const note = notes.some(([from, to]) => start >= from && start < to);
      out.push({ word, lower: word.toLowerCase().replace(/’/g, "'"), start, end: start + word.length, endsClause, before, note, asks: false });
    } else if (endsClause && out.length > 0) out[out.length - 1]!.endsClause = true;
    before = endsClause ? '' : stripped.toLowerCase().replace(/’/g, "'");
    if (SENTENCE_END.test(raw)) {
      if (/\?["'”’)]*$/.test(raw)) for (let i = sentenceStart; i < out.length; i++) out[i]!.asks = true;
      sentenceStart = out.length;
    }
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
  // "Oh, wait, you said search": an interjection, not waiting.
  if (t.lower === 'wait') return t.endsClause && (startsClause || t.before === 'oh');
  return false;
}

/** The word and the one before it, in one clause, are one of the study's terms. */
function isTerm(tokens: readonly Token[], i: number, terms: StudyTerms): boolean {
  const [before, t, after] = [tokens[i - 1], tokens[i]!, tokens[i + 1]];
  return (before !== undefined && !before.endsClause && terms.has(`${before.lower} ${t.lower}`)) || (after !== undefined && !t.endsClause && terms.has(`${t.lower} ${after.lower}`));
}

/** Words that say how frankly something is said, not what is felt: "honestly", "to be fair". */
function isStance(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i]!;
  return STANCE_ADVERBS.has(t.lower) || ((t.lower === 'honest' || t.lower === 'fair') && t.before === 'be' && tokens[i - 2]?.lower === 'to');
}

/** A verb of a service doing its part, negated by the token at `negation` (DELIVERY). */
function isDelivery(tokens: readonly Token[], i: number, negation: number): boolean {
  const t = tokens[i]!;
  if (!DELIVERY.has(t.lower)) return false;
  // "I wouldn't say so": a hedge, not a letter that said nothing.
  if (SAY.has(t.lower) && HEDGE.test(tokens[negation]!.lower)) return false;
  const after = tokens
    .slice(i + 1, i + 3)
    .map((x) => x.lower)
    .join(' ');
  return t.endsClause || !NOT_DELIVERY_AFTER.test(after);
}
const SAY = new Set(['say', 'says', 'said']);
const HEDGE = /^(would|could|should|might)(n't|nt)$/;

/** "pretty straightforward", "super deep": an intensifier, not the adjective. */
function isBooster(tokens: readonly Token[], i: number): boolean {
  return (tokens[i]!.lower === 'pretty' || tokens[i]!.lower === 'super') && !tokens[i]!.endsClause && i + 1 < tokens.length;
}

/** The index of the nearest negation up to `reach` words back in the same clause. */
function nearestNegation(tokens: readonly Token[], i: number, reach: number): number | undefined {
  for (let j = i - 1; j >= 0 && j >= i - reach; j--) {
    if (tokens[j]!.endsClause) return undefined;
    if (NEGATIONS.test(tokens[j]!.lower)) return j;
    // Beyond VADER's three words, a conjunction starts another clause: "arrived without notice and my mother was frightened".
    if (reach > 3 && CONJUNCTIONS.has(tokens[j]!.lower)) return undefined;
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
