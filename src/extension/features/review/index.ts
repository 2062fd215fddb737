/**
 * Reviewing the analysis with git: Compare Analysis, Coder Agreement, Set Up Git Merging. This is
 * the folder's public module: other features and the entry point import only what it exports
 * (eslint.config.mjs, "feature boundaries").
 */
export * from './review';
