/**
 * Names written as speaker labels, said once. An interviewer's "Dan:" opens half the lines of
 * a transcript; a warning on each (416 across seven interviews) buries the few names that
 * matter. A label is one decision — pseudonymise the speaker, or accept them — so the first
 * label of each name in a transcript stands for all of them, with their count. The findings
 * themselves stay, one per label: redaction replaces every one.
 */
import type { Turn } from '../model';
import { turnAt } from '../transcripts';
import type { PiiFinding } from './findings';
import { normaliseOriginal } from './pseudonyms';

export interface ReportedFinding {
  finding: PiiFinding;
  /** When the finding is the first label of its name in its transcript: how many turns that label opens there. */
  labels?: number;
  /** When the finding is the first of the same words of its kind in its file (not labels): how many times they occur there. */
  repeats?: number;
}

/**
 * The findings to report: every one, except that the speaker labels of one name in one
 * transcript are reported once, at the first. A finding is a speaker label when it lies in no
 * turn (turns hold the words, never the label) and the turn after it is spoken by that name.
 * `turnsOf` gives a transcript's turns (undefined for a file that is none).
 */
export function reportedFindings(findings: readonly PiiFinding[], turnsOf: (path: string) => readonly Turn[] | undefined): ReportedFinding[] {
  const out: ReportedFinding[] = [];
  const firstLabel = new Map<string, ReportedFinding>();
  for (const finding of findings) {
    const turns = finding.kind === 'name' ? turnsOf(finding.path) : undefined;
    if (!turns || !isSpeakerLabel(finding, turns)) {
      out.push({ finding });
      continue;
    }
    const key = `${finding.path}\n${finding.text}`;
    const first = firstLabel.get(key);
    if (first) first.labels! += 1;
    else {
      const reported = { finding, labels: 1 };
      firstLabel.set(key, reported);
      out.push(reported);
    }
  }
  return out;
}

/**
 * The findings to list (`sift pii`, `sift check`): as `reportedFindings`, and the same words of
 * the same kind repeated in one file said once too, at the first, with how many times. A comment
 * thread puts its author's handle above every comment (3,546 handle lines in the real NVivo
 * project); like a label, the words are one decision — privacy.yaml decides words, not places,
 * and redaction replaces every one. Words compare as decisions compare them (case and spacing
 * ignored). The editor keeps an underline on each mention in the words instead.
 */
export function groupedFindings(findings: readonly PiiFinding[], turnsOf: (path: string) => readonly Turn[] | undefined): ReportedFinding[] {
  const out: ReportedFinding[] = [];
  const first = new Map<string, ReportedFinding>();
  for (const reported of reportedFindings(findings, turnsOf)) {
    if (reported.labels !== undefined) {
      out.push(reported);
      continue;
    }
    const { path, kind, text } = reported.finding;
    const key = `${path}\n${kind}\n${normaliseOriginal(text)}`;
    const earlier = first.get(key);
    if (earlier) earlier.repeats = (earlier.repeats ?? 1) + 1;
    else {
      first.set(key, reported);
      out.push(reported);
    }
  }
  return out;
}

function isSpeakerLabel(finding: PiiFinding, turns: readonly Turn[]): boolean {
  if (turnAt(turns, finding.start) !== undefined) return false;
  return turns[firstTurnFrom(turns, finding.end)]?.speaker === finding.text;
}

/** Index of the first turn starting at or after `offset`. */
function firstTurnFrom(turns: readonly Turn[], offset: number): number {
  let lo = 0;
  let hi = turns.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (turns[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
