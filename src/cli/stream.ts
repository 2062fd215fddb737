/**
 * Writing a long output as it is made. Each chunk is asked for only once the stream has taken
 * the one before: when write() says the stream's buffer is full, the next chunk waits for
 * 'drain'. So the output held at once is the chunk being made plus what the stream buffers (at
 * most its highWaterMark and one chunk), never the whole output. A reader that went away
 * (`sift export csv | head`) ends the writing quietly, as toleratingClosedPipes (exit.ts) does.
 */
export async function writeAsMade(stream: NodeJS.WritableStream, chunks: Iterable<string>): Promise<void> {
  for (const chunk of chunks) {
    if (gone(stream)) return;
    if (!stream.write(chunk)) await drained(stream);
  }
}

function gone(stream: NodeJS.WritableStream): boolean {
  const s = stream as { destroyed?: boolean; writableEnded?: boolean };
  return s.destroyed === true || s.writableEnded === true;
}

function drained(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      stream.off('error', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
    stream.on('error', done);
  });
}
