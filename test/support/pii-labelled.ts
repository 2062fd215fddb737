/**
 * The labelled synthetic transcripts in test/fixtures/pii: marks stripped, findings
 * measured against them per kind (precision and recall).
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PII_KINDS, type PiiFinding, type PiiKind } from '../../src/core/privacy/findings';
import { scanFiles } from '../../src/core/privacy/scan';
import { parseNamesList } from '../../src/core/privacy/key';

export const FIXTURES = path.join(__dirname, '..', 'fixtures', 'pii');

export interface Label {
  kind: PiiKind;
  /** The document it is in (set by callers that score several documents at once). */
  path?: string;
  start: number;
  end: number;
  text: string;
}

/** The plain text of an annotated transcript and its labels (code-point offsets; the fixtures are BMP-only). */
export function stripMarks(annotated: string): { text: string; labels: Label[] } {
  const labels: Label[] = [];
  let text = '';
  let last = 0;
  const mark = /\[\[([a-z-]+):([^\]]*)\]\]/g;
  for (let m = mark.exec(annotated); m; m = mark.exec(annotated)) {
    text += annotated.slice(last, m.index);
    labels.push({ kind: m[1] as PiiKind, start: text.length, end: text.length + m[2]!.length, text: m[2]! });
    text += m[2];
    last = m.index + m[0].length;
  }
  return { text: text + annotated.slice(last), labels };
}

export interface KindScore {
  kind: PiiKind;
  labelled: number;
  found: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
}

export interface Evaluation {
  perKind: KindScore[];
  overall: KindScore;
  misses: Label[];
  falseAlarms: PiiFinding[];
}

/** Measures the detectors on the annotated transcripts of a folder (the development set by default, or `held-out/`). */
export async function evaluateLabelledSet(dir = FIXTURES): Promise<Evaluation> {
  const files = readdirSync(dir)
    .filter((f) => /\.(md|txt|vtt)$/.test(f) && f !== 'README.md' && f !== 'names.txt')
    .sort();
  const docs = new Map(files.map((f) => [f, stripMarks(readFileSync(path.join(dir, f), 'utf8'))]));
  const findings = await scanFiles(files, async (f) => docs.get(f)?.text, {
    participantIds: Array.from({ length: 20 }, (_, i) => `P${String(i + 1).padStart(2, '0')}`),
    names: parseNamesList(readFileSync(path.join(FIXTURES, 'names.txt'), 'utf8')).map((name) => ({ name, basis: 'list' as const })),
    guessNames: true,
  });
  return scoreFindings(docs, findings);
}

/** Precision and recall of findings against the labels of annotated documents (by file name), per kind and overall. */
export function scoreFindings(docs: ReadonlyMap<string, { labels: Label[] }>, findings: readonly PiiFinding[]): Evaluation {
  const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;
  const misses: Label[] = [];
  const falseAlarms: PiiFinding[] = [];
  const score = (kind: PiiKind | undefined): KindScore => {
    let labelled = 0;
    let found = 0;
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const [file, doc] of docs) {
      const labels = doc.labels.filter((l) => !kind || l.kind === kind);
      const mine = findings.filter((f) => f.path === file && (!kind || f.kind === kind));
      labelled += labels.length;
      found += mine.length;
      for (const l of labels) {
        if (mine.some((f) => f.kind === l.kind && overlaps(f, l))) tp++;
        else {
          fn++;
          if (kind) misses.push({ ...l, path: file });
        }
      }
      for (const f of mine) {
        if (!labels.some((l) => l.kind === f.kind && overlaps(f, l))) {
          fp++;
          if (kind) falseAlarms.push(f);
        }
      }
    }
    const precision = found === 0 ? 1 : (found - fp) / found;
    const recall = labelled === 0 ? 1 : tp / labelled;
    return { kind: kind ?? ('all' as PiiKind), labelled, found, truePositives: tp, falsePositives: fp, falseNegatives: fn, precision, recall };
  };
  return { perKind: PII_KINDS.map(score), overall: score(undefined), misses, falseAlarms };
}
