/**
 * Personas and segments: the Personas view, the persona card, Generate Personas and Segment
 * Participants. This is the folder's public module: other features and the entry point import only
 * what it exports (eslint.config.mjs, "feature boundaries").
 */
export * from './personas';
export * from './persona-view';
export * from './segments';
