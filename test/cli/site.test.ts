/**
 * `sift site` on real folders: the files it writes, byte-identical on a rebuild, never over
 * a folder it did not make, and consent and masking exactly as the report: a withdrawn
 * participant's words (and id) appear in no file, an anonymised participant's only once the
 * study is pseudonymised, a third party's name in a cited passage nowhere.
 * (The site in a real browser: test/webview/site.test.ts.)
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadWorkspace } from '../../src/core/workspace/load';
import { participantOfHighlight } from '../../src/core/workspace/workspace';
import { NodeFileSystem } from '../../src/node/node-fs';
import { cleanupTemps, copyOfExample, EXAMPLE, fingerprint, sift, tempDir } from './support';

after(cleanupTemps);

/** Every file of a built site, path → text. */
function siteFiles(dir: string): Map<string, string> {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.includes('.'));
  return new Map(files.sort().map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
}

/** The words of each highlight a participant spoke, as the study holds them. */
async function quotesOf(study: string, participant: string): Promise<string[]> {
  const { workspace: ws } = await loadWorkspace(new NodeFileSystem(study));
  return [...ws.highlightFiles.values()].flatMap((f) => f.highlights.filter((h) => participantOfHighlight(ws, f.source, h.speaker) === participant).map((h) => h.quote));
}

/** Text as a reader sees it: entities and JSON escapes undone, whitespace as single spaces. */
function plain(text: string): string {
  return text
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\\"/g, '"')
    .replace(/\s+/g, ' ');
}

/** The files holding `quote`, or its first or last 30 characters (a fragment leaks as much). */
function foundIn(files: Map<string, string>, quote: string): string[] {
  const q = plain(quote).trim();
  const parts = [q, q.slice(0, 30), q.slice(-30)].filter((p) => p.length >= 12);
  return [...files].filter(([, content]) => parts.some((p) => plain(content).includes(p))).map(([p]) => p);
}

describe('sift site', function () {
  this.timeout(120_000);

  it('writes the pages of a study, its stylesheet, search page, script and index; and says where to open it', () => {
    const out = path.join(tempDir(), 'site');
    const r = sift(['site', EXAMPLE, '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual([...siteFiles(out).keys()], ['assets/search.js', 'assets/search/study.js', 'assets/site.css', 'index.html', 'insights.html', 'journeys.html', 'personas.html', 'sample.html', 'search.html', 'themes.html']);
    assert.match(r.stdout, new RegExp(`^Wrote a site of 7 pages to ${out.replace(/[/\\]/g, '.')}: open .*index\\.html \\(first page \\d+ KB; search index \\d+ KB, loaded only when searching\\)\\.$`, 'm'));
    const files = siteFiles(out);
    assert.ok(!files.get('assets/search.js')!.includes('sourceMappingURL'), 'no map the site would fetch in vain');
    for (const [p, html] of files) if (p.endsWith('.html')) assert.ok(!/<script>|<style>| on[a-z]+=/.test(html), `${p}: no inline script or style element`);
  });

  it('is byte-identical when rebuilt, from another working folder too', () => {
    const first = path.join(tempDir(), 'site');
    const second = path.join(tempDir(), 'site');
    assert.equal(sift(['site', EXAMPLE, '--out', first]).code, 0);
    assert.equal(sift(['site', '.', '--out', second], EXAMPLE).code, 0);
    assert.deepEqual(fingerprint(second), fingerprint(first));
    // Rebuilt over itself: replaced whole, the same bytes.
    assert.equal(sift(['site', EXAMPLE, '--out', first]).code, 0);
    assert.deepEqual(fingerprint(first), fingerprint(second));
  });

  it('refuses, writing nothing, a folder holding files it did not make; needs --out', () => {
    const out = tempDir();
    writeFileSync(path.join(out, 'thesis.docx'), 'mine');
    const before = fingerprint(out);
    const r = sift(['site', EXAMPLE, '--out', out]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /already holds files that are not a site Sift made, so nothing was written/);
    assert.deepEqual(fingerprint(out), before);
    const usage = sift(['site', EXAMPLE]);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /Give the folder to write the site to with --out/);
  });

  it('honours consent as the report does: withdrawn nowhere, anonymised only once pseudonymised, a named third party masked', async () => {
    const study = copyOfExample();
    const people = path.join(study, 'participants.yaml');
    writeFileSync(people, readFileSync(people, 'utf8').replace('consent: {by: participant, date: 2026-02-24, scope: verbatim}', 'consent: {by: participant, date: 2026-02-24, scope: withdrawn}'));
    // The diary's call log names a third party (Precious); cite it where it would be the only quote.
    const theme = path.join(study, 'themes', 'making-do-while-waiting.yaml');
    writeFileSync(theme, readFileSync(theme, 'utf8').replace('highlights: [h-cb54hccq,', 'highlights: [h-3y2jzw3t, h-cb54hccq,'));
    const out = path.join(tempDir(), 'site');
    const r = sift(['site', study, '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /the site leaves out what they affect/, 'the withdrawn participant is still cited: said, and worked around');
    const files = siteFiles(out);

    const withdrawn = await quotesOf(study, 'P01');
    assert.equal(withdrawn.length, 10, "P01's highlights in the example");
    for (const q of withdrawn) assert.deepEqual(foundIn(files, q), [], `P01 withdrew: “${q}”`);
    assert.deepEqual(
      [...files].filter(([, c]) => /\bP01\b/.test(c)).map(([p]) => p),
      [],
      'not even their id',
    );
    assert.deepEqual(
      [...files].filter(([, c]) => c.includes('Precious')).map(([p]) => p),
      [],
      'the third party is masked or not quoted',
    );

    const anonymised = await quotesOf(study, 'P06');
    assert.ok(anonymised.length > 0);
    for (const q of anonymised) assert.deepEqual(foundIn(files, q), [], `P06 agreed only to anonymised quotes, and the study is not pseudonymised: “${q}”`);
    assert.match(files.get('sample.html')!, /Consent: 7 verbatim, 3 anonymised, 1 analysis-only\./);
    assert.match(files.get('sample.html')!, /after 1 participant who withdrew consent/);

    // Once the team marks the transcripts pseudonymised (after `sift redact`), anonymised words may be shown.
    const research = path.join(study, 'research.yaml');
    writeFileSync(research, `${readFileSync(research, 'utf8')}\nprivacy: {pseudonymised: true}\n`);
    const again = path.join(tempDir(), 'site');
    assert.equal(sift(['site', study, '--out', again]).code, 0);
    const shown = siteFiles(again);
    assert.ok(
      anonymised.some((q) => foundIn(shown, q).length > 0),
      'some words of P06 shown once pseudonymised',
    );
    for (const q of withdrawn) assert.deepEqual(foundIn(shown, q), [], `still nothing of P01: “${q}”`);
  });
});
