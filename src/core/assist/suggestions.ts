/**
 * "Code like this", as one module loaded on demand (dist/suggestions.js: the stemmers and
 * stop words of 23 languages): the suggestion index and the turned-down suggestions.
 */
export { passagesOf, snippet, SuggestionIndex, type CodedPassage, type FirstPassages, type Passage, type PassageSuggestion, type TagSuggestion } from './suggest';
export { readRejections, Rejections, SUGGESTIONS_FILE, withRejection, type Rejection } from './suggest-rejections';
