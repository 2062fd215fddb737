/**
 * The loader's `parseYamlElsewhere` port over one worker thread: a large participants or
 * codebook file (hundreds of milliseconds of YAML parsing) is parsed there while the event
 * loop stays free for the editor. One worker is plenty: the loader asks for a file at a time,
 * and there are few large YAML files in a study. Requests queue in the worker's message port.
 *
 * The worker starts on the first request and stops when idle (./on-demand-worker.ts). When it
 * cannot start or dies, waiting and later requests are rejected, and the loader parses them
 * inline: a file is never lost and a load never waits for a dead worker.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { ParseYamlElsewhere } from '../core/ports';
import type { FileKind } from '../core/validate';
import type { ReadResult } from '../core/workspace/readers';
import { OnDemandWorker } from './on-demand-worker';

export interface YamlRequest {
  id: number;
  kind: FileKind;
  path: string;
  text: string;
}

export type YamlReply = { id: number; result: ReadResult<Record<string, unknown>> } | { id: number; error: string };

/** The worker's script in the bundles: both dist/extension.js and dist/cli.js have it next to them. */
const BUNDLED_SCRIPT = path.join(__dirname, 'yaml-thread.js');

/** Idle time after which the worker is stopped (it starts again on the next request, in ~30 ms). */
const IDLE_MS = 30_000;

interface Parsing {
  resolve: (r: ReadResult<Record<string, unknown>>) => void;
  reject: (e: Error) => void;
}

export class YamlWorker {
  private readonly thread: OnDemandWorker<YamlReply, Parsing>;

  /**
   * The worker of a bundle, or undefined when running from sources (tsx), where there is no
   * bundled script: the loader then parses everything inline, as without the port.
   */
  static bundled(): YamlWorker | undefined {
    return existsSync(BUNDLED_SCRIPT) ? new YamlWorker(BUNDLED_SCRIPT) : undefined;
  }

  /** `script`: the bundled yaml-thread.js (tests build one with esbuild; see test/unit/yaml-worker.test.ts). */
  constructor(script: string, idleMs = IDLE_MS) {
    this.thread = new OnDemandWorker(script, 'YAML', idleMs, (reply) => {
      const parsing = this.thread.answered(reply.id);
      if (!parsing) return;
      if ('error' in reply) parsing.reject(new Error(reply.error));
      else parsing.resolve(reply.result);
    });
  }

  /** True while a worker thread is up (started, not yet stopped for idleness or failure). */
  get running(): boolean {
    return this.thread.running;
  }

  readonly parse: ParseYamlElsewhere = (kind, path, text) => new Promise((resolve, reject) => this.thread.send({ resolve, reject }, (id) => ({ value: { id, kind, path, text } satisfies YamlRequest })));

  /** Stops the worker for good; waiting requests are rejected (and parsed inline by the loader). */
  dispose(): void {
    this.thread.dispose();
  }
}
