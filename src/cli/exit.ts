/**
 * Leaving the process without losing output. `process.exit()` ends the process at once,
 * and what a pipe has not taken yet is dropped: a pipe holds 64 KiB, so `sift check
 * --format json | jq` used to get the first 64 KiB and exit 0. Here the exit waits until
 * standard output and standard error have handed every byte to the reader, then exits
 * with the command's code. A reader that went away (`sift … | head`) is not waited for.
 */
export async function exitWhenFlushed(code: number): Promise<never> {
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
}

/**
 * A reader that stops reading (`sift check | head`) closes the pipe: the rest of the output
 * has nowhere to go, which is what the person asked for, so it is not reported as a crash.
 */
export function toleratingClosedPipes(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
    });
  }
}

/** Resolves once everything written to the stream before now has been handed on (or the stream failed). */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  if (stream.destroyed || stream.writableEnded) return Promise.resolve();
  // Writes are handed on in order: the callback of an empty write runs after every earlier one.
  return new Promise((resolve) => {
    stream.once('error', () => resolve());
    stream.write('', () => resolve());
  });
}
