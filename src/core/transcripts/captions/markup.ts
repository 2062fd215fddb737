/**
 * The words of one caption line, without the markup caption formats wrap around them:
 * WebVTT tags (`<i>`, `<b>`, `<u>`, `<c.colorE5E5E5>`, `<lang en>`, `<ruby>`, karaoke
 * timestamps `<00:17.500>`), SRT's `<font …>` and ASS overrides (`{\an8}`), and character
 * references (`&amp;`, `&nbsp;`, `&#233;`). A voice span (`<v Name>`, `<v.loud Name>`)
 * names the speaker rather than being words, so it is returned apart.
 *
 * Only known markup is removed: an angle bracket that is no caption tag (`<laughs>`,
 * `a < b`) is a transcriber's text and stays, so no word of a participant is dropped.
 */

export interface CleanLine {
  /** The speaker a voice span at the start of the line names. */
  voice?: string;
  /** The words, markup removed, runs of spaces made one. */
  text: string;
}

/** `<v Name>` / `<v.class Name>` opening a line; the name is bounded so a stray `<v` costs little. */
const VOICE = /^\s*<v(?:\.[^\s>]*)?[ \t]+([^>]{1,100})>/;
/** Ruby text (`<rt>reading</rt>`) annotates how the base text is read; the base text is the words. */
const RUBY_TEXT = /<rt(?:\.[^\s>]*)?>[^<]*(?:<\/rt>|(?=<\/ruby>)|$)/g;
/**
 * WebVTT cue spans (c, i, b, u, v, lang, ruby, rt) with classes and annotations, their end
 * tags, karaoke timestamps, and SRT's font and strike-through tags.
 */
const TAG = /<\/?(?:[cibuvs]|lang|ruby|rt|font)(?:\.[^\s>]*)?(?:[ \t][^>]*)?>|<\d{1,3}(?::\d{2}){1,2}\.\d{3}>/gi;
/** ASS/SSA override blocks SRT files carry (`{\an8}`, `{\i1}`), which players obey and never show. */
const OVERRIDE = /\{\\[^}]*\}/g;
const REFERENCE = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,8}));/g;
/** The named references captions use; others are left as written rather than guessed. */
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', lrm: '\u200e', rlm: '\u200f', hellip: '…', mdash: '—', ndash: '–', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”' };

/** Whether a line carries karaoke timestamps, the mark of auto-generated (YouTube) captions. */
export const KARAOKE_TIMESTAMP = /<\d{1,3}(?::\d{2}){1,2}\.\d{3}>/;

export function cleanCueLine(raw: string): CleanLine {
  const voice = VOICE.exec(raw);
  const body = voice ? raw.slice(voice[0].length) : raw;
  const text = decodeReferences(body.replace(RUBY_TEXT, '').replace(TAG, '').replace(OVERRIDE, ''))
    .replace(/[ \t\u00a0]+/g, ' ')
    .trim();
  const name = voice?.[1]?.trim();
  return name ? { voice: name, text } : { text };
}

function decodeReferences(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(REFERENCE, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name !== undefined) return NAMED[name] ?? whole;
    const code = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
  });
}
