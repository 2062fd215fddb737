/**
 * The bundled CLI parses large YAML files in its worker thread (dist/yaml-thread.js, next to
 * dist/cli.js), reports exactly what parsing them inline reports, and still exits at once.
 * A script preloaded with `node -r` watches the worker threads the CLI starts (or refuses
 * them, which leaves the CLI parsing inline).
 */
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { PARSE_ELSEWHERE_FROM_CHARS } from '../../src/core/workspace/load';
import { cleanupTemps, copyOfExample, sift, tempDir } from './support';

after(cleanupTemps);

/** A preload script that names on stderr every worker thread started, or refuses to start any. */
function watcher(refuse: boolean): string {
  const file = path.join(tempDir(), refuse ? 'refuse-workers.js' : 'watch-workers.js');
  writeFileSync(
    file,
    `const threads = require('node:worker_threads');
const Worker = threads.Worker;
threads.Worker = class extends Worker {
  constructor(script, options) {
    ${refuse ? "throw new Error('no worker threads here');" : "process.stderr.write('worker thread: ' + script + '\\n');"}
    super(script, options);
  }
};
`,
  );
  return file;
}

describe('sift on a study with large YAML files', () => {
  it('parses them in its worker thread, reports what parsing inline reports, and exits', () => {
    const dir = copyOfExample();
    const append = (file: string, text: string) => writeFileSync(path.join(dir, file), readFileSync(path.join(dir, file), 'utf8') + text);
    const padding = '# a long comment, to make the file worth a worker\n'.repeat(Math.ceil(PARSE_ELSEWHERE_FROM_CHARS / 50));
    append('participants.yaml', padding);
    append('codebook.yaml', padding + '  - id: [not closed\n');

    const inWorker = sift(['check', dir, '--no-cache', '--format', 'json'], undefined, ['-r', watcher(false)]);
    const inline = sift(['check', dir, '--no-cache', '--format', 'json'], undefined, ['-r', watcher(true)]);
    assert.match(inWorker.stderr, /worker thread: .*dist[/\\]yaml-thread\.js/);
    assert.equal(inWorker.code, 1, inWorker.stderr);
    assert.equal(inline.code, 1, inline.stderr);
    assert.equal(inWorker.stdout, inline.stdout);
    const report = JSON.parse(inWorker.stdout) as { problems: { path: string; line: number; code: string }[] };
    assert.ok(
      report.problems.some((p) => p.path === 'codebook.yaml' && p.line > 100),
      inWorker.stdout.slice(0, 2000),
    );
  });
});
