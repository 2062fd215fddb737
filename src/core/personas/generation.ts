/**
 * Generating personas and segments from the coding, for Generate Personas and Segment
 * Participants: clustering, profiles, the files written. The extension loads it on demand
 * (dist/persona-generation.js, scripts/bundles.mjs): it runs now and then, never at start-up.
 */
export { generatePersonas, sentenceList, type PersonaGeneration } from './generate';
export { describeSeparation } from './kmeans';
export { nobodyTaggedSentence } from './unlisted-participants';
export { findTwins, writePersonas, type PersonaWriteResult, type Twin, type WriteOptions } from './write';
export { segmentParticipants, segmentShares, writeSegments, type Segmentation } from '../segments/segment';
