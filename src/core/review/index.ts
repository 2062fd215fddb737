/**
 * Reviewing an analysis, for `sift diff` / `sift agreement` and the extension's Compare
 * Analysis and Coder Agreement: what changed between two states of a study, and how far two
 * coders agree. The extension loads it on demand (dist/review.js, scripts/bundles.mjs).
 */
export { compareCodings } from './agreement';
export { codersOf, codingOf, sharedTranscripts, tagLabels } from './codings';
export { renderAgreement } from './render-agreement';
export { renderDiff } from './render-diff';
export { diffAnalysis, type HighlightRef } from './semantic-diff';
