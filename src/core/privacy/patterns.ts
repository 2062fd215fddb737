/**
 * Personal data with a recognisable shape: email addresses, phone numbers, UK postcodes,
 * National Insurance numbers, dates of birth, street addresses, social-media handles.
 *
 * Every pattern is safe on a 300,000-character transcript: each starts with a lookbehind
 * that allows a match to begin only at a word boundary, and every repetition is bounded
 * and over a class that cannot overlap the next one, so a failed attempt costs at most a
 * few dozen steps and a scan is linear in the text.
 */
import type { RawFinding } from './findings';

const EMAIL = /(?<![\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9-]{1,63}){1,6}(?![\w-]|\.\w)/g;

/**
 * Phone numbers: UK national (`07700 900123`, `020 7946 0018`, `(01632) 960 001`), UK
 * international (`+44 7700 900123`, `+44 (0)20 …`) and other international numbers
 * (`+33 1 23 45 67 89`). Digits may be grouped by single spaces, dots or hyphens.
 */
const PHONE = /(?<![\w+/.:-])(?:\+\d{1,3}(?:[ .-]?\(0\))?|\(0\d{2,4}\)|0\d)(?:[ .-]?\d){6,12}(?![\w/]|[.:-]\d)/g;

/** UK postcodes in capitals, `SW1A 1AA`, `M1 1AE`, `B33 8TH`; the inward letters skip C, I, K, M, O, V. */
const POSTCODE = /(?<![\w-])(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?) ?\d[ABD-HJLNP-UW-Z]{2}(?![\w-])/g;

