/**
 * Insights and their recommendations: the Insights and Actions views, the insight panel, the
 * commands that move them along. This is the folder's public module: other features and the entry
 * point import only what it exports (eslint.config.mjs, "feature boundaries").
 */
export * from './insights';
