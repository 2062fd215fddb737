/**
 * `npm run bench:anchoring-golden -- <name> [<other name>]`: every anchoring result of the
 * bench (the synthetic and real transcripts at every edit rate, with and without the old
 * text, and the long transcript at 10 %) written one line per highlight to
 * bench/.work/anchoring-golden-<name>.txt; given a second name, the lines that differ from
 * that earlier run are printed and the exit code is 1 when any does. A change meant only to
 * make anchoring faster must leave every line as it was.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { anchorHighlights } from '../src/core/anchoring/anchor';
import { longCase, realCases, syntheticCases, type AnchoringCase } from './anchoring-corpus';
import { EDIT_RATES, editsFor } from './anchoring';

const SEED = 7;

function lines(corpus: string, cases: readonly AnchoringCase[], rates: readonly number[]): string[] {
  const out: string[] = [];
  for (const rate of rates) {
    cases.forEach((c, i) => {
      const edit = editsFor(c, rate, i);
      for (const [how, oldText] of [
        ['quote', undefined],
        ['old', edit.oldText],
      ] as const) {
        for (const r of anchorHighlights({ text: edit.newText, oldText, highlights: c.highlights })) {
          out.push(`${corpus} ${rate} ${c.source} ${how} ${r.id}\t${r.state} ${r.start}-${r.end} ${r.confidence.toFixed(6)} ${r.reason}`);
        }
      }
    });
  }
  return out;
}

async function main(): Promise<void> {
  const [name, against] = process.argv.slice(2);
  if (!name) throw new Error('usage: anchoring-golden <name> [<earlier name>]');
  // The bundled script runs from bench/.work/.
  const work = __dirname;
  const file = (n: string) => path.join(work, `anchoring-golden-${n}.txt`);
  const all = [...lines('synthetic', syntheticCases(100, SEED), EDIT_RATES), ...lines('real', realCases(SEED), EDIT_RATES), ...lines('long', [longCase(SEED)], [0.1])];
  await fsp.mkdir(work, { recursive: true });
  await fsp.writeFile(file(name), `${all.join('\n')}\n`);
  console.log(`${all.length} results written to ${path.relative(process.cwd(), file(name))}`);
  if (!against) return;
  const before = (await fsp.readFile(file(against), 'utf8')).trimEnd().split('\n');
  let differ = 0;
  for (let i = 0; i < Math.max(before.length, all.length); i++) {
    if (before[i] === all[i]) continue;
    if (++differ <= 20) console.log(`- ${before[i] ?? '(none)'}\n+ ${all[i] ?? '(none)'}`);
  }
  console.log(differ === 0 ? `identical to ${against}` : `${differ} of ${all.length} results differ from ${against}`);
  if (differ > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
