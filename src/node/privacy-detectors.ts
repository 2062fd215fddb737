/** The personal-data scan and its detectors, a bundle of their own (dist/privacy-detectors.js), installed by core-libraries.ts. */
export { detectionContext, detectRaw } from '../core/privacy/detect';
export { knownNames, readPrivacySources, scanWorkspace, studyVocabulary } from '../core/privacy/scan';
