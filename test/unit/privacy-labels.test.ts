/**
 * A name written as a speaker label is reported once per transcript (src/core/privacy/label-findings.ts):
 * an interviewer's "Dan:" on every other line was one warning each (416 across the seven real
 * MAXQDA interviews, test/cli/real-study.test.ts). The findings stay, one per label, for redaction.
 */
import * as assert from 'node:assert/strict';
import { detectionContext, detectPersonalData } from '../../src/core/privacy/detect';
import { findingProblem } from '../../src/core/privacy/findings';
import { groupedFindings, reportedFindings } from '../../src/core/privacy/label-findings';
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

describe('the same personal data repeated in one file, for lists (sift pii, sift check)', () => {
  // Comment threads (the NVivo project's YouTube comments) put the author's handle above each comment: 3,546 lines for a few hundred handles.
  const text = 'Comments\n@FanTom77\nFirst, write to me at grace@example.org.\n@Steel9k\nNo.\n@fantom77\nAgain: grace@example.org\n@FanTom77\nThird.\n';
  const findings = detectPersonalData('comments.txt', text, detectionContext());

  it('lists the same words of the same kind in a file once, at the first, with how many times they occur; every finding is kept', () => {
    assert.deepEqual(
      findings.map((f) => [f.kind, f.text, f.line]),
      [
        ['handle', '@FanTom77', 2],
        ['email', 'grace@example.org', 3],
        ['handle', '@Steel9k', 4],
        ['handle', '@fantom77', 6],
        ['email', 'grace@example.org', 7],
        ['handle', '@FanTom77', 8],
      ],
    );
    const listed = groupedFindings(findings, () => undefined);
    assert.deepEqual(
      listed.map((r) => [r.finding.text, r.finding.line, r.finding.column, r.repeats]),
      [
        ['@FanTom77', 2, 1, 3],
        ['grace@example.org', 3, 23, 2],
        ['@Steel9k', 4, 1, undefined],
      ],
    );
    assert.equal(
      findingProblem(listed[0]!.finding, 'warning', listed[0]!.labels, listed[0]!.repeats).message,
      'This looks like a social-media handle or profile link ("@…7", 70% sure), 3 times in this file (the first is here). Pseudonymise it with `sift redact`, which replaces every one, or record a decision in privacy.yaml.',
    );
  });

  it('keeps a speaker label grouped as a label, and the same name in the words apart from it', () => {
    const interview = 'Grace Adeyemi: I rang them.\nI: When?\nGrace Adeyemi: Monday. Grace is my name, they wrote Grace Adeyemi down.\nI: And?\nGrace Adeyemi: Nothing.\n';
    const turns = parseTranscript('t.txt', interview).turns;
    const listed = groupedFindings(detectPersonalData('t.txt', interview, detectionContext()), () => turns);
    assert.deepEqual(
      listed.map((r) => [r.finding.text, r.finding.line, r.labels, r.repeats]),
      [
        ['Grace Adeyemi', 1, 3, undefined],
        ['Grace', 3, undefined, undefined],
        ['Grace Adeyemi', 3, undefined, undefined],
      ],
    );
  });
});
