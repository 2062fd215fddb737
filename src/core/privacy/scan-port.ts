/**
 * The personal-data scan and its detectors (name lists, patterns, prose cues: about 20 KB of
 * code) as the host provides them, loaded the first time personal data is looked for (a
 * study's first scan, the first quote Sift picks by itself, a share) rather than at start-up:
 * the extension and the CLI install them from their own bundle (src/node/core-libraries.ts).
 * The core modules that only sometimes need them ask here instead of importing them.
 */
import { hostPart } from '../host-part';
import type * as Detect from './detect';
import type * as Scan from './scan';

export type PrivacyScan = Pick<typeof Detect, 'detectionContext' | 'detectRaw'> & Pick<typeof Scan, 'knownNames' | 'studyVocabulary' | 'readPrivacySources' | 'scanWorkspace'>;

const part = hostPart<PrivacyScan>('No personal-data scan: the host installs it (usePrivacyScan, src/node/core-libraries.ts) before personal data is looked for.');

export const usePrivacyScan = part.use;
export const privacyScan = part.get;
