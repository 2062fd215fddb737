/**
 * What the personal-data detectors report. A finding is a span of one file's normalised
 * text (code points, half-open, like every offset in Sift) with the kind of personal data
 * it is and how sure the detector is, so an editor can underline it and a redaction can
 * replace it.
 */
import { formatShare } from '../format';
import { problem, type Problem, type Severity } from '../problems';

export type PiiKind = 'name' | 'email' | 'phone' | 'postcode' | 'ni-number' | 'nhs-number' | 'card-number' | 'date-of-birth' | 'address' | 'handle';

export const PII_KINDS: readonly PiiKind[] = ['name', 'email', 'phone', 'postcode', 'ni-number', 'nhs-number', 'card-number', 'date-of-birth', 'address', 'handle'];

/** How a finding was recognised: a fixed pattern, a list of known names, or a guess from context. */
export type PiiBasis = 'pattern' | 'list' | 'context';

export interface PiiFinding {
  /** Workspace-relative path of the file. */
  path: string;
  kind: PiiKind;
  /** The words found, as they are in the file. */
  text: string;
  /** Code points over the file's normalised text, half-open. */
  start: number;
  end: number;
  /** 1-based line and column (in code points) of the start, as editors print them. */
  line: number;
  column: number;
  /** 0–1: how likely this really is personal data. */
  confidence: number;
  basis: PiiBasis;
  /** For a participant's own name: their id, which becomes the pseudonym. */
  participant?: string;
}

/** A finding before it is placed in a file: UTF-16 offsets into the string scanned. */
export interface RawFinding {
  kind: PiiKind;
  start: number;
  end: number;
  confidence: number;
  basis: PiiBasis;
  participant?: string;
}

/** Words a researcher reads for each kind. */
export const KIND_LABELS: Record<PiiKind, string> = {
  name: "a person's name",
  email: 'an email address',
  phone: 'a phone number',
  postcode: 'a postcode',
  'ni-number': 'a National Insurance number',
  'nhs-number': 'an NHS number',
  'card-number': 'a payment card number',
  'date-of-birth': 'a date of birth',
  address: 'a street address',
  handle: 'a social-media handle or profile link',
};

/**
 * A finding as a problem. The words themselves are masked: problems end up in CI logs.
 * `labels`: the finding is the first of the speaker labels naming someone in its transcript,
 * and stands for all of them; `repeats`: the first of the same words in its file, standing
 * for all of them (see label-findings.ts).
 */
export function findingProblem(f: PiiFinding, severity: Severity, labels?: number, repeats?: number): Problem {
  const what = `This looks like ${KIND_LABELS[f.kind]} ("${mask(f.text)}", ${formatShare(f.confidence)} sure)`;
  const message =
    labels !== undefined
      ? `${what}, the speaker label of ${labels} turn${labels === 1 ? '' : 's'} in this transcript (the first is here). Pseudonymise it with \`sift redact\`, which renames every label at once, or record a decision in privacy.yaml.`
      : repeats !== undefined
        ? `${what}, ${repeats} times in this file (the first is here). Pseudonymise it with \`sift redact\`, which replaces every one, or record a decision in privacy.yaml.`
        : `${what}. Pseudonymise it with \`sift redact\`, or reword it.`;
  return problem(f.path, { line: f.line, column: f.column }, severity, 'personal-data', message);
}

/** First and last character only: enough to find it, not enough to read it. */
export function mask(text: string): string {
  const chars = [...text];
  return chars.length <= 3 ? '…' : `${chars[0]}…${chars[chars.length - 1]}`;
}
