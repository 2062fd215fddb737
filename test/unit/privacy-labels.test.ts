/**
 * A name written as a speaker label is reported once per transcript (src/core/privacy/label-findings.ts):
 * an interviewer's "Dan:" on every other line was one warning each (416 across the seven real
 * MAXQDA interviews, test/cli/real-study.test.ts). The findings stay, one per label, for redaction.
 */
import * as assert from 'node:assert/strict';
import { detectionContext, detectPersonalData } from '../../src/core/privacy/detect';
import { findingProblem } from '../../src/core/privacy/findings';
import { reportedFindings } from '../../src/core/privacy/label-findings';
import { parseTranscript } from '../../src/core/transcripts';

describe('personal data in speaker labels', () => {
  const text = 'Grace Adeyemi: I rang them.\nI: When?\nGrace Adeyemi: Monday. Grace is my name, they wrote Grace Adeyemi down.\nI: And?\nGrace Adeyemi: Nothing.\n';
  const turns = parseTranscript('t.txt', text).turns;
  const findings = detectPersonalData('t.txt', text, detectionContext());

  it('keeps a finding for every label and every mention, and reports the labels of one name once, at the first, with their count', () => {
    assert.deepEqual(
      findings.map((f) => [f.text, f.line]),
      [
        ['Grace Adeyemi', 1],
        ['Grace Adeyemi', 3],
        ['Grace', 3],
        ['Grace Adeyemi', 3],
        ['Grace Adeyemi', 5],
      ],
    );
    const reported = reportedFindings(findings, () => turns);
    assert.deepEqual(
      reported.map((r) => [r.finding.text, r.finding.line, r.finding.column, r.labels]),
      [
        ['Grace Adeyemi', 1, 1, 3],
        ['Grace', 3, 24, undefined],
        ['Grace Adeyemi', 3, 53, undefined],
      ],
    );
    assert.equal(
      findingProblem(reported[0]!.finding, 'warning', reported[0]!.labels).message,
      'This looks like a person\'s name ("G…i", 80% sure), the speaker label of 3 turns in this transcript (the first is here). Pseudonymise it with `sift redact`, which renames every label at once, or record a decision in privacy.yaml.',
    );
  });

  it('reports every finding of a file that is no transcript (a YAML note) on its own', () => {
    assert.equal(reportedFindings(findings, () => undefined).length, findings.length);
  });
});
