/**
 * What Export Clip of Highlight and Export Reel of Theme/Insight… need of the machine (ffmpeg
 * through the media node side), loaded on demand (dist/clip-files.js) the first time one runs:
 * `sift clip|reel` import the same node module. The personal-data guard is not here: VS Code's
 * comes from the scan it keeps warm (SiftContext.sharingGuard), not a scan of its own.
 */
export { makeClip, makeReel } from '../../node/clip-files';
