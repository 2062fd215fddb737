/** Recordings beside transcripts: which file belongs to which transcript, and when each passage is heard. */
export { extensionOf, isMediaPath, MEDIA_TYPES, mediaProblems, recordingCandidates, recordingOf, type LinkedBy, type RecordingLink } from './recording';
export { clockInLine, endSeconds, formatSeconds, groupAtTime, groupOfTurn, highlightSpan, timedGroups, turnSpan, type TimedGroup, type TimeSpan } from './spans';
export { CLIP_MARGIN, clipPath, clipRefusal, linkableClip, cutRange, planClip, planReel, timeEndProblem, timeEndProblems, type ClipPlan, type PlannedClip, type ReelPlan } from './clips';
