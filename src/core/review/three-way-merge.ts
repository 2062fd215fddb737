/**
 * Three-way merge of one Sift YAML file by id, for `sift merge-driver`. Two coders who tag
 * the same transcript add different highlights to one list; two researchers who add cards
 * to the same theme add different ids to one list: a line-based merge sees both as a
 * conflict, a merge by id does not. What it merges:
 * - maps key by key;
 * - lists of maps with an `id` (highlights, tags, participants, journey stages) or a `tag`
 *   (a persona's distinguishing tags) item by item: additions from both sides are kept,
 *   deletions apply unless the other side changed the item, items on both sides are merged
 *   field by field;
 * - lists of plain values (tags of a highlight, cards of a theme, evidence) as sets in our
 *   order, with their additions placed after the item they follow on their side;
 * - any other value (text, numbers, lists without ids): taken from the side that changed it.
 * Only the same value changed differently on both sides (or deleted on one side and changed
 * on the other) is a conflict. Conflicts are written with git's markers around the lines
 * that differ, so `sift check` reports them at their line and nothing is lost.
 *
 * The result is edited into *our* document, so our comments and formatting survive; items
 * taken from *their* side keep theirs. It is put into canonical form before it is written.
 */
import DiffMatchPatch from 'diff-match-patch';
import { isMap, isNode, isScalar, isSeq, type Document, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { hasErrors, problem, type Problem } from '../problems';
import { canonicalize, renderDocument } from '../store/canonical';
import type { FileKind } from '../validate';
import { readYamlOfKind } from '../workspace/readers';
import { parseYaml } from '../yaml/parse';

export interface MergeInput {
  kind: FileKind;
  /** The file's path, for messages. */
  path: string;
  /** The common ancestor's text; undefined when both sides added the file. */
  base: string | undefined;
  ours: string;
  theirs: string;
}

export interface MergeConflict {
  /** Where, readably: `highlights[h-7f3k2q9m].note`. */
  where: string;
  ours: unknown;
  theirs: unknown;
}

export type MergeOutcome =
  | { status: 'clean'; text: string }
  | { status: 'conflict'; text: string; conflicts: MergeConflict[] }
  /** A side could not be read as a file of this kind: Sift does not merge it. */
  | { status: 'refused'; problems: Problem[] };

export const CONFLICT_LABELS = { ours: 'ours', theirs: 'theirs' };

export function mergeYaml(input: MergeInput): MergeOutcome {
  const sides = { base: input.base ?? '{}\n', ours: input.ours, theirs: input.theirs };
  const problems: Problem[] = [];
  const docs = {} as Record<keyof typeof sides, Document.Parsed>;
  for (const side of ['base', 'ours', 'theirs'] as const) {
    const parsed = parseYaml(input.path, sides[side]);
    problems.push(...parsed.problems.filter((p) => p.severity === 'error').map((p) => ({ ...p, message: `${side === 'base' ? 'common ancestor' : side}: ${p.message}` })));
    if (parsed.doc) docs[side] = parsed.doc;
  }
  if (hasErrors(problems)) return { status: 'refused', problems };

  const merger = new Merger();
  const replacement = merger.merge(docs.base.contents, docs.ours.contents, docs.theirs.contents, []);
  if (replacement !== KEEP) docs.ours.contents = replacement as typeof docs.ours.contents;

  if (merger.conflicts.length === 0) {
    canonicalize(input.kind, docs.ours);
    const text = renderDocument(docs.ours);
    // A merge of valid sides is valid in nearly every case; when it is not, a person decides.
    const check = readYamlOfKind(input.kind, input.path, text);
    if (hasErrors(check.problems)) return { status: 'refused', problems: [problem(input.path, undefined, 'error', 'merge-invalid', 'Merging both sides by id would give an invalid file; merge it by hand.'), ...check.problems] };
    return { status: 'clean', text };
  }
  const version = (side: 'ours' | 'theirs') => {
    const doc = docs.ours.clone();
    for (const c of merger.conflicts) c.apply(doc, side);
    canonicalize(input.kind, doc);
    return renderDocument(doc);
  };
  return { status: 'conflict', text: withConflictMarkers(version('ours'), version('theirs')), conflicts: merger.conflicts.map(({ where, ours, theirs }) => ({ where, ours, theirs })) };
}

/** A path segment: a map key, or the item with this identity in a list. */
type Segment = string | { key: string; value: string };

const KEEP = Symbol('keep ours');
type Merged = Node | undefined | typeof KEEP;

interface PendingConflict extends MergeConflict {
  /** Sets this conflict's value to one side's version in a copy of the merged document. */
  apply(doc: Document, side: 'ours' | 'theirs'): void;
}

class Merger {
  readonly conflicts: PendingConflict[] = [];

  /**
   * Merges their change into our node. Returns KEEP when our node (possibly edited in
   * place) is the result, else the node to put in its place (undefined: remove it).
   */
  merge(base: unknown, ours: unknown, theirs: unknown, at: Segment[]): Merged {
    const [b, o, t] = [plain(base), plain(ours), plain(theirs)];
    if (same(o, t) || same(b, t)) return KEEP;
    // Collections merge inside, even when only they changed: our nodes (and comments) stay.
    if (isMap(ours) && isMap(theirs) && (base === undefined || isMap(base))) {
      this.mergeMaps(base as YAMLMap | undefined, ours, theirs, at);
      return KEEP;
    }
    const key = isSeq(ours) && isSeq(theirs) && (base === undefined || isSeq(base)) ? identityKey([base, ours, theirs]) : undefined;
    // Unless they only reordered the items: then their order is the change.
    if (key && !(same(b, o) && !sameOrder(ours as YAMLSeq, theirs as YAMLSeq, key))) {
      this.mergeItems(base as YAMLSeq | undefined, ours as YAMLSeq, theirs as YAMLSeq, key, at);
      return KEEP;
    }
    if (same(b, o)) return theirs === undefined ? undefined : cloneNode(theirs);
    if (isSeq(ours) && isSeq(theirs) && (base === undefined || isSeq(base)) && [base, ours, theirs].every((s) => s === undefined || (s as YAMLSeq).items.every(isScalar))) {
      mergeSets(base as YAMLSeq | undefined, ours, theirs);
      return KEEP;
    }
    this.conflict(at, ours, theirs);
    // The merged document holds a value here (ours, or theirs when we deleted it), so each side's version can be put in its place.
    return ours === undefined ? cloneNode(theirs) : KEEP;
  }

  private mergeMaps(base: YAMLMap | undefined, ours: YAMLMap, theirs: YAMLMap, at: Segment[]): void {
    const keys = unique([...keysOf(ours), ...keysOf(theirs), ...(base ? keysOf(base) : [])]);
    for (const key of keys) {
      const result = this.merge(base?.get(key, true), ours.get(key, true), theirs.get(key, true), [...at, key]);
      if (result === KEEP) continue;
      if (result === undefined) ours.delete(key);
      else ours.set(key, result);
    }
  }

  private mergeItems(base: YAMLSeq | undefined, ours: YAMLSeq, theirs: YAMLSeq, key: string, at: Segment[]): void {
    const index = (seq: YAMLSeq | undefined) => new Map((seq?.items ?? []).map((item) => [identity(item, key)!, item]));
    const [b, o, t] = [index(base), index(ours), index(theirs)];
    const result: unknown[] = [];
    for (const item of ours.items) {
      const id = identity(item, key)!;
      const merged = this.merge(b.get(id), item, t.get(id), [...at, { key, value: id }]);
      if (merged === KEEP) result.push(item);
      else if (merged !== undefined) result.push(merged);
    }
    // What they added, or kept while we deleted it (merge decides which stays).
    theirs.items.forEach((item, i) => {
      const id = identity(item, key)!;
      if (o.has(id)) return;
      const merged = this.merge(b.get(id), undefined, item, [...at, { key, value: id }]);
      if (merged === KEEP || merged === undefined) return;
      insertAfterPredecessor(result, merged, theirs.items.slice(0, i), (x) => identity(x, key));
    });
    ours.items = result;
  }

  private conflict(at: Segment[], ours: unknown, theirs: unknown): void {
    const versions = { ours: ours === undefined ? undefined : cloneNode(ours), theirs: theirs === undefined ? undefined : cloneNode(theirs) };
    this.conflicts.push({
      where: describe(at),
      ours: plain(ours),
      theirs: plain(theirs),
      apply: (doc, side) => setAt(doc, at, versions[side] === undefined ? undefined : cloneNode(versions[side])),
    });
  }
}

/** Lists of plain values merge as sets: our order, their additions after the value they follow. */
function mergeSets(base: YAMLSeq | undefined, ours: YAMLSeq, theirs: YAMLSeq): void {
  const values = (seq: YAMLSeq | undefined) => (seq?.items ?? []).map(plain);
  const [b, t] = [values(base), values(theirs)];
  const result = ours.items.filter((item) => {
    const v = plain(item);
    return !(b.some((x) => same(x, v)) && !t.some((x) => same(x, v)));
  });
  theirs.items.forEach((item, i) => {
    const v = plain(item);
    if (b.some((x) => same(x, v)) || result.some((x) => same(plain(x), v))) return;
    insertAfterPredecessor(result, item, theirs.items.slice(0, i), (x) => JSON.stringify(plain(x)));
  });
  ours.items = result;
}

/** Inserts `item` after the last of `predecessors` present in `list` (at the start when none is). */
function insertAfterPredecessor(list: unknown[], item: unknown, predecessors: unknown[], keyOf: (x: unknown) => string | undefined): void {
  for (let i = predecessors.length - 1; i >= 0; i--) {
    const k = keyOf(predecessors[i]);
    const at = list.findIndex((x) => keyOf(x) === k);
    if (at >= 0) {
      list.splice(at + 1, 0, item);
      return;
    }
  }
  list.unshift(item);
}

/** True when the items both lists hold come in the same order in both. */
function sameOrder(ours: YAMLSeq, theirs: YAMLSeq, key: string): boolean {
  const [o, t] = [ours, theirs].map((seq) => seq.items.map((item) => identity(item, key)!));
  const common = (xs: string[], ys: string[]) => xs.filter((x) => ys.includes(x));
  return same(common(o!, t!), common(t!, o!));
}

/** `id` or `tag` when every item of every list is a map with a unique value under it. */
function identityKey(seqs: unknown[]): string | undefined {
  const lists = seqs.filter((s): s is YAMLSeq => isSeq(s));
  for (const key of ['id', 'tag']) {
    const ok = lists.every((s) => {
      const ids = s.items.map((item) => identity(item, key));
      return ids.every((id) => id !== undefined) && new Set(ids).size === ids.length;
    });
    if (ok && lists.some((s) => s.items.length > 0)) return key;
  }
  return undefined;
}

function identity(item: unknown, key: string): string | undefined {
  if (!isMap(item)) return undefined;
  const v = item.get(key);
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

/** Puts `node` (or nothing) at `at` in the document; list items are found by identity. */
function setAt(doc: Document, at: Segment[], node: Node | undefined): void {
  let parent: unknown = doc.contents;
  for (let i = 0; i < at.length - 1; i++) parent = child(parent, at[i]!);
  const last = at[at.length - 1];
  if (last === undefined) {
    doc.contents = (node ?? null) as typeof doc.contents;
  } else if (typeof last === 'string' && isMap(parent)) {
    if (node === undefined) parent.delete(last);
    else parent.set(last, node);
  } else if (typeof last === 'object' && isSeq(parent)) {
    const i = parent.items.findIndex((item) => identity(item, last.key) === last.value);
    if (i >= 0 && node === undefined) parent.items.splice(i, 1);
    else if (i >= 0) parent.items[i] = node;
  }
}

function child(node: unknown, segment: Segment): unknown {
  if (typeof segment === 'string') return isMap(node) ? node.get(segment, true) : undefined;
  return isSeq(node) ? node.items.find((item) => identity(item, segment.key) === segment.value) : undefined;
}

function describe(at: Segment[]): string {
  if (at.length === 0) return '(the whole file)';
  return at.map((s, i) => (typeof s === 'string' ? (i === 0 ? s : `.${s}`) : `[${s.value}]`)).join('');
}

function keysOf(map: YAMLMap): string[] {
  return map.items.map((p) => String(isScalar(p.key) ? p.key.value : p.key));
}

function plain(node: unknown): unknown {
  return isNode(node) ? node.toJSON() : node;
}

function cloneNode(node: unknown): Node {
  return (isNode(node) ? node.clone() : node) as Node;
}

/** Deep equality of plain values, ignoring the order of map keys. */
function same(a: unknown, b: unknown): boolean {
  return stable(a) === stable(b);
}

function stable(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/** Our text with git's conflict markers around every run of lines where theirs differs. */
export function withConflictMarkers(ours: string, theirs: string): string {
  const dmp = new DiffMatchPatch();
  const { chars1, chars2, lineArray } = dmp.diff_linesToChars_(ours, theirs);
  const diffs = dmp.diff_main(chars1, chars2, false);
  dmp.diff_charsToLines_(diffs, lineArray);
  const out: string[] = [];
  let hunk: { ours: string; theirs: string } | undefined;
  const flush = () => {
    if (!hunk) return;
    out.push(`<<<<<<< ${CONFLICT_LABELS.ours}\n${ensureNewline(hunk.ours)}=======\n${ensureNewline(hunk.theirs)}>>>>>>> ${CONFLICT_LABELS.theirs}\n`);
    hunk = undefined;
  };
  for (const [op, text] of diffs) {
    if (op === 0) {
      flush();
      out.push(text);
    } else {
      hunk ??= { ours: '', theirs: '' };
      if (op < 0) hunk.ours += text;
      else hunk.theirs += text;
    }
  }
  flush();
  return out.join('');
}

function ensureNewline(text: string): string {
  return text === '' || text.endsWith('\n') ? text : text + '\n';
}
