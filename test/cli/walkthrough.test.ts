/**
 * The README's walk-through for open-ended comments, as a new user takes it, with exact
 * counts: a new study from a sheet of 120 comments with two attribute columns
 * (test/support/comment-sheet.ts), `sift import survey`, `sift check`, sampling targets
 * written in research.yaml, the board's suggestions accepted as themes (the same core calls
 * as the board's Suggest clusters and Accept), then `sift stats` and `sift report` with the
 * themes and the coverage, the same figures in both.
 */
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { suggestUnsorted } from '../../src/core/board/suggest';
import { createTheme } from '../../src/core/board/themes';
import { EditPlan } from '../../src/core/store/plan';
import { openWorkspace } from '../../src/cli/open';
import { commentSheetCounts, commentSheetCsv } from '../support/comment-sheet';
import { cleanupTemps, sift, tempDir } from './support';

after(cleanupTemps);

describe('walk-through: 120 comments to a report with themes and coverage', () => {
  it('imports, suggests, groups and reports with exact counts', async () => {
    const home = tempDir();
    writeFileSync(path.join(home, 'webinar-questions.csv'), commentSheetCsv());
    const study = path.join(home, 'webinar');

    const init = sift(['init', 'webinar', '--name', 'Adaptations webinar Q&A'], home);
    assert.equal(init.code, 0, init.stderr);
    const imported = sift(['import', 'survey', 'webinar-questions.csv', '--into', 'webinar', '--text', 'Comment', '--attributes', 'Age band,Channel'], home);
    assert.equal(imported.code, 0, imported.stderr);
    assert.equal(imported.stdout, 'Imported 120 comments from 120 respondents into transcripts/webinar-questions.md; each is a card in Unsorted on the board.\nparticipants.yaml: 120 added.\n');
    assert.equal(sift(['check', 'webinar'], home).stdout, 'No problems found.\n');

    // The README's targets: the sample planned, age bands as shares of it.
    const research = path.join(study, 'research.yaml');
    writeFileSync(research, readFileSync(research, 'utf8').replace('sampling: {}\n', 'sample: {planned: 120}\nsampling:\n  age-band: {65+: 40%, 35-64: 40%, 18-34: 20%}\n'));
    assert.equal(sift(['check', 'webinar'], home).code, 0);

    // Suggest clusters, then Accept each proposal: what the board does, through the same core.
    const { workspace, fs } = await openWorkspace(study);
    const proposals = suggestUnsorted(workspace);
    assert.deepEqual(
      proposals.map((p) => p.ids.length),
      [15, 15, 15, 15, 15, 15, 15, 15],
      'eight topics of fifteen comments each',
    );
    assert.match(proposals.find((p) => p.title.includes('Phone'))!.reason, /^15 cards mention “phone” \(15 of 15\), “line” \(15 of 15\)/);
    const plan = new EditPlan(fs, workspace.versions);
    for (const p of proposals) await createTheme(plan, workspace, p.title, p.ids);
    await fs.apply(plan.result().edits);
    assert.equal(sift(['check', 'webinar'], home).code, 0);

    const stats = sift(['stats', 'webinar'], home);
    assert.match(stats.stdout, /1 transcript, 120 participants, 120 highlights \(0 orphaned, 0 to confirm\), 8 themes, 0 insights/);
    assert.match(stats.stdout, /\nTags by use\nNo highlight is tagged yet\.\n/);
    const report = sift(['report', 'webinar'], home);
    assert.equal(report.code, 0, report.stderr);
    const md = report.stdout;
    // Eight themes, each with its fifteen comments from fifteen respondents.
    assert.equal(md.match(/^\*Evidence:\* 15 highlights from 15 participants in 1 transcript\./gm)?.length, 8);
    for (const p of proposals) assert.ok(md.includes(`\n### ${p.title}\n`), `theme ${p.title}`);
    // Coverage in whole people against the planned 120, from the sheet's own counts.
    const { ageBand } = commentSheetCounts();
    assert.deepEqual(ageBand, { '18-34': 20, '35-64': 40, '65+': 60 });
    const rows = [
      ['65+', '40% of the sample', '48 of 120 planned', '60 of 120 (50%)', '12 over'],
      ['35-64', '40% of the sample', '48 of 120 planned', '40 of 120 (33%)', '8 short'],
      ['18-34', '20% of the sample', '24 of 120 planned', '20 of 120 (17%)', '4 short'],
    ];
    for (const [value, target, wanted, have, gap] of rows) {
      assert.ok(md.includes(`| age-band | ${value} | ${target} | ${wanted} | ${have} | **${gap}** |`), `report row ${value}`);
      assert.ok(
        stats.stdout.split('\n').some((l) => l.split(/ {2,}/).join('|') === ['age-band', value, target, wanted, have, gap].join('|')),
        `stats row ${value}`,
      );
    }
    assert.match(md, /recruit 8 more people whose age-band is 35-64 to reach 48 of 120 planned/);
    assert.match(md, /- \*\*Participants:\*\* 120\./);
    // Comments arrive untagged: the report says so rather than calling them coded.
    assert.match(md, /^120 participants, 1 transcript; 120 highlights, none tagged\./m);
    assert.match(md, /- \*\*Coding:\*\* 120 highlights, none tagged\.\n/);
  });
});
