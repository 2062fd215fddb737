/**
 * Stable pseudonyms: a participant's own name becomes their id (`[P07]`), other people
 * and addresses are numbered (`[Name-3]`, `[Address-1]`) so the analysis can still tell
 * them apart, and the rest say only what was there (`[Phone]`, `[Email]`). The same
 * original gets the same pseudonym in every transcript and on every run: the numbers
 * given so far are kept in the key file.
 */
import type { PiiFinding, PiiKind } from './findings';
import type { PrivacyKey } from './key';

const FIXED: Record<Exclude<PiiKind, 'name' | 'address'>, string> = {
  email: '[Email]',
  phone: '[Phone]',
  postcode: '[Postcode]',
  'ni-number': '[NI-number]',
  'nhs-number': '[NHS-number]',
  'card-number': '[Card-number]',
  'date-of-birth': '[Date-of-birth]',
  handle: '[Handle]',
};

const NUMBERED: Record<'name' | 'address', string> = { name: 'Name', address: 'Address' };

/** How originals are compared: case and spacing do not make a different person. */
export function normaliseOriginal(original: string): string {
  return original.trim().replace(/\s+/g, ' ').toLowerCase();
}

export class Pseudonymiser {
  private readonly byOriginal = new Map<string, string>();
  private readonly next: Record<'name' | 'address', number> = { name: 1, address: 1 };

  /** `pseudonyms` is the key file's map; it is extended in place with every new pseudonym given. */
  constructor(private readonly pseudonyms: PrivacyKey['pseudonyms']) {
    for (const [original, pseudonym] of Object.entries(pseudonyms)) {
      this.byOriginal.set(normaliseOriginal(original), pseudonym);
      for (const kind of ['name', 'address'] as const) {
        const m = new RegExp(`^\\[${NUMBERED[kind]}-(\\d+)\\]$`).exec(pseudonym);
        if (m) this.next[kind] = Math.max(this.next[kind], Number(m[1]) + 1);
      }
    }
  }

  /**
   * Gives pseudonyms to a study's findings, full names before single words so that "Grace"
   * gets the pseudonym of the only "Grace …" known, wherever it was seen first.
   */
  assign(findings: readonly PiiFinding[]): Map<PiiFinding, string> {
    const out = new Map<PiiFinding, string>();
    const words = (f: PiiFinding) => f.text.trim().split(/\s+/).length;
    const ordered = [...findings].sort((a, b) => words(b) - words(a));
    for (const f of ordered) out.set(f, this.pseudonymFor(f));
    return out;
  }

  pseudonymFor(f: PiiFinding): string {
    if (f.participant) return `[${f.participant}]`;
    if (f.kind !== 'name' && f.kind !== 'address') return FIXED[f.kind];
    const key = normaliseOriginal(f.text);
    const known = this.byOriginal.get(key);
    if (known) return known;
    // Recorded even when borrowed from a full name, so a later "Grace Smith" cannot change it.
    const pseudonym = (f.kind === 'name' ? this.onlyFullNameStartingWith(key) : undefined) ?? `[${NUMBERED[f.kind]}-${this.next[f.kind]++}]`;
    this.byOriginal.set(key, pseudonym);
    this.pseudonyms[f.text.trim().replace(/\s+/g, ' ')] = pseudonym;
    return pseudonym;
  }

  /** The pseudonym of the one full name whose first word is this single word, if exactly one. */
  private onlyFullNameStartingWith(word: string): string | undefined {
    if (word.includes(' ')) return undefined;
    const matches = new Set<string>();
    for (const [original, pseudonym] of this.byOriginal) if (original.startsWith(word + ' ') && pseudonym.startsWith('[Name-')) matches.add(pseudonym);
    return matches.size === 1 ? [...matches][0] : undefined;
  }
}
