/**
 * The loader's YAML parsing in a worker thread (src/node/yaml-worker.ts): what comes back is
 * exactly what parsing inline gives, problems with their lines and columns included, and a
 * worker that dies or never starts costs nothing but time.
 *
 * The worker runs a script, not TypeScript: the tests run from sources through tsx, which
 * a worker thread does not inherit. So `before` bundles src/node/yaml-thread.ts with
 * esbuild, as scripts/build.mjs does for dist/, and the worker is given that file's path.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';
import type { FileKind } from '../../src/core/validate';
import { loadWorkspace, PARSE_ELSEWHERE_FROM_CHARS, type LoadResult } from '../../src/core/workspace/load';
import { readCanonicalYaml, readYamlOfKind } from '../../src/core/workspace/readers';
import { YamlWorker } from '../../src/node/yaml-worker';
import { exampleFileSystem } from '../support/example-fs';

const ONE_PER_FOLDER: Record<string, FileKind> = { highlights: 'highlights', themes: 'theme', insights: 'insight', personas: 'persona', journeys: 'journey' };

/** The kind of a YAML file of the example study (default layout). */
function kindOf(file: string): FileKind {
  const top: Record<string, FileKind> = { 'research.yaml': 'research', 'codebook.yaml': 'codebook', 'participants.yaml': 'participants' };
  return top[file] ?? ONE_PER_FOLDER[file.split('/')[0]!]!;
}

/** A YAML comment of at least `chars` characters: makes a file large without changing what it says. */
const padding = (chars: number) => '# padding to make the file worth a worker\n'.repeat(Math.ceil(chars / 42));

const HIGHLIGHTS = 'highlights/transcripts/interviews/p01.md.yaml';

/** The example study with large files the worker gets: hand-edited highlights, and a codebook with a syntax error at its end. */
function largeStudy() {
  const fs = exampleFileSystem();
  fs.write('participants.yaml', fs.text('participants.yaml')! + padding(PARSE_ELSEWHERE_FROM_CHARS));
  // An anchor, as a hand edit might add: the same value, in a shape the fast reader declines.
  fs.write(HIGHLIGHTS, padding(PARSE_ELSEWHERE_FROM_CHARS) + fs.text(HIGHLIGHTS)!.replace('source: ', 'source: &source '));
  fs.write('codebook.yaml', fs.text('codebook.yaml')! + padding(PARSE_ELSEWHERE_FROM_CHARS) + '  - id: [not closed\n');
  return fs;
}

/** A load's result without its counts (which say where files were parsed), to compare two loads. */
const withoutStats = ({ stats: _, ...rest }: LoadResult) => rest;

describe('YAML parsing in a worker thread', function () {
  this.timeout(60_000);
  let dir: string;
  let script: string;
  const workers: YamlWorker[] = [];
  const worker = (at = script) => {
    const w = new YamlWorker(at);
    workers.push(w);
    return w;
  };

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'sift-yaml-worker-'));
    script = path.join(dir, 'yaml-thread.js');
    await build({ entryPoints: [path.join(__dirname, '../../src/node/yaml-thread.ts')], outfile: script, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' });
  });
  after(() => {
    for (const w of workers) w.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads every YAML file of the example study, and malformed ones, exactly as readYamlOfKind does', async () => {
    const fs = largeStudy();
    fs.write('themes/broken.yaml', 'title: Broken\nhighlights: [h-1\n');
    fs.write('insights/invalid.yaml', 'statement: 42\nstatus: somewhere\n');
    const parse = worker().parse;
    const files = fs.paths().filter((p) => p.endsWith('.yaml'));
    assert.ok(files.length > 20, `${files.length} YAML files`);
    for (const file of files) {
      const text = fs.text(file)!;
      const inline = readYamlOfKind(kindOf(file), file, text);
      assert.deepStrictEqual(await parse(kindOf(file), file, text), inline, file);
    }
    // The malformed ones carry their problems, at their lines, from the worker too.
    const broken = await parse('codebook', 'codebook.yaml', fs.text('codebook.yaml')!);
    assert.equal(broken.value, undefined);
    assert.ok(
      broken.problems.some((p) => p.severity === 'error' && p.line > 400),
      JSON.stringify(broken.problems),
    );
    assert.ok((await parse('insight', 'insights/invalid.yaml', fs.text('insights/invalid.yaml')!)).problems.some((p) => p.line === 1));
  });

  it('a load that parses its large files in the worker equals one that parses them inline', async () => {
    // The padded highlights file is one the fast reader declines, as a hand-edited one.
    assert.equal(readCanonicalYaml('highlights', largeStudy().text(HIGHLIGHTS)!), undefined);
    const elsewhere = await loadWorkspace(largeStudy(), { parseYamlElsewhere: worker().parse });
    const inline = await loadWorkspace(largeStudy());
    // codebook.yaml, participants.yaml and the hand-edited highlights file; the rest is small.
    assert.equal(elsewhere.stats.parsedElsewhere, 3);
    assert.deepStrictEqual({ ...elsewhere.stats, parsedElsewhere: 0 }, inline.stats);
    assert.deepStrictEqual(withoutStats(elsewhere), withoutStats(inline));
    assert.ok(inline.workspace.problems.some((p) => p.path === 'codebook.yaml' && p.severity === 'error'));
    assert.ok(inline.workspace.highlightFiles.get(HIGHLIGHTS)!.highlights.length > 0);
  });

  it('a worker that dies loses no file: the loader parses them inline, and later requests fail at once', async () => {
    const dying = path.join(dir, 'dying.js');
    writeFileSync(dying, "require('node:worker_threads').parentPort.on('message', () => process.exit(3));\n");
    const dead = worker(dying);
    let asked = 0;
    const loaded = await loadWorkspace(largeStudy(), { parseYamlElsewhere: (...args) => (asked++, dead.parse(...args)) });
    assert.equal(asked, 3);
    assert.equal(loaded.stats.parsedElsewhere, 0);
    assert.deepStrictEqual(loaded, await loadWorkspace(largeStudy()));
    await assert.rejects(dead.parse('research', 'research.yaml', 'name: x\n'), /stopped \(exit code 3\)/);
  });

  it('a worker that cannot start loses no file either', async () => {
    const missing = worker(path.join(dir, 'no-such-script.js'));
    const loaded = await loadWorkspace(largeStudy(), { parseYamlElsewhere: missing.parse });
    assert.deepStrictEqual(loaded, await loadWorkspace(largeStudy()));
  });

  it('stops when idle, and starts again on the next request', async () => {
    const w = new YamlWorker(script, 50);
    workers.push(w);
    const text = largeStudy().text('participants.yaml')!;
    const expected = readYamlOfKind('participants', 'participants.yaml', text);
    assert.deepStrictEqual(await w.parse('participants', 'participants.yaml', text), expected);
    assert.ok(w.running);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.ok(!w.running, 'stopped after 50 ms without requests');
    assert.deepStrictEqual(await w.parse('participants', 'participants.yaml', text), expected);
  });

  it('disposing it rejects a waiting request at once (the loader then parses inline)', async () => {
    const w = worker();
    const waiting = w.parse('participants', 'participants.yaml', largeStudy().text('participants.yaml')!);
    w.dispose();
    await assert.rejects(waiting, /disposed/);
  });
});
