/**
 * Failures nobody would otherwise see: work the extension host does without anyone awaiting it
 * (the checks and indexes that follow a change, a reload set off by the file watcher) and the
 * features told of a change (VS Code's event emitter catches what a listener throws and only
 * logs it). Each goes to Sift's log with its stack, never dropped.
 *
 * The test build also keeps them (`failuresForTests`), and every integration test fails on one
 * made while it ran (test/integration/index.ts): there each study is frozen (research-model.ts),
 * so a write into it throws a TypeError, and one thrown where nobody awaits must fail a test too.
 */
import type * as vscode from 'vscode';

/** Test build only: what `reportFailure` was told since the integration tests last looked. */
export const failuresForTests: string[] = [];

export function reportFailure(log: vscode.LogOutputChannel, what: string, error: unknown): void {
  const said = `${what} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
  log.error(said);
  if (SIFT_TEST) failuresForTests.push(said);
}

/**
 * The event with what its listeners throw (or reject with) reported as `what` before VS Code's
 * emitter catches it. The test build's: the product leaves the event as it is.
 */
export function reportingListenerFailures<T>(event: vscode.Event<T>, log: vscode.LogOutputChannel, what: string): vscode.Event<T> {
  if (!SIFT_TEST) return event;
  return (listener, thisArgs, disposables) =>
    event(
      (e) => {
        try {
          const result: unknown = listener.call(thisArgs, e);
          if (result instanceof Promise) result.catch((error: unknown) => reportFailure(log, what, error));
          return result;
        } catch (error) {
          reportFailure(log, what, error);
          throw error;
        }
      },
      undefined,
      disposables,
    );
}
