/**
 * Decisions that last: a researcher looks at a finding once and says it is not personal data
 * (a product called "Alexa", a street that is only a landmark) or that it is, but may stay
 * (a public figure, an organisation's switchboard). The decisions live in a small reviewable
 * YAML file in the study (`privacy.yaml` by default), so they are shared and diffed like the
 * rest of the analysis, and a decided finding never warns again.
 *
 * A decision names the words and their kind (and, optionally, the one file it is about), not
 * an offset: it survives edits to the transcript, and it reads well in a pull request. The
 * words are only ever ones the researcher judged safe to keep in git.
 */
import { isMap, isSeq, parseDocument, type YAMLSeq } from 'yaml';
import type { PiiFinding, PiiKind } from './findings';
import { PII_KINDS } from './findings';
import { normaliseOriginal } from './pseudonyms';
import { problem, type Problem } from '../problems';
import { parseYaml, positionOf } from '../yaml/parse';

export type DecisionVerdict = 'not-personal-data' | 'accepted';
export const DECISION_VERDICTS: readonly DecisionVerdict[] = ['not-personal-data', 'accepted'];

export interface PrivacyDecision {
  /** The words found, as `sift pii` shows them (compared ignoring case and spacing). */
  text: string;
  /** Only findings of this kind; every kind when absent. */
  kind?: PiiKind;
  /** Only in this file; in every file when absent. */
  path?: string;
  decision: DecisionVerdict;
  note?: string;
  by?: string;
  date?: string;
}

/** Reads a decisions file. A wrong entry is reported where it is written and left out; the rest still count. */
export function parseDecisions(path: string, text: string): { decisions: PrivacyDecision[]; problems: Problem[] } {
  const parsed = parseYaml(path, text);
  const problems = [...parsed.problems];
  const decisions: PrivacyDecision[] = [];
  if (!parsed.doc) return { decisions, problems };
  const list = isMap(parsed.doc.contents) ? parsed.doc.contents.get('decisions', true) : undefined;
  if (list === undefined || list === null) return { decisions, problems };
  if (!isSeq(list)) {
    problems.push(problem(path, positionOf(parsed, ['decisions']), 'error', 'decisions-shape', 'decisions: should be a list of entries, each with text: and decision:.'));
    return { decisions, problems };
  }
  list.items.forEach((item, i) => {
    const raw: unknown = isMap(item) ? item.toJSON() : undefined;
    const at = (key?: string) => positionOf(parsed, key ? ['decisions', i, key] : ['decisions', i]);
    if (!raw || typeof raw !== 'object') return void problems.push(problem(path, at(), 'error', 'decisions-shape', 'Each decision is a map with text: (the words found) and decision: (not-personal-data or accepted).'));
    const d = raw as Record<string, unknown>;
    if (typeof d.text !== 'string' || d.text.trim() === '') return void problems.push(problem(path, at('text'), 'error', 'decisions-text', 'A decision needs text: — the words `sift pii` found, as it shows them.'));
    if (!DECISION_VERDICTS.includes(d.decision as DecisionVerdict)) {
      return void problems.push(
        problem(path, at('decision'), 'error', 'decisions-verdict', `decision: should be not-personal-data (these words are not about a person) or accepted (they are, and may stay), not ${JSON.stringify(d.decision ?? null)}.`),
      );
    }
    if (d.kind !== undefined && !PII_KINDS.includes(d.kind as PiiKind)) {
      return void problems.push(problem(path, at('kind'), 'error', 'decisions-kind', `kind: should be one of ${PII_KINDS.join(', ')}, not ${JSON.stringify(d.kind)}.`));
    }
    decisions.push({
      text: d.text,
      decision: d.decision as DecisionVerdict,
      ...(typeof d.kind === 'string' ? { kind: d.kind as PiiKind } : {}),
      ...(typeof d.path === 'string' ? { path: d.path } : {}),
      ...(typeof d.note === 'string' ? { note: d.note } : {}),
      ...(typeof d.by === 'string' ? { by: d.by } : {}),
      ...(typeof d.date === 'string' ? { date: String(d.date) } : {}),
    });
  });
  return { decisions, problems };
}

/** The decision that covers a finding, if any (one in the finding's own file before one for every file). */
export function decisionFor(f: Pick<PiiFinding, 'path' | 'kind' | 'text'>, decisions: readonly PrivacyDecision[]): PrivacyDecision | undefined {
  const words = normaliseOriginal(f.text).replace(/['’]s$/, '');
  const matches = decisions.filter((d) => (d.kind === undefined || d.kind === f.kind) && normaliseOriginal(d.text) === words && (d.path === undefined || d.path === f.path));
  return matches.find((d) => d.path !== undefined) ?? matches[0];
}

/** Findings split into those still open and those a decision sets aside. */
export function applyDecisions<F extends Pick<PiiFinding, 'path' | 'kind' | 'text'>>(findings: readonly F[], decisions: readonly PrivacyDecision[]): { open: F[]; setAside: F[] } {
  const open: F[] = [];
  const setAside: F[] = [];
  for (const f of findings) (decisionFor(f, decisions) ? setAside : open).push(f);
  return { open, setAside };
}

/**
 * The decisions file's text with one more decision, through the document API so the
 * researcher's comments and order survive. A new file starts with a comment saying what it is.
 */
export function withDecision(text: string | undefined, d: PrivacyDecision): string {
  const doc = parseDocument(text ?? DECISIONS_HEADER);
  if (!isSeq(doc.get('decisions'))) doc.set('decisions', doc.createNode([]));
  const entry: Record<string, string> = { text: d.text };
  if (d.kind) entry.kind = d.kind;
  if (d.path) entry.path = d.path;
  entry.decision = d.decision;
  for (const k of ['note', 'by', 'date'] as const) if (d[k]) entry[k] = d[k]!;
  (doc.get('decisions') as YAMLSeq).add(doc.createNode(entry));
  return doc.toString();
}

const DECISIONS_HEADER = `# Decisions about possible personal data that \`sift pii\` found: each one is set aside
# from then on. decision: not-personal-data (the words are not about a person) or
# accepted (they are, and may stay: a public figure). Reviewed in git like the analysis.
decisions: []
`;
