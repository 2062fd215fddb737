/**
 * A part of the core's work whose code the host loads the first time it is needed, not at
 * start-up (the personal-data scan, the word diff of two versions of a transcript): the
 * module that needs it asks here, and the node hosts install where it comes from
 * (src/node/core-libraries.ts), each from a bundle of its own.
 */
export interface HostPart<T> {
  /** Installs where the part comes from; called by the host before the part is first needed. */
  use(loader: () => T): void;
  /** The part, loaded on the first call. */
  get(): T;
}

/** `missing` says what is wrong when the part is asked for before the host installed it. */
export function hostPart<T>(missing: string): HostPart<T> {
  let load: (() => T) | undefined;
  let loaded: T | undefined;
  return {
    use(loader) {
      load = loader;
      loaded = undefined;
    },
    get() {
      if (loaded === undefined) {
        // Loud rather than a scan or a re-anchoring that silently does less.
        if (!load) throw new Error(missing);
        loaded = load();
      }
      return loaded;
    },
  };
}
