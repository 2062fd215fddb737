/** The word diff of two versions of a transcript, a bundle of its own (dist/text-diff.js), installed by core-libraries.ts. */
export { diffHunks } from '../core/anchoring/text-hunks';
