/**
 * Diary studies: the Diaries view and a diary entry beside its scanned pages. This is the folder's
 * public module: other features and the entry point import only what it exports
 * (eslint.config.mjs, "feature boundaries").
 */
export * from './diaries';
