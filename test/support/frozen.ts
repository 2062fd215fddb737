/**
 * The loaded study frozen, to prove that nothing writes into it: `Frozen<T>` is what its type
 * must be (read-only all the way down), `deepFreeze` makes a value so at run time (objects and
 * arrays frozen, a Map's or Set's `set`, `add`, `delete`, `clear` throwing), so a write the
 * types let through (a cast, a mutable structural type) throws in a test. Modules are strict
 * code: a write into a frozen object throws a TypeError rather than doing nothing.
 */
export type Frozen<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends ReadonlyMap<infer K, infer V>
    ? ReadonlyMap<K, Frozen<V>>
    : T extends ReadonlySet<infer V>
      ? ReadonlySet<Frozen<V>>
      : T extends object
        ? { readonly [P in keyof T]: Frozen<T[P]> }
        : T;

/** True when A and B are the same type (not merely assignable either way). */
export type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Freezes `value` and everything it holds (Maps' and Sets' entries too); returns it. */
export function deepFreeze<T>(value: T, seen = new WeakSet<object>()): T {
  if (typeof value !== 'object' || value === null || seen.has(value) || Object.isFrozen(value)) return value;
  seen.add(value);
  // A typed array's elements cannot be frozen (and the study keeps none a feature could reach).
  if (ArrayBuffer.isView(value)) return value;
  if (value instanceof Map || value instanceof Set) {
    for (const method of ['set', 'add', 'delete', 'clear'] as const) {
      if (method in value) Object.defineProperty(value, method, { value: refuse(method), writable: false, configurable: false });
    }
    for (const entry of value.values()) deepFreeze(entry, seen);
  } else {
    // Objects of classes (a LayeredMap of the anchoring results) hold their entries in fields.
    for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key], seen);
    if (isMapLike(value)) for (const entry of value.values()) deepFreeze(entry, seen);
  }
  return Object.freeze(value);
}

function isMapLike(value: object): value is ReadonlyMap<unknown, unknown> {
  return typeof (value as { values?: unknown }).values === 'function' && typeof (value as { get?: unknown }).get === 'function';
}

function refuse(method: string) {
  return () => {
    throw new TypeError(`${method}() on a frozen study: the loaded study is read-only; changes go through the study service`);
  };
}
