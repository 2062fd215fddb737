/**
 * The study as a whole: create, check and reload it, its coding progress in the status bar, and
 * its problems in the Problems panel. This is the folder's public module: other features and the
 * entry point import only what it exports (eslint.config.mjs, "feature boundaries").
 */
export * from './workspace-commands';
export * from './diagnostics';
