/**
 * Indexes derived from a study's highlights files (the evidence index, where each highlight
 * is kept…), owned by the study service and kept from one version of the study to the next:
 * after Sift's own write only the entries of the files it touched are made again, so a tag in
 * a study of 200,000 highlights costs that file, not a rebuild of every index by every feature.
 */
import type { HighlightsFile } from '../model';
import { LayeredMap } from './layered-map';
import type { Workspace } from './workspace';

/** A highlights file as it was and as it is now (undefined: not there). */
export interface FileChange {
  readonly path: string;
  readonly before: HighlightsFile | undefined;
  readonly after: HighlightsFile | undefined;
}

/**
 * How an index is made from a whole study, and made again after a change of only some
 * highlights files (everything else in the study as it was: codebook, participants,
 * transcripts, themes…). `update` must give what `build` would.
 */
export interface DerivedIndex<T> {
  readonly name: string;
  build(study: Workspace): T;
  update(index: T, study: Workspace, changes: readonly FileChange[]): T;
  /** As `build`, with `pause` between files, for an index made ahead of its first use after a load. */
  buildInSlices?(study: Workspace, pause: () => Promise<void>): Promise<T>;
}

/**
 * A read-only map whose entries come file by file, in the study's order of its highlights
 * files, as a build that walks the files makes them: replacing one file's entries keeps that
 * order and costs that file's entries, not a copy of every entry. Each file's values are kept
 * as one array and their keys read from them (`keyOf`): a [key, value] pair per entry was a
 * fifth of the board's cards' heap (12 MB at 200,000 highlights).
 */
export class PerFileMap<V> implements ReadonlyMap<string, V> {
  /** True when some key is in two files' entries (the later file's entry is the map's): iteration then skips the other. */
  private readonly shadowed: boolean;

  private constructor(
    private readonly keyOf: (value: V) => string,
    private readonly order: readonly string[],
    private readonly parts: ReadonlyMap<string, readonly V[]>,
    private readonly lookup: ReadonlyMap<string, V>,
    entryCount: number,
  ) {
    this.shadowed = entryCount !== lookup.size;
  }

  /** From each file's values, in the study's file order, each value's key read by `keyOf`. */
  static of<V>(keyOf: (value: V) => string, parts: Iterable<readonly [string, readonly V[]]>): PerFileMap<V> {
    const builder = PerFileMap.builder(keyOf);
    for (const [path, values] of parts) builder.add(path, values);
    return builder.build();
  }

  /** As `of`, a file at a time: a build in slices does the work of each file in its own slice, none at the end. */
  static builder<V>(keyOf: (value: V) => string): { add(path: string, values: readonly V[]): void; build(): PerFileMap<V> } {
    const byFile = new Map<string, readonly V[]>();
    const lookup = new Map<string, V>();
    let count = 0;
    return {
      add(path, values) {
        count += values.length - (byFile.get(path)?.length ?? 0);
        byFile.set(path, values);
        for (const v of values) lookup.set(keyOf(v), v);
      },
      build: () => new PerFileMap(keyOf, [...byFile.keys()], byFile, lookup, count),
    };
  }

  /** With the values of the changed files replaced (none: the file is gone), in the study's file order `order`. */
  with(changed: Iterable<readonly [string, readonly V[] | undefined]>, order: Iterable<string>): PerFileMap<V> {
    const parts = new Map(this.parts);
    const removed: string[] = [];
    const added: (readonly [string, V])[] = [];
    for (const [path, values] of changed) {
      for (const v of parts.get(path) ?? []) removed.push(this.keyOf(v));
      if (values) {
        parts.set(path, values);
        for (const v of values) added.push([this.keyOf(v), v]);
      } else parts.delete(path);
    }
    let count = 0;
    for (const values of parts.values()) count += values.length;
    return new PerFileMap(
      this.keyOf,
      [...order].filter((p) => parts.has(p)),
      parts,
      LayeredMap.with(this.lookup, removed, added),
      count,
    );
  }

