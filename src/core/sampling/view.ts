/**
 * What the coverage panel shows, as data: each group against its target with every figure
 * already written (by sampling-summary.ts and format.ts, as `sift stats` and the report write
 * them). Built here rather than in the extension so a test can hold the three side by side.
 */
import type { CoverageAttributeView, CoverageMessage } from '../../protocol/analysis';
import { adviceText, gapText, haveText, samplingMethod, samplingSentences, targetText, wantedText } from '../sampling-summary';
import type { Workspace } from '../workspace/workspace';
import { countedParticipants, samplingCoverage } from './coverage';

export function coverageView(ws: Workspace): Pick<CoverageMessage, 'participants' | 'attributes' | 'summary' | 'method'> {
  const rows = samplingCoverage(ws);
  const participants = countedParticipants(ws).length;
  const attributes: CoverageAttributeView[] = [];
  for (const r of rows) {
    let group = attributes.find((a) => a.attribute === r.attribute);
    if (!group) attributes.push((group = { attribute: r.attribute, values: [] }));
    group.values.push({
      value: r.value,
      remainder: r.remainder,
      unit: r.unit,
      target: r.target,
      actual: r.actual,
      count: r.count,
      wanted: r.wanted,
      status: r.status,
      gap: r.gap,
      targetText: targetText(r),
      wantedText: wantedText(r),
      haveText: haveText(r, participants),
      gapText: gapText(r),
      adviceText: adviceText(r),
    });
  }
  return { participants, attributes, summary: samplingSentences(rows, participants), method: samplingMethod(rows) };
}
