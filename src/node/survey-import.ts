/**
 * Importing survey comments, bundled on its own as dist/survey-import.js (scripts/bundles.mjs)
 * and loaded the first time a sheet is imported: the sheet readers (papaparse; workbooks load
 * their own reader in turn) and the import's planning.
 */
export { readSheetFile } from './sheet-file';
export { planSurveyImport } from '../core/survey/import';
