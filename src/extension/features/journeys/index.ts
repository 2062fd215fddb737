/**
 * Journey maps: the Journeys view, the journey panel and the commands that build a journey. This
 * is the folder's public module: other features and the entry point import only what it exports
 * (eslint.config.mjs, "feature boundaries").
 */
export * from './journeys';
