/**
 * The codebook refactors the editor offers (add, rename, merge, move, recolour, delete a tag),
 * as one module the extension loads on first use (dist/codebook-refactor.js, scripts/bundles.mjs).
 */
export { addTag, deleteTag, mergeTags, moveTag, recolorTag, renameTag } from './refactor';
