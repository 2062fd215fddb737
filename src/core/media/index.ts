/** Recordings beside transcripts: which file belongs to which transcript, and when each passage is heard. */
export { extensionOf, isMediaPath, MEDIA_TYPES, mediaProblems, recordingOf, type LinkedBy, type RecordingLink } from './recording';
export { clockInLine, formatSeconds, groupAtTime, groupOfTurn, highlightSpan, timedGroups, turnSpan, type TimedGroup, type TimeSpan } from './spans';
