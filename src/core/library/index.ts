/**
 * The research library: many studies, one shared codebook, insights across studies.
 * Pure (no node, no vscode); the node adapter that reads a library from disk is
 * src/node/library.ts (`loadLibrary(dir)`).
 */
export * from './library';
export * from './codebook';
export * from './search';
export * from './insights';
export * from './related';
export * from './init';
export * from './stats';
