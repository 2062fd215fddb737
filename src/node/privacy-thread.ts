/**
 * The worker thread behind `PrivacyWorker` (privacy-worker.ts): runs the personal-data scan
 * (the very same `PrivacyScanner` as the CLI) off the extension host's thread. It holds no
 * study: each request brings the scanner's memory as snapshot bytes and the list of files,
 * asks the host for the text of each file it must read again, and answers with the memory
 * updated. Requests are handled one at a time, in the order they came. Bundled on its own as
 * dist/privacy-thread.js (scripts/build.mjs), next to the extension.
 */
import { parentPort } from 'node:worker_threads';
import './core-libraries';
import { PrivacyScanner } from '../core/privacy/scan';
import type { PrivacyReply, PrivacyRequest } from './privacy-worker';

const texts = new Map<string, (text: string | undefined | Error) => void>();
let queue: Promise<void> = Promise.resolve();

parentPort?.on('message', (message: PrivacyRequest) => {
  if (message.type === 'text') {
    const answer = texts.get(message.path);
    texts.delete(message.path);
    answer?.(message.cancelled ? new Error('cancelled') : message.text);
    return;
  }
  queue = queue.then(() => scan(message));
});

async function scan({ id, snapshot, files, options }: Extract<PrivacyRequest, { type: 'scan' }>): Promise<void> {
  const scanner = PrivacyScanner.fromSnapshot(snapshot);
  const read = (path: string) =>
    new Promise<string | undefined>((resolve, reject) => {
      texts.set(path, (answer) => (answer instanceof Error ? reject(answer) : resolve(answer)));
      post({ type: 'read', id, path });
    });
  let error: string | undefined;
  try {
    await scanner.findings(files, read, options);
  } catch (e) {
    error = String((e as Error)?.stack ?? e);
  }
  // Even a scan stopped half way hands back its memory: every file it finished is remembered.
  const bytes = scanner.snapshot();
  post({ type: 'done', id, snapshot: bytes, changed: scanner.changed, ...(error ? { error } : {}) }, [bytes.buffer as ArrayBuffer]);
}

function post(reply: PrivacyReply, transfer: ArrayBuffer[] = []): void {
  parentPort!.postMessage(reply, transfer);
}
