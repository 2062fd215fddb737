/**
 * The meaningful words of short texts, for suggesting clusters and saying why: lower-cased
 * words of three letters or more, without English stop words, the fillers of speech
 * ("yeah", "um", "kind of"), interview labels, and the ids and names of the people in the
 * study (a cluster is never "mentions P07" or "Dan"). Words are compared by a light stem
 * (waiting, waited, waits → wait) and shown in the form the texts use most.
 */

/** Function words, and the fillers and hedges of spoken English that say nothing about a topic. */
const STOP = new Set(
  (
    'a about above after again against all almost also although always am among an and another any anybody anyone anything anyway are around as at ' +
    'be became because become been before being below between both but by can cannot could did do does doing done down during each either else enough even ever every ' +
    'few for from further get gets getting give given go goes going gone got gotten had has have having he her here hers herself him himself his how however ' +
    'i if in into is it its itself just least less let lets like likely made make makes making many may me might mine more most much must my myself ' +
    'neither never no nor not now of off often on once one only onto or other others otherwise our ours ourselves out over own per perhaps put quite rather ' +
    'same several she should since so some somebody someone something sometimes somewhat still such than that the their theirs them themselves then there these they ' +
    'thing things this those though through thus to too toward towards under until up upon us use used using very via was way ways we well were what whatever when ' +
    'where whether which while who whom whose why will with within without would yet you your yours yourself yourselves ' +
    // Speech: fillers, hedges, backchannels, discourse markers.
    'yeah yes yep yup nope okay ok oh ah uh um umm uhm hmm mhm mm er erm huh wow hey hi hello ' +
    'actually basically really literally totally definitely probably maybe sort kind kinda sorta stuff lot lots bit pretty guess mean means meant know knew think thought ' +
    'say said says saying tell told talk talked talking see seen saw look looked looking want wanted wants gonna wanna gotta right sure exactly obviously honestly ' +
    'mentioned mention whatever anyway anyways cool great good fine nice thanks thank please yeah ' +
    // Contractions once the apostrophe is split off, and interview labels.
    "don didn doesn isn wasn aren weren haven hasn hadn won wouldn couldn shouldn can't don't i'm it's that's there's we're they're you're i've we've i'd " +
    'interviewer participant respondent speaker moderator question answer ' +
    // Counting and frequency words that every topic uses.
    'two three four five first second third last next usually often sometimes always never mostly generally'
  ).split(/\s+/),
);

/** A word's comparison form: a light stem, enough to meet plural and tense without an English dictionary. */
export function stem(word: string): string {
  if (word.length <= 4) return word;
  for (const [suffix, keep] of [
    ['ies', 'y'],
    ['ied', 'y'],
    ['ing', ''],
    ['edly', ''],
    ['ed', ''],
    ['es', ''],
    ['s', ''],
    ['ly', ''],
  ] as const) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 3 && !(suffix === 's' && word.endsWith('ss'))) return word.slice(0, -suffix.length) + keep;
  }
  return word;
}

export interface WordReader {
  /** The stems of a text's meaningful words (with repeats). */
  stems(text: string): string[];
  /** The form a stem is shown in: the word the texts read so far use most for it. */
  shown(stem: string): string;
}

/**
 * A reader that also drops `ignore` (participant ids, speaker names; any case) and
 * remembers the surface forms it met, to show stems as words.
 */
export function wordReader(ignore: Iterable<string> = []): WordReader {
  const ignored = new Set([...ignore].map((w) => w.toLowerCase()));
  const forms = new Map<string, Map<string, number>>();
  return {
    stems(text) {
      const out: string[] = [];
      for (const m of text.toLowerCase().matchAll(/\p{L}[\p{L}\p{M}\p{N}]*(?:['’]\p{L}+)?/gu)) {
        const word = m[0].replace(/['’].*$/, '');
        // `XXXX`: words blacked out for anonymity are not a topic.
        if (word.length < 3 || STOP.has(word) || STOP.has(m[0]) || ignored.has(word) || /^x+$/.test(word)) continue;
        const s = stem(word);
        out.push(s);
        const seen = forms.get(s) ?? new Map<string, number>();
        seen.set(word, (seen.get(word) ?? 0) + 1);
        forms.set(s, seen);
      }
      return out;
    },
    shown(s) {
      const seen = forms.get(s);
      if (!seen) return s;
      return [...seen].sort(([a, n], [b, m]) => m - n || (a < b ? -1 : 1))[0]![0];
    },
  };
}
