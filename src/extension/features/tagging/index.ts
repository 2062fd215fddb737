/**
 * Writing highlights: Tag Selection, memos, removing a tag or a highlight, and a renamed
 * transcript taking its highlights file with it. This is the folder's public module: other
 * features and the entry point import only what it exports (eslint.config.mjs, "feature
 * boundaries").
 */
export * from './tagging';
export * from './renames';
