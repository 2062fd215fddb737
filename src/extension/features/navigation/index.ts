/**
 * Moving between quotes: next and previous highlight, Find Highlights, the highlights of a tag,
 * revealing a quote. This is the folder's public module: other features and the entry point import
 * only what it exports (eslint.config.mjs, "feature boundaries").
 */
export * from './navigation';
