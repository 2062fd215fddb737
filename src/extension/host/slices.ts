/**
 * Long work in the extension host runs in slices: `hostSlicer()` gives a pause to call between
 * small pieces of work; once 20 ms have passed since the last return to the event loop it
 * returns there (a timer), so no keystroke or message waits behind the work for long.
 */
import { slicer } from '../../core/workspace/load';

export const SLICE_MS = 20;

export const yieldToHost = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export function hostSlicer(): () => Promise<void> {
  return slicer(yieldToHost, SLICE_MS);
}
