/** The matrices of the coding (tags × participants, × attributes…), loaded on demand (dist/analysis-matrices.js) when first shown or exported. */
export { matrixCsv, matrixOf } from '../../../core/matrices';
