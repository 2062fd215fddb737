/**
 * `sift autocode` on a copy of the example study: the preview (text and JSON) touches no file,
 * the write codes exactly the previewed passages with their provenance, a second run codes
 * nothing and says so (exit 1), and a rule that matches nothing or a pattern that is not valid
 * ends with a sentence and a non-zero exit, no file touched.
 */
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { cleanupTemps, copyOfExample, fingerprint, sift, tempDir } from './support';

after(cleanupTemps);

const P03 = 'highlights/transcripts/interviews/p03.md.yaml';

describe('sift autocode', () => {
  it('previews without touching a file, then writes exactly what it previewed, each highlight with its rule', () => {
    const dir = copyOfExample();
    const before = fingerprint(dir);
    const text = sift(['autocode', dir, '--speaker', 'p03', '--tag', 'participant-voice', '--dry-run']);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^Would code 16 passages in 1 transcript with participant-voice \(speaker: p03\):\n  transcripts\/interviews\/p03\.md: 16\n    “Yes, yes\. She knows more about the paperwork than me\./);
    assert.match(text.stdout, /New tags: participant-voice\nDry run: nothing was written\.\n$/);
    const json = sift(['autocode', dir, '--speaker', 'p03', '--tag', 'participant-voice', '--dry-run', '--format', 'json']);
    const preview = JSON.parse(json.stdout) as { count: number; written: boolean; passages: { quote: string; start: number; end: number }[] };
    assert.equal(preview.count, 16);
    assert.equal(preview.written, false);
    assert.deepEqual(fingerprint(dir), before);

    const run = sift(['autocode', dir, '--speaker', 'p03', '--tag', 'participant-voice']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Written: 2 files\./);
    const written = (parse(readFileSync(path.join(dir, P03), 'utf8')) as { highlights: { quote: string; start: number; end: number; tags: string[]; assisted?: object }[] }).highlights.filter((h) => h.assisted);
    assert.deepEqual(
      written.map((h) => [h.start, h.end, h.quote]),
      preview.passages.map((p) => [p.start, p.end, p.quote]),
    );
    for (const h of written) assert.deepEqual(h.assisted, { by: 'autocode', rule: 'speaker: p03' });
    assert.equal(sift(['check', dir]).code, 0);

    const again = sift(['autocode', dir, '--speaker', 'P03', '--tag', 'participant-voice']);
    assert.equal(again.code, 1);
    assert.equal(again.stderr.trim(), 'sift: Nothing new to code: all 16 passage(s) the rule finds are already coded with that tag. Nothing was written.');
  });

  it('exits 1 with a sentence when nothing matches, 2 for an invalid pattern or no rule, touching no file', () => {
    const dir = copyOfExample();
    const before = fingerprint(dir);
    const none = sift(['autocode', dir, '--match', 'zebra crossing', '--tag', 'x']);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /^sift: No passage matches "zebra crossing" in \d+ transcript\(s\) \(accents and case ignored\)\. Nothing was written\.$/m);
    const invalid = sift(['autocode', dir, '--match', '(wait', '--regex', '--tag', 'x']);
    assert.equal(invalid.code, 2);
    assert.match(invalid.stderr, /^sift: "\(wait" is not a valid regular expression: Unterminated group\./);
    const noRule = sift(['autocode', dir, '--tag', 'x']);
    assert.equal(noRule.code, 2);
    assert.match(noRule.stderr, /Say what to code: --speaker NAME, --match PATTERN or --by-question\./);
    assert.deepEqual(fingerprint(dir), before);
  });

  it("the report's method says how much was coded by hand: none when the rule coded everything", () => {
    const dir = path.join(tempDir(), 'study');
    assert.equal(sift(['init', dir]).code, 0);
    for (const id of ['P01', 'P02']) writeFileSync(path.join(dir, 'transcripts', `${id}.md`), `---\nparticipant: ${id}\n---\n\nInterviewer: How was it?\n\n${id}: The wait was long.\n`);
    assert.equal(sift(['autocode', dir, '--match', 'wait', '--tag', 'waiting']).code, 0);
    const report = sift(['report', dir]);
    assert.equal(report.code, 0, report.stderr);
    assert.match(report.stdout, /\n- \*\*Assisted coding:\*\* 2 highlights of 2 were coded with assistance: 2 by the auto-code rule “match: wait”, accepted as a whole from its preview\. None was coded by hand\.\n/);
  });
});
