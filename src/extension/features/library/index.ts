/**
 * Libraries: the studies a library.yaml lists, opened as workspaces of their own. This is the
 * folder's public module: other features and the entry point import only what it exports
 * (eslint.config.mjs, "feature boundaries").
 */
export * from './library';
