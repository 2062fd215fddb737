/**
 * Auto-coding as one module loaded on first use (dist/autocode.js, scripts/bundles.mjs): the
 * CLI's `sift autocode` and the editor's Auto-Code command require it where they run.
 */
export { describeRule, planAutocode, shorten, type AutocodePlan, type AutocodeRule, type MatchScope, type PlannedPassage, type SkippedPassage } from './autocode';
export { applyAutocode, loadedTranscriptTexts } from './autocode-apply';
export { compilePattern, PatternError } from './autocode-match';
