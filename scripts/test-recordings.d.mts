/** Types of scripts/test-recordings.mjs for the TypeScript tests. */
export function testRecording(captions: string, ext: string): string;
export function placeRecording(captions: string, dir: string, rel: string): string;
export const WORKSPACE_RECORDINGS: readonly { captions: string; recording: string }[];
export function prepareWorkspaceRecordings(folder: string): void;
