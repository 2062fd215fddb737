/**
 * Recordings for the tests, made in the test run and never downloaded (scripts/test-recordings.mjs,
 * which the real-VS-Code harness also runs before the extension host starts).
 */
export { placeRecording, testRecording } from '../../scripts/test-recordings.mjs';

/** WebVTT captions from [start, end, words] cues, in seconds. */
export function vtt(cues: readonly (readonly [number, number, string])[]): string {
  const clock = (s: number) => `00:${String(Math.floor(s / 60)).padStart(2, '0')}:${(s % 60).toFixed(3).padStart(6, '0')}`;
  return `WEBVTT\n\n${cues.map(([a, b, words]) => `${clock(a)} --> ${clock(b)}\n${words}\n`).join('\n')}`;
}
