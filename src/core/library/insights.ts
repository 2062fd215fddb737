/**
 * Insights of a library: `insights/<id>.yaml` beside library.yaml, in the shape of a study's
 * insight, whose evidence cites highlights of any study as `study-id:h-xxxxxxxx`. Their
 * strength is counted across studies: highlights, distinct participants (a P03 of one study
 * is not the P03 of another), transcripts, and studies — a finding heard in three studies
 * is stronger than one heard three times in one.
 */
import { formatShare } from '../format';
import { evidenceStrength, type EvidenceIndex, type EvidenceStrength } from '../insights/evidence';
import type { Insight } from '../model';
import { problem, type Problem } from '../problems';
import { readYamlOfKind, toInsight } from '../workspace/readers';
import { parseYaml, positionOf } from '../yaml/parse';
import { parseStudyRef, studyRef } from './library';

export const LIBRARY_INSIGHTS_FOLDER = 'insights';

export interface LibraryStrength extends EvidenceStrength {
  /** How many studies the usable evidence comes from. */
  studies: number;
  /** Per study, in the order first cited. */
  perStudy: { study: string; strength: EvidenceStrength }[];
}

/** Reads one library insight file; an evidence entry that names no study (or an unknown one) is an error at its place. */
export function readLibraryInsight(path: string, text: string, studyIds: ReadonlySet<string>): { insight: Insight | undefined; problems: Problem[] } {
  const read = readYamlOfKind('insight', path, text);
  if (!read.value) return { insight: undefined, problems: read.problems };
  const insight = toInsight(path, read.value);
  const problems = [...read.problems];
  const located = insight.evidence.some((ref) => !parseStudyRef(ref) || !studyIds.has(parseStudyRef(ref)!.study)) ? parseYaml(path, text) : undefined;
  insight.evidence.forEach((ref, i) => {
    const parsed = parseStudyRef(ref);
    const at = located && positionOf(located, ['evidence', i]);
    if (!parsed) problems.push(problem(path, at, 'error', 'evidence-without-study', `${ref} names no study: a library's insight cites evidence as study-id:${ref} (one of ${[...studyIds].join(', ')}).`));
    else if (!studyIds.has(parsed.study)) problems.push(problem(path, at, 'error', 'unknown-study', `${ref} cites the study ${parsed.study}, which library.yaml does not list (it lists ${[...studyIds].join(', ')}).`));
  });
  return { insight, problems };
}

/**
 * The strength of cited evidence across studies. A reference to a highlight that is not
 * (any more) in its study is `missing`; one whose participant withdrew is `withdrawn` and
 * not counted, as in a study.
 */
export function libraryStrength(indexes: ReadonlyMap<string, EvidenceIndex>, refs: readonly string[]): LibraryStrength {
  const perStudyIds = new Map<string, string[]>();
  const missing: string[] = [];
  for (const ref of new Set(refs)) {
    const parsed = parseStudyRef(ref);
    if (!parsed || !indexes.has(parsed.study)) {
      missing.push(ref);
      continue;
    }
    perStudyIds.set(parsed.study, [...(perStudyIds.get(parsed.study) ?? []), parsed.highlight]);
  }
  const perStudy = [...perStudyIds].map(([study, ids]) => ({ study, strength: evidenceStrength(indexes.get(study)!, ids) }));
  const sum = (f: (s: EvidenceStrength) => number) => perStudy.reduce((n, s) => n + f(s.strength), 0);
  const highlights = sum((s) => s.highlights);
  const participants = sum((s) => s.participants);
  const top = Math.max(0, ...perStudy.map((s) => s.strength.topParticipantShare * s.strength.highlights));
  return {
    highlights,
    participants,
    transcripts: sum((s) => s.transcripts),
    topParticipantShare: highlights === 0 ? 0 : top / highlights,
    topParticipantShareText: formatShare(highlights === 0 ? 0 : top / highlights),
    level: highlights === 0 ? 'none' : participants <= 1 ? 'one-voice' : participants === 2 ? 'thin' : 'pattern',
    missing: [...missing, ...perStudy.flatMap((s) => s.strength.missing.map((h) => studyRef(s.study, h)))],
    withdrawn: perStudy.flatMap((s) => s.strength.withdrawn.map((h) => studyRef(s.study, h))),
    studies: perStudy.filter((s) => s.strength.highlights > 0).length,
    perStudy,
  };
}

/** `12 highlights from 7 participants in 3 studies`. */
export function describeLibraryStrength(s: LibraryStrength): string {
  const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  return `${count(s.highlights, 'highlight')} from ${count(s.participants, 'participant')} in ${count(s.studies, 'study').replace(/studys$/, 'studies')}`;
}

/** A dangling citation as a problem at its place in the insight file. */
export function missingEvidenceProblems(insight: Insight, text: string, strength: LibraryStrength): Problem[] {
  if (strength.missing.length === 0) return [];
  const parsed = parseYaml(insight.path, text);
  const missing = new Set(strength.missing);
  return insight.evidence.flatMap((ref, i) =>
    missing.has(ref) && parseStudyRef(ref) ? [problem(insight.path, positionOf(parsed, ['evidence', i]), 'error', 'dangling-reference', `The highlight ${ref} does not exist in ${parseStudyRef(ref)!.study}.`)] : [],
  );
}
