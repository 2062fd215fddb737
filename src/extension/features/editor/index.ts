/**
 * Highlights in a transcript editor: painted, hovered, the cursor context keys, and following the
 * text as it is edited. This is the folder's public module: other features and the entry point
 * import only what it exports (eslint.config.mjs, "feature boundaries").
 */
export * from './decorations';
export * from './cursor-context';
export * from './hover';
export * from './tracking';
