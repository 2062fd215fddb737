/**
 * A read-only map made of another and a few changes over it, so taking one file's changes
 * into a study of 200,000 highlights costs those changes, not a copy of every entry. The
 * changes are merged into a plain map once they grow past a share of it (amortised).
 */
const REMOVED = Symbol('removed');

export class LayeredMap<K, V> implements ReadonlyMap<K, V> {
  readonly size: number;

  private constructor(
    private readonly base: ReadonlyMap<K, V>,
    private readonly changes: ReadonlyMap<K, V | typeof REMOVED>,
  ) {
    let size = base.size;
    for (const [k, v] of changes) size += (base.has(k) ? -1 : 0) + (v === REMOVED ? 0 : 1);
    this.size = size;
  }

  /** `map` with `remove` taken out, then `set` put in. */
  static with<K, V>(map: ReadonlyMap<K, V>, remove: Iterable<K>, set: Iterable<readonly [K, V]>): ReadonlyMap<K, V> {
    const base = map instanceof LayeredMap ? (map.base as ReadonlyMap<K, V>) : map;
    const changes = new Map<K, V | typeof REMOVED>(map instanceof LayeredMap ? map.changes : []);
    for (const k of remove) changes.set(k, REMOVED);
    for (const [k, v] of set) changes.set(k, v);
    if (changes.size * 8 > base.size) {
      const merged = new Map(base);
      for (const [k, v] of changes) {
        if (v === REMOVED) merged.delete(k);
        else merged.set(k, v);
      }
      return merged;
    }
    return new LayeredMap(base, changes);
  }

  get(key: K): V | undefined {
    const changed = this.changes.get(key);
    if (changed === REMOVED) return undefined;
    return changed !== undefined || this.changes.has(key) ? (changed as V) : this.base.get(key);
  }

  has(key: K): boolean {
    const changed = this.changes.get(key);
    if (changed !== undefined || this.changes.has(key)) return changed !== REMOVED;
    return this.base.has(key);
  }

  *entries(): MapIterator<[K, V]> {
    for (const [k, v] of this.base) if (!this.changes.has(k)) yield [k, v];
    for (const [k, v] of this.changes) if (v !== REMOVED) yield [k, v as V];
  }

  *keys(): MapIterator<K> {
    for (const [k] of this.entries()) yield k;
  }

  *values(): MapIterator<V> {
    for (const [, v] of this.entries()) yield v;
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) callback.call(thisArg, v, k, this);
  }
}
