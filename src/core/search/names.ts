/**
 * Fuzzy search over short names — tags, themes, personas — for quick picks and pickers.
 * fuse.js suits this: a few thousand strings of a few words each, where typos should still
 * find the tag. Its cost is linear in the names: 2–6 ms for a 300-tag codebook (perf note
 * §A3), 20–100 ms at the 5,000-name ceiling, so debounce typing for big lists. Highlights
 * themselves are searched with the inverted index in `fulltext.ts`.
 */
// The basic build: plain fuzzy matching is all a name search needs (no extended query syntax), 7 KB less to load.
import Fuse, { type FuseResultMatch, type IFuseOptions } from 'fuse.js/basic';
import type { Persona, Tag, Theme } from '../model';

export type NameKind = 'tag' | 'theme' | 'persona';

export interface NameItem {
  kind: NameKind;
  id: string;
  /** What the pick list shows and what is searched first. */
  label: string;
  /** A longer description; searched, but weighs little. */
  detail?: string;
  aliases?: readonly string[];
}

export type NameField = 'label' | 'aliases' | 'id' | 'detail';

export interface NameMatch {
  field: NameField;
  /** The matched string (one alias, for `aliases`). */
  value: string;
  /** Matched spans in `value`, UTF-16 `[start, end)`. */
  ranges: [number, number][];
}

export interface NameHit<T extends NameItem = NameItem> {
  item: T;
  /** 0 is a perfect match, 1 no match at all (fuse's scale). */
  score: number;
  matches: NameMatch[];
}

/** Field weights relative to each other: a label hit beats an alias, an id, then a description. */
const KEYS: { name: NameField; weight: number }[] = [
  { name: 'label', weight: 1 },
  { name: 'aliases', weight: 0.8 },
  { name: 'id', weight: 0.6 },
  { name: 'detail', weight: 0.2 },
];

const OPTIONS: IFuseOptions<NameItem> = {
  keys: KEYS,
  // A name matches wherever the typed text occurs in it, not only near its start.
  ignoreLocation: true,
  threshold: 0.35,
  includeMatches: true,
  includeScore: true,
  // Items and query are folded by us (below), keeping offsets valid for highlighting.
  ignoreDiacritics: false,
  getFn: (item, path) => foldedField(item, (Array.isArray(path) ? path[0] : path) as NameField),
};

export class NameSearch<T extends NameItem = NameItem> {
  private readonly fuse: Fuse<T>;

  constructor(private readonly items: readonly T[]) {
    this.fuse = new Fuse<T>(items, OPTIONS as IFuseOptions<T>);
  }

  /** Best matches first; an empty query lists the items in the order given. */
  search(query: string, limit = 50): NameHit<T>[] {
    const folded = foldKeepingOffsets(query.trim());
    if (folded === '') return this.items.slice(0, limit).map((item) => ({ item, score: 0, matches: [] }));
    return this.fuse.search(folded, { limit }).map((result) => ({
      item: result.item,
      score: result.score ?? 0,
      matches: (result.matches ?? []).flatMap((m) => nameMatch(result.item, m, folded.length)),
    }));
  }
}

function nameMatch(item: NameItem, match: FuseResultMatch, queryLength: number): NameMatch[] {
  const field = match.key as NameField;
  const value = field === 'aliases' ? item.aliases?.[match.refIndex ?? 0] : item[field];
  if (value === undefined) return [];
  // Bitap also reports stray single letters that happen to occur in the query; they only
  // make a label look speckled, so longer queries bold runs of two or more characters.
  const shortest = Math.min(2, queryLength);
  const ranges = match.indices.map(([start, end]): [number, number] => [start, end + 1]).filter(([start, end]) => end - start >= shortest);
  return ranges.length > 0 ? [{ field, value, ranges }] : [];
}

function foldedField(item: NameItem, field: NameField): string | string[] {
  if (field === 'aliases') return (item.aliases ?? []).map(foldKeepingOffsets);
  return foldKeepingOffsets(item[field] ?? '');
}

/**
 * Lower-cases and strips accents one UTF-16 unit at a time, leaving any unit whose fold
 * would change the length (a ligature, a lone combining mark) as it is: fuse's match
 * offsets into the folded text are then offsets into the original too. fuse's own
 * `ignoreDiacritics` decomposes the whole string, which shifts them.
 */
export function foldKeepingOffsets(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const unit = text[i]!;
    const code = unit.charCodeAt(0);
    if (code < 0x80) out += unit.toLowerCase();
    else if (code >= 0xd800 && code <= 0xdfff) out += unit;
    else {
      const folded = unit.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
      out += folded.length === 1 ? folded : unit.toLowerCase().length === 1 ? unit.toLowerCase() : unit;
    }
  }
  return out;
}

export function tagNames(tags: readonly Tag[]): NameItem[] {
  return tags.map((t) => ({ kind: 'tag', id: t.id, label: t.label, detail: t.description, aliases: t.aliases }));
}

export function themeNames(themes: readonly Theme[]): NameItem[] {
  return themes.map((t) => ({ kind: 'theme', id: t.id, label: t.title }));
}

/** A persona is found by its name ("Maya") or its label ("the reluctant adopter"). */
export function personaNames(personas: readonly Persona[]): NameItem[] {
  return personas.map((p) => ({ kind: 'persona', id: p.id, label: p.name, aliases: p.label ? [p.label] : undefined }));
}
