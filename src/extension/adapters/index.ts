/**
 * The extension's adapters to the machine (git, the disk outside a study, ffmpeg, the sheet
 * readers) and the file system a new study is written through. The entry point makes them and
 * hands them to the features through SiftContext: a feature never imports src/node/ nor
 * constructs an adapter (eslint.config.mjs), so a test or another host can hand in others.
 * Each part but the privacy guard is a bundle of its own, loaded the first time it is used
 * (scripts/bundles.mjs).
 */
import type * as vscode from 'vscode';
import { clipLinks } from '../../node/clip-links';
import { gitignoreEdit, ignoreLineFor, isIgnored, keyFileProblems } from '../../node/privacy-guard';
import { VscodeFileSystem } from '../host/vscode-fs';

export interface Adapters {
  /** Compare Analysis and Set Up Git Merging: the study at a revision, the merge driver (dist/review-git.js). */
  git(): typeof import('./git');
  /** Importing a REFI-QDA project or transcripts: the project's sources, a new folder, Word files (dist/exchange-files.js). */
  importFiles(): typeof import('./import-files');
  /** Survey comments from a CSV or a workbook (dist/survey-import.js). */
  surveys(): typeof import('../../node/survey-import');
  /** The worker thread the personal-data scan runs on, off the extension host's thread (dist/privacy-worker.js). */
  privacyWorker(): typeof import('../../node/privacy-worker');
  /** ffmpeg: converting a recording the editor cannot play (dist/media.js). */
  media(): typeof import('../../node/media');
  /** Export Clip and Export Reel: cutting with ffmpeg, consent as `sift clip|reel` (dist/clip-files.js). */
  clips(): typeof import('./clips');
  /** The private key file as git sees it (tracked, ignored) and the .gitignore line that ignores it. */
  readonly privacyGuard: { gitignoreEdit: typeof gitignoreEdit; ignoreLineFor: typeof ignoreLineFor; isIgnored: typeof isIgnored; keyFileProblems: typeof keyFileProblems };
  /** The research report's links to the clips in a study's `.sift/clips/`, as `sift report` makes them. */
  readonly clipLinks: typeof clipLinks;
  /** The file system of a folder that is not a loaded study yet (Create Research Workspace). */
  filesOf(folder: vscode.Uri): VscodeFileSystem;
}

/** The adapters of the extension host on this machine. */
export function machineAdapters(): Adapters {
  return {
    git: () => require('./git') as typeof import('./git'),
    importFiles: () => require('./import-files') as typeof import('./import-files'),
    surveys: () => require('../../node/survey-import') as typeof import('../../node/survey-import'),
    privacyWorker: () => require('../../node/privacy-worker') as typeof import('../../node/privacy-worker'),
    media: () => require('../../node/media') as typeof import('../../node/media'),
    clips: () => require('./clips') as typeof import('./clips'),
    privacyGuard: { gitignoreEdit, ignoreLineFor, isIgnored, keyFileProblems },
    clipLinks,
    filesOf: (folder) => new VscodeFileSystem(folder),
  };
}