/** US numbers: `(415) 555-0132`, `415-555-0199`, `415.555.0199`, `+1 415 555 0132`; area and exchange codes never start with 0 or 1. */
const US_PHONE = /(?<![\w+(/.:-])(?:\+1[ .-]?)?(?:\([2-9]\d{2}\) ?|[2-9]\d{2}[.-]|(?<=\+1[ .-]?)[2-9]\d{2} )[2-9]\d{2}[ .-]\d{4}(?![\w/]|[.:-]\d)/g;

/** National Insurance numbers, `QQ 12 34 56 C` (any case: people type them as they like); invalid prefixes are dropped in code. */
const NI_NUMBER = /(?<![\w-])[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![\w-])/gi;

/** NHS numbers: ten digits, `943 476 5919` (3-3-4, spaces or hyphens) or run together; kept only with a valid mod-11 check digit. */
const NHS_NUMBER = /(?<![\w.+/-])\d{3}([ -]?)\d{3}\1\d{4}(?![\w/]|[.-]\d)/g;

/** Payment cards: 13–19 digits, in groups of four (spaces or hyphens) or run together; kept only when the Luhn check passes. */
const CARD_NUMBER = /(?<![\w.+/-])(?:\d{4}([ -]?)\d{4}\1\d{4}\1\d{1,7}|\d{4}([ -])\d{6}\2\d{5})(?![\w/]|[.-]\d)/g;
const NI_INVALID_PREFIXES = new Set(['BG', 'GB', 'NK', 'KN', 'TN', 'NT', 'ZZ']);

const MONTH = String.raw`(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)`;
const DAY = String.raw`(?:[0-3]?\d)(?:st|nd|rd|th)?`;
/** `12/03/1948`, `12.3.48`, `1948-03-12`, `12 March 1948`, `12th of March, 1948`, `March 12, 1948`, `May 1951`, and a bare `1948`. */
const DATE = new RegExp(String.raw`(?<![\w/.-])(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2}|${DAY} (?:of )?${MONTH},? \d{4}|${MONTH} ${DAY},? \d{4}|${MONTH},? (?:19|20)\d{2}|(?:19|20)\d{2})(?![\w/-]|\.\d)`, 'g');
/** Words that make a nearby date a date of birth; looked for in the 40 characters before it. */
const BIRTH_CONTEXT = /\b(?:born|d\.?o\.?b|date of birth|birthday|birth date)\b/i;
const BIRTH_WINDOW = 40;

const STREET_TYPES = 'Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Close|Drive|Dr|Crescent|Way|Place|Pl|Gardens|Court|Ct|Terrace|Grove|Hill|Row|Square|Sq|Mews|Walk|Parade|Rise|View|Boulevard|Blvd|Highway|Hwy|Parkway|Pkwy|Circle|Cir|Trail|Terr';
const US_STATES = 'AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY';
const UK_POSTCODE = String.raw`(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?) ?\d[ABD-HJLNP-UW-Z]{2}`;
/**
 * `12 Acacia Avenue`, `Flat 3, 27b Mill Lane`: a house number, one to three capitalised words,
 * a street type; then, when they follow, the town and the postcode (`, Leeds LS6 2QT`) or the
 * US city, state and ZIP (`, Springfield, IL 62704`), so redaction leaves nothing of it. A town
 * without a postcode or ZIP is not taken: it may be where the street is, or the next sentence.
 */
const ADDRESS = new RegExp(
  String.raw`(?<![\w-])(?:(?:Flat|Apartment|Apt\.?|Unit|Suite) \d{1,4}[A-Za-z]?,? )?\d{1,5}[A-Za-z]?,? (?:[A-Z][a-z'’]{1,20} ){1,3}(?:${STREET_TYPES})\b` +
    String.raw`(?:,? (?:[A-Z][a-z'’-]{1,20} ){0,2}?(?:[A-Z][a-z'’-]{1,20},? )(?:${UK_POSTCODE}|(?:${US_STATES}) \d{5}(?:-\d{4})?)(?![\w-]))?`,
  'g',
);

const SOCIAL_SITES = 'facebook\\.com|fb\\.com|instagram\\.com|twitter\\.com|x\\.com|linkedin\\.com/in|tiktok\\.com/@?|youtube\\.com/@?|github\\.com|threads\\.net/@?|bsky\\.app/profile';
/** A profile link (`https://www.linkedin.com/in/priya-shah`) or a bare handle (`@priya_s`). */
const HANDLE = new RegExp(String.raw`(?<![\w/.])(?:https?://)?(?:www\.|m\.)?(?:${SOCIAL_SITES})/[A-Za-z0-9_.-]{2,60}|(?<![\w@.])@[A-Za-z0-9_]{3,30}(?![\w@]|\.\w)`, 'g');

/** Every shaped finding in `text`, UTF-16 offsets. */
export function findPatterns(text: string): RawFinding[] {
  const out: RawFinding[] = [];
  const each = (re: RegExp, visit: (m: RegExpExecArray) => void) => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) visit(m);
  };
  each(EMAIL, (m) => out.push({ kind: 'email', start: m.index, end: m.index + m[0].length, confidence: 0.98, basis: 'pattern' }));
  each(PHONE, (m) => {
    const digits = m[0].replace(/\D/g, '').length;
    const international = m[0].startsWith('+');
    if (digits < (international ? 9 : 10) || digits > 15) return;
    // UK numbers starting 03, 08 and 09 are non-geographic: helplines and businesses, rarely a person's.
    const organisational = /^0[389]/.test(m[0]);
    out.push({ kind: 'phone', start: m.index, end: m.index + m[0].length, confidence: organisational ? 0.4 : 0.9, basis: 'pattern' });
  });
  each(POSTCODE, (m) => out.push({ kind: 'postcode', start: m.index, end: m.index + m[0].length, confidence: 0.85, basis: 'pattern' }));
  each(US_PHONE, (m) => out.push({ kind: 'phone', start: m.index, end: m.index + m[0].length, confidence: 0.85, basis: 'pattern' }));
  each(NHS_NUMBER, (m) => {
    if (!validNhsNumber(m[0])) return;
    // 3-3-4 with hyphens is also how Americans write phone numbers: one in eleven passes the check by chance.
    const cued = /\bNHS\b/i.test(text.slice(Math.max(0, m.index - 40), m.index));
    out.push({ kind: 'nhs-number', start: m.index, end: m.index + m[0].length, confidence: cued || m[1] !== '-' ? 0.95 : 0.8, basis: 'pattern' });
  });
  each(CARD_NUMBER, (m) => {
    if (!passesLuhn(m[0])) return;
    out.push({ kind: 'card-number', start: m.index, end: m.index + m[0].length, confidence: 0.95, basis: 'pattern' });
  });
  each(NI_NUMBER, (m) => {
    if (NI_INVALID_PREFIXES.has(m[0].slice(0, 2).toUpperCase())) return;
    out.push({ kind: 'ni-number', start: m.index, end: m.index + m[0].length, confidence: 0.95, basis: 'pattern' });
  });
  each(DATE, (m) => {
    const before = text.slice(Math.max(0, m.index - BIRTH_WINDOW), m.index);
    if (!BIRTH_CONTEXT.test(before)) return;
    // A bare year says less about a person than a full date.
    const yearOnly = /^\d{4}$/.test(m[0]);
    out.push({ kind: 'date-of-birth', start: m.index, end: m.index + m[0].length, confidence: yearOnly ? 0.6 : 0.9, basis: 'context' });
  });
  each(ADDRESS, (m) => out.push({ kind: 'address', start: m.index, end: m.index + m[0].length, confidence: 0.85, basis: 'pattern' }));
  each(HANDLE, (m) => out.push({ kind: 'handle', start: m.index, end: m.index + m[0].length, confidence: m[0].startsWith('@') ? 0.7 : 0.9, basis: 'pattern' }));
  return out;
}

/** The NHS number's check: digits weighted 10 down to 2, the sum's remainder mod 11 taken from 11, must be the tenth digit (10 is never valid). */
export function validNhsNumber(text: string): boolean {
  const d = text.replace(/\D/g, '');
  if (d.length !== 10 || /^(\d)\1{9}$/.test(d)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(d[i]) * (10 - i);
  const check = 11 - (sum % 11);
  return (check === 11 ? 0 : check) === Number(d[9]);
}

/** The Luhn check of payment card numbers. */
export function passesLuhn(text: string): boolean {
  const d = text.replace(/\D/g, '');
  if (d.length < 13 || d.length > 19 || /^(\d)\1+$/.test(d)) return false;
  let sum = 0;
  for (let i = 0; i < d.length; i++) {
    let n = Number(d[d.length - 1 - i]);
    if (i % 2 === 1) n = n * 2 > 9 ? n * 2 - 9 : n * 2;
    sum += n;
  }
  return sum % 10 === 0;
}
