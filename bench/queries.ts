/**
 * Search-box queries a researcher would type, drawn (seeded) from the study's own words so
 * that most of them find something: single words, two words, words being typed (prefixes),
 * quoted phrases, tag filters with and without words, and exclusions.
 */
import { tokenize } from '../src/core/search/fulltext';
import type { Highlight, Tag } from '../src/core/model';
import { mulberry32 } from '../src/core/random';
import { Picker } from './sampling';

export interface QueryMix {
  words: number;
  twoWords: number;
  prefixes: number;
  phrases: number;
  tagFilters: number;
  exclusions: number;
}

export const QUERY_MIX: QueryMix = { words: 50, twoWords: 40, prefixes: 40, phrases: 35, tagFilters: 25, exclusions: 10 };

export interface BenchQuery {
  kind: keyof QueryMix;
  text: string;
}

/** Queries for the full-text index over `highlights`. */
export function highlightQueries(highlights: readonly Highlight[], codebook: readonly Tag[], seed: number, mix: QueryMix = QUERY_MIX): BenchQuery[] {
  const picker = new Picker(mulberry32(seed));
  /** The tokens of a random quote, as the index sees them; words of 3+ letters read like queries. */
  const quoteTokens = (): string[] => tokenize(picker.one(highlights).quote);
  const word = (): string => {
    for (;;) {
      const candidates = quoteTokens().filter((t) => t.length >= 3);
      if (candidates.length > 0) return picker.one(candidates);
    }
  };
  const out: BenchQuery[] = [];
  const add = (kind: keyof QueryMix, make: () => string) => {
    for (let i = 0; i < mix[kind]; i++) out.push({ kind, text: make() });
  };
  add('words', () => `${word()} `);
  add('twoWords', () => {
    const tokens = quoteTokens();
    return `${picker.one(tokens)} ${picker.one(tokens)} `;
  });
  // Typed without a trailing space: the last word matches as a prefix (2–5 letters typed).
  add('prefixes', () => {
    const w = word();
    return w.slice(0, picker.int(2, Math.min(5, w.length)));
  });
  add('phrases', () => {
    const tokens = quoteTokens();
    const length = picker.int(2, 4);
    const at = picker.int(0, Math.max(0, tokens.length - length));
    return `"${tokens.slice(at, at + length).join(' ')}"`;
  });
  add('tagFilters', () => {
    const tag = picker.one(codebook).id;
    return picker.chance(0.5) ? `tag:${tag}` : `tag:${tag} ${word()} `;
  });
  add('exclusions', () => `${word()} -${word()} `);
  return out;
}

/** What someone types into the tag picker: starts of labels, whole words, small typos. */
export function tagQueries(codebook: readonly Tag[], seed: number, count = 100): string[] {
  const picker = new Picker(mulberry32(seed));
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const words = picker.one(codebook).label.toLowerCase().split(' ');
    const w = picker.one(words);
    const kind = i % 3;
    if (kind === 0) out.push(w.slice(0, picker.int(2, Math.max(2, w.length))));
    else if (kind === 1) out.push(words.slice(0, 2).join(' '));
    else out.push(w.length > 3 ? w.slice(0, 1) + w[2] + w[1] + w.slice(3) : w);
  }
  return out;
}
