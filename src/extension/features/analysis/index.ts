/**
 * The Analysis panel (sample coverage, the matrices of the coding) and the research report. This
 * is the folder's public module: other features and the entry point import only what it exports
 * (eslint.config.mjs, "feature boundaries").
 */
export * from './analysis';
