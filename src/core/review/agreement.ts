/**
 * Inter-coder agreement between two codings of the same transcripts (two coders' branches,
 * or two `coder:` names in one workspace), at the level of characters: for every tag,
 * every character of a transcript is either tagged or not by each coder. From these
 * decisions come, per tag and pooled over all tags:
 * - percent agreement: the share of characters on which both decided alike;
 * - Cohen's κ: agreement beyond what each coder's own rate of use would give by chance;
 * - Krippendorff's α (nominal, each character a unit): agreement beyond what the two
 *   coders' pooled use of the tag would give by chance — his "unitised" reliability at the
 *   finest unit.
 * Offsets are code points, as everywhere in Sift; spans are half-open.
 */

/** Decisions of two coders about one tag over a stretch of text, counted in characters. */
export interface Table2x2 {
  both: number;
  aOnly: number;
  bOnly: number;
  neither: number;
}

export function percentAgreement(t: Table2x2): number | undefined {
  const n = total(t);
  return n === 0 ? undefined : (t.both + t.neither) / n;
}

/** Cohen's κ = (pₒ − pₑ) / (1 − pₑ); undefined when chance agreement is already perfect. */
export function cohensKappa(t: Table2x2): number | undefined {
  const n = total(t);
  if (n === 0) return undefined;
  const po = (t.both + t.neither) / n;
  const aYes = (t.both + t.aOnly) / n;
  const bYes = (t.both + t.bOnly) / n;
  const pe = aYes * bYes + (1 - aYes) * (1 - bYes);
  return pe === 1 ? undefined : (po - pe) / (1 - pe);
}

/** Krippendorff's α of two coders deciding yes/no on every unit (nominal). */
export function binaryAlpha(t: Table2x2): number | undefined {
  const disagreements = t.aOnly + t.bOnly;
  return alphaFromCoincidences(
    new Map([
      [
        '1',
        new Map([
          ['1', 2 * t.both],
          ['0', disagreements],
        ]),
      ],
      [
        '0',
        new Map([
          ['0', 2 * t.neither],
          ['1', disagreements],
        ]),
      ],
    ]),
  );
}

/**
 * Krippendorff's α for nominal data from any number of coders, with missing values:
 * `units[u][c]` is coder c's value for unit u (undefined: not coded). Units with fewer than
 * two values cannot be paired and are left out, as the method prescribes.
 */
export function krippendorffAlphaNominal(units: readonly (readonly (string | number | undefined)[])[]): number | undefined {
  const o = new Map<string, Map<string, number>>();
  const add = (c: string, k: string, w: number) => {
    const row = o.get(c) ?? new Map<string, number>();
    row.set(k, (row.get(k) ?? 0) + w);
    o.set(c, row);
  };
  for (const unit of units) {
    const values = unit.filter((v): v is string | number => v !== undefined).map(String);
    const m = values.length;
    if (m < 2) continue;
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) if (i !== j) add(values[i]!, values[j]!, 1 / (m - 1));
  }
  return alphaFromCoincidences(o);
}

/** α = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k over a coincidence matrix. */
export function alphaFromCoincidences(o: ReadonlyMap<string, ReadonlyMap<string, number>>): number | undefined {
  const values = [...new Set([...o.keys(), ...[...o.values()].flatMap((row) => [...row.keys()])])];
  const nc = new Map(values.map((c) => [c, [...(o.get(c)?.values() ?? [])].reduce((s, x) => s + x, 0)]));
  const n = [...nc.values()].reduce((s, x) => s + x, 0);
  let observed = 0;
  let expected = 0;
  for (const c of values)
    for (const k of values) {
      if (c === k) continue;
      observed += o.get(c)?.get(k) ?? 0;
      expected += nc.get(c)! * nc.get(k)!;
    }
  return expected === 0 ? undefined : 1 - ((n - 1) * observed) / expected;
}

function total(t: Table2x2): number {
  return t.both + t.aOnly + t.bOnly + t.neither;
}

function sumTables(tables: readonly Table2x2[]): Table2x2 {
  return tables.reduce((s, t) => ({ both: s.both + t.both, aOnly: s.aOnly + t.aOnly, bOnly: s.bOnly + t.bOnly, neither: s.neither + t.neither }), { both: 0, aOnly: 0, bOnly: 0, neither: 0 });
}

// --- Comparing two codings -----------------------------------------------------------

export interface CodedSpan {
  id: string;
  source: string;
  start: number;
  end: number;
  tags: readonly string[];
  quote: string;
  participant?: string;
}

export interface Coding {
  /** Who coded: a coder's name or a branch. */
  name: string;
  spans: readonly CodedSpan[];
}

export interface AgreementInput {
  a: Coding;
  b: Coding;
  /** Transcripts that may be compared, with their length in code points. */
  transcripts: readonly { path: string; length: number }[];
  labels?: ReadonlyMap<string, string>;
  /** Example passages per tag (default 3). */
  examples?: number;
}

export interface Scores {
  table: Table2x2;
  percent: number | undefined;
  kappa: number | undefined;
  alpha: number | undefined;
}

