/**
 * Recordings: the player commands (always loaded) and the player panel (loaded on demand). This is
 * the folder's public module: other features and the entry point import only what it exports
 * (eslint.config.mjs, "feature boundaries").
 */
export * from './player';
