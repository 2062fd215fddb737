/**
 * The loaded study frozen, to prove that nothing writes into it: `Frozen<T>` is what its type
 * must be (read-only all the way down); `deepFreeze` makes a value so at run time, so a write
 * the types let through (a cast, a mutable structural type) throws in a test.
 */
export { deepFreeze } from '../../src/core/workspace/freeze';

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