  get size(): number {
    return this.lookup.size;
  }

  /** The files whose entries it holds, in order. */
  get files(): readonly string[] {
    return this.order;
  }

  get(key: string): V | undefined {
    return this.lookup.get(key);
  }

  has(key: string): boolean {
    return this.lookup.has(key);
  }

  /** The values of one file, as made for it. */
  valuesOf(path: string): readonly V[] {
    return this.parts.get(path) ?? [];
  }

  /** Whether the map's entry for a value's key is this value (not another file's, which shadows it). */
  private shown(v: V): boolean {
    return !this.shadowed || this.lookup.get(this.keyOf(v)) === v;
  }

  // Plain loops over each file's values (no iterator over another): the board walks every card per view.
  *entries(): MapIterator<[string, V]> {
    for (const path of this.order) for (const v of this.parts.get(path) ?? []) if (this.shown(v)) yield [this.keyOf(v), v];
  }

  *keys(): MapIterator<string> {
    for (const path of this.order) for (const v of this.parts.get(path) ?? []) if (this.shown(v)) yield this.keyOf(v);
  }

  *values(): MapIterator<V> {
    for (const path of this.order) for (const v of this.parts.get(path) ?? []) if (this.shown(v)) yield v;
  }

  /**
   * The values as `values()` gives them, an array per file: a walk over every value (the board's,
   * 200,000 cards per view) makes no iterator result per value, 8 MB of garbage a walk.
   */
  *valuesByFile(): Generator<readonly V[]> {
    for (const path of this.order) {
      const values = this.parts.get(path) ?? [];
      yield this.shadowed ? values.filter((v) => this.shown(v)) : values;
    }
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) callback.call(thisArg, v, k, this);
  }
}

/** Which highlights file holds each highlight, and whether any id is held twice (then the first file keeps it). */
export interface HighlightHomes {
  readonly fileOf: ReadonlyMap<string, string>;
  /** True once two files (or one file twice) held one id: a change's checks can then not be limited to the files it touched. */
  readonly duplicated: boolean;
}

export const highlightHomes: DerivedIndex<HighlightHomes> = {
  name: 'where each highlight is kept',
  build(study) {
    const homes = { fileOf: new Map<string, string>(), duplicated: false };
    for (const file of study.highlightFiles.values()) addHomes(homes, file);
    return homes;
  },
  // A tag asks which ids are taken: at 200,000 highlights a build in one piece blocked the first tag for ~100 ms.
  async buildInSlices(study, pause) {
    const homes = { fileOf: new Map<string, string>(), duplicated: false };
    for (const file of study.highlightFiles.values()) {
      addHomes(homes, file);
      await pause();
    }
    return homes;
  },
  update(index, _study, changes) {
    if (index.duplicated) return this.build(_study);
    const touched = new Set(changes.map((c) => c.path));
    const removed = changes.flatMap((c) => (c.before?.highlights ?? []).map((h) => h.id));
    const added: [string, string][] = [];
    const seen = new Set<string>();
    let duplicated = false;
    for (const c of changes)
      for (const h of c.after?.highlights ?? []) {
        const home = index.fileOf.get(h.id);
        // Held by a file this change did not touch, or twice among the touched ones.
        if ((home !== undefined && !touched.has(home)) || seen.has(h.id)) duplicated = true;
        seen.add(h.id);
        added.push([h.id, c.path]);
      }
    return duplicated ? this.build(_study) : { fileOf: LayeredMap.with(index.fileOf, removed, added), duplicated: false };
  },
};

function addHomes(homes: { fileOf: Map<string, string>; duplicated: boolean }, file: HighlightsFile): void {
  for (const h of file.highlights) {
    if (homes.fileOf.has(h.id)) homes.duplicated = true;
    else homes.fileOf.set(h.id, file.path);
  }
}