export interface Disagreement {
  /** Which coder applied the tag here and the other did not. */
  taggedBy: 'a' | 'b';
  id: string;
  source: string;
  participant?: string;
  quote: string;
  /** Characters of the passage the other coder did not tag. */
  characters: number;
}

export interface TagAgreement extends Scores {
  tag: string;
  label?: string;
  examples: Disagreement[];
}

export interface AgreementReport {
  coders: { a: string; b: string };
  /** Transcripts compared: both codings have highlights in them. */
  transcripts: string[];
  /** Transcripts only one coding has highlights in (not compared). */
  codedByOneOnly: { path: string; coder: 'a' | 'b' }[];
  /**
   * Highlights (by id) in both codings, in compared transcripts: on two branches, coding
   * inherited from where they branched off. They count as agreement, which the reader should know.
   */
  shared: number;
  overall: Scores;
  /** Sorted by disagreement: lowest κ first. */
  tags: TagAgreement[];
}

export function compareCodings(input: AgreementInput): AgreementReport {
  const bySource = (c: Coding) => groupBy(c.spans, (s) => s.source);
  const [aBy, bBy] = [bySource(input.a), bySource(input.b)];
  const lengths = new Map(input.transcripts.map((t) => [t.path, t.length]));
  const compared = [...lengths.keys()].filter((p) => aBy.has(p) && bBy.has(p)).sort();
  const codedByOneOnly = [...new Set([...aBy.keys(), ...bBy.keys()])]
    .filter((p) => !compared.includes(p))
    .sort()
    .map((path) => ({ path, coder: aBy.has(path) ? ('a' as const) : ('b' as const) }));

  const tags = [...new Set(compared.flatMap((p) => [...aBy.get(p)!, ...bBy.get(p)!].flatMap((s) => s.tags)))].sort();
  const perTag = tags.map((tag): TagAgreement => {
    const tables: Table2x2[] = [];
    const examples: Disagreement[] = [];
    for (const path of compared) {
      const aSpans = aBy.get(path)!.filter((s) => s.tags.includes(tag));
      const bSpans = bBy.get(path)!.filter((s) => s.tags.includes(tag));
      const [aCover, bCover] = [coverage(aSpans), coverage(bSpans)];
      const both = overlap(aCover, bCover);
      const [aLen, bLen] = [length(aCover), length(bCover)];
      tables.push({ both, aOnly: aLen - both, bOnly: bLen - both, neither: lengths.get(path)! - (aLen + bLen - both) });
      examples.push(...disagreements(aSpans, bCover, 'a'), ...disagreements(bSpans, aCover, 'b'));
    }
    examples.sort((x, y) => y.characters - x.characters || compare(x.source, y.source) || compare(x.id, y.id));
    const label = input.labels?.get(tag);
    return { tag, ...(label ? { label } : {}), ...scores(sumTables(tables)), examples: examples.slice(0, input.examples ?? 3) };
  });
  perTag.sort((x, y) => (x.kappa ?? 2) - (y.kappa ?? 2) || y.table.aOnly + y.table.bOnly - (x.table.aOnly + x.table.bOnly) || compare(x.tag, y.tag));
  const bIds = new Set(compared.flatMap((p) => bBy.get(p)!.map((s) => s.id)));
  return {
    coders: { a: input.a.name, b: input.b.name },
    transcripts: compared,
    codedByOneOnly,
    shared: compared.flatMap((p) => aBy.get(p)!).filter((s) => bIds.has(s.id)).length,
    overall: scores(sumTables(perTag.map((t) => t.table))),
    tags: perTag,
  };
}

function scores(table: Table2x2): Scores {
  return { table, percent: percentAgreement(table), kappa: cohensKappa(table), alpha: binaryAlpha(table) };
}

/** Passages one coder tagged where the other's coverage misses at least half of it. */
function disagreements(spans: readonly CodedSpan[], otherCover: Interval[], taggedBy: 'a' | 'b'): Disagreement[] {
  return spans.flatMap((s) => {
    const missed = s.end - s.start - overlap([[s.start, s.end]], otherCover);
    if (missed * 2 < s.end - s.start) return [];
    return [{ taggedBy, id: s.id, source: s.source, ...(s.participant ? { participant: s.participant } : {}), quote: s.quote, characters: missed }];
  });
}

type Interval = [number, number];

/** The union of spans as sorted, disjoint intervals. */
function coverage(spans: readonly { start: number; end: number }[]): Interval[] {
  const sorted = spans
    .filter((s) => s.end > s.start)
    .map((s): Interval => [s.start, s.end])
    .sort((x, y) => x[0] - y[0]);
  const out: Interval[] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

function length(intervals: Interval[]): number {
  return intervals.reduce((sum, [s, e]) => sum + e - s, 0);
}

/** Characters in both sets of sorted, disjoint intervals. */
function overlap(x: Interval[], y: Interval[]): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < x.length && j < y.length) {
    sum += Math.max(0, Math.min(x[i]![1], y[j]![1]) - Math.max(x[i]![0], y[j]![0]));
    if (x[i]![1] < y[j]![1]) i++;
    else j++;
  }
  return sum;
}

function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of xs) {
    const list = out.get(key(x));
    if (list) list.push(x);
    else out.set(key(x), [x]);
  }
  return out;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
