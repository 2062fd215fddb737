/**
 * The codebook: the Codebook, Transcripts and Participants views, the refactors (add, rename,
 * merge, move, recolour, delete) and their undo. This is the folder's public module: other
 * features and the entry point import only what it exports (eslint.config.mjs, "feature
 * boundaries").
 */
export * from './trees';
export * from './codebook-commands';
export * from './codebook-undo';
