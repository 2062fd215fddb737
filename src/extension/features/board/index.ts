/**
 * The affinity board: its panel over the theme files. This is the folder's public module: other
 * features and the entry point import only what it exports (eslint.config.mjs, "feature
 * boundaries").
 */
export * from './board';
