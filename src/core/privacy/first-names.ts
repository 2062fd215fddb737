/**
 * Given names, for names said with no cue at all ("I spoke to Steve Harrington at the
 * council"). The list is the public-domain names corpus of Mark Kantrowitz (about 8,400
 * English given names) as the @stdlib datasets package it, some 80 KB: read by the host the
 * first time a text is scanned (src/node/core-libraries.ts reads dist/given-names.json), so that
 * no start-up of the extension or the CLI parses it.
 *
 * A list of given names is also a list of ordinary words ("Will", "May", "Grant", "Hope",
 * "Say", "Even"): a word of the list counts as a name only where it is not an ordinary word
 * of the text it is in. That is decided by the text itself — a word that also appears in
 * lower case there ("will", "grant") is ordinary — and by the words below, which a study may
 * not happen to use in lower case.
 */
let source: (() => readonly string[]) | undefined;
let given: ReadonlySet<string> | undefined;

/** Installs where the list comes from; it is read once, on first use. */
export function useGivenNames(read: () => readonly string[]): void {
  source = read;
  given = undefined;
}

function givenNames(): ReadonlySet<string> {
  if (!given) {
    // Loud rather than a scan that silently finds fewer names.
    if (!source) throw new Error('No list of given names: the host installs one (useGivenNames, src/node/core-libraries.ts) before any personal-data scan.');
    given = new Set(source());
  }
  return given;
}

/** Words of the list that are far more often something else in a transcript. */
const ORDINARY = new Set(
  (
    'a an any are as at be but by can do even had happy has have her him his if in is it me my no not of on or our say see so the to up us we ' +
    'read care grant hope will may mark bill june april august easter christmas sunday monday tuesday wednesday thursday friday saturday ' +
    'art case chance christian cliff dale dawn faith glen grace guy holly iris ivy jack joy lane lee miles pat patience rich rob ruby rusty sky ' +
    'summer autumn star storm sunny tip true val wade ward way west young king major page park price rose victor violet wood worth ' +
    // places more often than people in a transcript
    'georgia carolina virginia devon kent chelsea dallas jordan'
  ).split(' '),
);

/** True when a capitalised word is a given name of the list and not an ordinary word. */
export function isGivenName(word: string): boolean {
  const title = word.length > 1 && word === word.toUpperCase() ? word[0] + word.slice(1).toLowerCase() : word;
  return givenNames().has(title) && !ORDINARY.has(title.toLowerCase());
}

/** True when the word is in the list at all, ordinary or not (a label such as "Will:" is still a person). */
export function inGivenNameList(word: string): boolean {
  const title = word.length > 1 && word === word.toUpperCase() ? word[0] + word.slice(1).toLowerCase() : word;
  return givenNames().has(title);
}
