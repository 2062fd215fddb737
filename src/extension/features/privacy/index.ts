/**
 * Personal data: the scan as warnings in Problems, and pseudonymising a study. This is the
 * folder's public module: other features and the entry point import only what it exports
 * (eslint.config.mjs, "feature boundaries").
 */
export * from './privacy';
