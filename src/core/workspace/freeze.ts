/**
 * Freezes a loaded study all the way down, so a write into it throws (in strict code, which
 * modules and the bundles are) instead of changing what every feature shares: objects and
 * lists frozen, a Map's or Set's `set`, `add`, `delete`, `clear` refused. For the tests and the
 * test build (src/extension/research-model.ts); the product relies on the study's read-only
 * types (src/core/model.ts) and never pays for this.
 */
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
    // Reading each property also settles one a snapshot decodes when first read (src/core/binary-json.ts).
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
    throw new TypeError(`${method}() on the loaded study: it is read-only; changes go through the study service`);
  };
}
