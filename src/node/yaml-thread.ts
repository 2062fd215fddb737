/**
 * The worker thread behind `YamlWorker` (yaml-worker.ts): parses YAML files with the very
 * same `readYamlOfKind` as the loader, so a file parsed here reads exactly as one parsed on
 * the event loop. Requests are answered one at a time, in the order they came. Bundled on
 * its own as dist/yaml-thread.js (scripts/build.mjs), next to the extension and the CLI.
 */
import { parentPort } from 'node:worker_threads';
import './core-libraries';
import { readYamlOfKind } from '../core/workspace/readers';
import type { YamlReply, YamlRequest } from './yaml-worker';

parentPort?.on('message', ({ id, kind, path, text }: YamlRequest) => {
  let reply: YamlReply;
  try {
    reply = { id, result: readYamlOfKind(kind, path, text) };
  } catch (e) {
    reply = { id, error: String((e as Error)?.stack ?? e) };
  }
  parentPort!.postMessage(reply);
});
