/**
 * Exchange with other tools: REFI-QDA and CSV out and in, transcripts and survey comments in. This
 * is the folder's public module: other features and the entry point import only what it exports
 * (eslint.config.mjs, "feature boundaries").
 */
export * from './exchange';
export * from './survey-import';
