/**
 * What Export Clip of Highlight and Export Reel of Theme/Insight… need of the machine (ffmpeg
 * through the media node side, the study's personal-data guard), loaded on demand
 * (dist/clip-files.js) the first time one runs: `sift clip|reel` import the same node modules.
 */
export { makeClip, makeReel } from '../../node/clip-files';
export { studyGuard } from '../../node/privacy-scan';
