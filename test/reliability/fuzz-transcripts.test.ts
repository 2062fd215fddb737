/**
 * Fuzzing the transcript readers: the parsers of Markdown, WebVTT, SRT and plain text on
 * mutated and generated transcripts, the caption/text import to Markdown, Word files
 * (mutated .docx), and one 50 MB transcript through the whole loader.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { transcriptToMarkdown } from '../../src/core/exchange/transcript-import';
import { CodePointIndex, normalizeText } from '../../src/core/text';
import { parseTranscript } from '../../src/core/transcripts';
import { loadWorkspace } from '../../src/core/workspace/load';
import { docxText } from '../../src/node/docx';
import { minimalDocx } from '../support/docx';
import { MemoryFileSystem } from '../support/memory-fs';
import { FUZZ_RUNS, FuzzMeter } from './figures';
import { assertWellFormed, exampleFiles, HOSTILE, mutated, mutatedBytes, token } from './support/corpus';

const files = exampleFiles();
const decoder = new TextDecoder();
const seeds = [...files].filter(([p]) => /^transcripts\/.*\.(md|vtt|srt|txt)$/.test(p)).map(([p, b]) => ({ path: p, text: decoder.decode(b) }));
const EXTENSIONS = ['md', 'vtt', 'srt', 'txt'] as const;

/** Parses as the loader does; the turns must be ordered, non-empty and inside the text, and no parser bug reported. */
function parseOne(path: string, raw: string): void {
  const text = normalizeText(raw);
  const r = parseTranscript(path, text);
  assertWellFormed(r.problems, path);
  const internal = r.problems.find((p) => p.code === 'transcript-internal');
  assert.equal(internal, undefined, internal?.message);
  const length = new CodePointIndex(text).length;
  let last = 0;
  for (const t of r.turns) {
    assert.ok(t.start >= last && t.start < t.end && t.end <= length, `turn ${t.start}–${t.end} after ${last}, text ${length}`);
    last = t.end;
  }
}

/** Lines of transcript-ish material: cues, timestamps, speakers, front matter, junk. */
const lineSoup = fc.array(fc.oneof(token, fc.constantFrom(...HOSTILE.filter((h) => h.length > 2)), fc.string({ maxLength: 60 })), { maxLength: 40 }).map((parts) => parts.join('\n'));

describe('fuzz: transcript parsers', () => {
  it('md, vtt, srt and txt parsers on mutated example transcripts, under every extension', async () => {
    const meter = new FuzzMeter('transcript parsers, mutated transcripts', 1000);
    await meter.around(async () => {
      fc.assert(
        fc.property(mutated(seeds.map((s) => s.text)), fc.constantFrom(...EXTENSIONS), ({ seed, text }, ext) => {
          const path = seeds[seed]!.path.replace(/\.\w+$/, `.${ext}`);
          meter.measure(path, () => parseOne(path, text));
        }),
        { numRuns: FUZZ_RUNS * 4 },
      );
    });
  });

  it('the parsers on generated line soup', async () => {
    const meter = new FuzzMeter('transcript parsers, generated', 1000);
    await meter.around(async () => {
      fc.assert(
        fc.property(lineSoup, fc.constantFrom(...EXTENSIONS), (text, ext) => meter.measure(ext, () => parseOne(`t/x.${ext}`, text))),
        { numRuns: FUZZ_RUNS * 4 },
      );
    });
  });

  it('caption and text import to Markdown: the result reads back as a Markdown transcript', async () => {
    const meter = new FuzzMeter('transcript import (vtt, srt, txt → md)', 1000);
    await meter.around(async () => {
      const importable = seeds.filter((s) => /\.(vtt|srt|txt)$/.test(s.path));
      fc.assert(
        fc.property(
          fc.oneof(
            mutated(importable.map((s) => s.text)).map((m) => m.text),
            lineSoup,
          ),
          fc.constantFrom('vtt', 'srt', 'text'),
          (raw, format) =>
            meter.measure(format, () => {
              const converted = transcriptToMarkdown(normalizeText(raw), format as 'vtt' | 'srt' | 'text', { sourceName: `x.${format}`, participant: 'P01' });
              parseOne('transcripts/x.md', converted.markdown);
            }),
        ),
        { numRuns: FUZZ_RUNS * 2 },
      );
    });
  });

  it('Word files: mutated and truncated .docx give text or an error, never a hang', async () => {
    const meter = new FuzzMeter('Word (.docx) reader, mutated', 5000);
    await meter.around(async () => {
      const docx = minimalDocx(['Interviewer: How long did you wait?', 'P01: Sixteen weeks for the grab rails.']);
      assert.match(await docxText(docx), /Sixteen weeks/);
      let errors = 0;
      await fc.assert(
        fc.asyncProperty(mutatedBytes(docx), async (bytes) => {
          await meter.measureAsync('mutated docx', async () => {
            try {
              assert.equal(typeof (await docxText(bytes)), 'string');
            } catch (e) {
              assert.ok(e instanceof Error && e.message.length > 0);
              errors++;
            }
          });
        }),
        { numRuns: Math.max(10, Math.round(FUZZ_RUNS / 3)) },
      );
      assert.ok(errors > 0, 'some mutations must be refused');
    });
  });

  it('a 50 MB transcript through the whole loader, once', async () => {
    const meter = new FuzzMeter('50 MB transcript (load, parse, anchor)', 60000);
    await meter.around(async () => {
      const body = seeds.find((s) => s.path.endsWith('.md'))!.text.replace(/^---[\s\S]*?---\n/, '');
      let big = '---\nparticipant: P01\n---\n';
      while (big.length < 50 * 2 ** 20) big += body;
      const fs = new MemoryFileSystem(Object.fromEntries(files));
      fs.write('transcripts/interviews/huge.md', big);
      const { workspace } = await meter.measureAsync('50 MB .md', () => loadWorkspace(fs));
      const t = workspace.transcripts.get('transcripts/interviews/huge.md');
      assert.ok(t && t.turns.length > 1000, 'read, with its turns');
      assertWellFormed(workspace.problems);
    });
  });
});
