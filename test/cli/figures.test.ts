/**
 * Every figure reads the same in the CLI, the editor's panels and the report: on one study
 * (a copy of the example with segments written by `sift segments`), the coverage, journey and
 * segment figures printed by the CLI, written in the HTML report and sent to the panels (the
 * payloads the extension posts: coverageView for the analysis panel, journeyView's stages
 * for the journey map) are the same strings, made once by src/core/format.ts.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { journeyView } from '../../src/core/journeys/journey';
import { coverageView } from '../../src/core/sampling/view';
import { openWorkspace } from '../../src/cli/open';
import { cleanupTemps, copyOfExample, sift } from './support';

after(cleanupTemps);

const unescape = (html: string) =>
  html
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");

describe('the same figures in the CLI, the panels and the report', () => {
  it('coverage, journey means and segment shares', async () => {
    const dir = copyOfExample();
    const segments = sift(['segments', dir, '--by', 'tags']);
    assert.equal(segments.code, 0, segments.stderr);
    const stats = sift(['stats', dir]).stdout;
    const md = sift(['report', dir]).stdout;
    const out = path.join(dir, 'report.html');
    assert.equal(sift(['report', dir, '--out', out]).code, 0);
    const html = unescape(readFileSync(out, 'utf8'));
    const { workspace: ws } = await openWorkspace(dir);

    // Coverage: the analysis panel's rows, in `sift stats` and in the HTML report.
    const coverage = coverageView(ws);
    let rows = 0;
    for (const a of coverage.attributes) {
      for (const v of a.values) {
        rows++;
        const cells = [a.attribute, v.value, v.targetText, v.wantedText, v.haveText, v.gapText];
        assert.ok(
          stats.split('\n').some((l) => l.split(/ {2,}/).join('|') === cells.join('|')),
          `sift stats: ${cells.join(' | ')}`,
        );
        for (const text of [v.haveText, `target ${v.targetText}, ${v.wantedText}`, v.gapText]) assert.ok(html.includes(text), `report: ${text}`);
      }
    }
    assert.equal(rows, 9);

    // Journeys: each stage's mean as the journey map shows it, in the CLI's report and the HTML.
    let stages = 0;
    for (const journey of ws.journeys.values()) {
      for (const s of journeyView(ws, journey).stages) {
        if (s.meanText === undefined) continue;
        stages++;
        assert.ok(html.includes(`<div class="value">${s.meanText}</div><div class="name">${s.title}</div>`), `report chart: ${s.title} ${s.meanText}`);
        assert.ok(md.includes(`${s.title} ${s.meanText}`) || md.includes(`| ${s.title} | ${s.meanText} |`), `sift report: ${s.title} ${s.meanText}`);
      }
    }
    assert.ok(stages >= 3, `${stages} stages with a mean`);

    // Segments: each share as `sift segments` printed it, in the report's table.
    const printed = [...segments.stdout.matchAll(/^ {2}(\S+): (\d+) participants \((\d+%) of the total sample\)/gm)];
    assert.equal(printed.length, 2);
    for (const [, value, people, share] of printed) {
      assert.ok(html.includes(`<tr><td>${value}</td><td class="num">${people}</td><td class="num">${share}</td></tr>`), `report: ${value} ${people} ${share}`);
      assert.ok(md.includes(`| ${value} | ${people} | ${share} |`), `sift report: ${value} ${share}`);
    }
  });
});
