/**
 * Matrices of the coding, for heatmaps and spreadsheets: tag × participant, tag ×
 * attribute value, tag × tag co-occurrence, and tag × time (week of the study, phase) and
 * tag × kind of source. Each cell counts highlights and keeps the
 * ids behind the count, so a view can open the quotes of a cell. Withdrawn participants'
 * highlights are not counted (see the evidence index).
 */
import { renderCsv } from './exchange/csv';
import { highlightDate, phaseOf, studyCalendar, weekLabel, weekOf } from './diaries/calendar';
import { indexEvidence, type Evidence, type EvidenceIndex } from './insights/evidence';
import { kindLabel, kindOf, orderKinds } from './sources/kinds';
import type { Workspace } from './workspace/workspace';

export type MatrixKind = 'tag-participant' | 'tag-attribute' | 'tag-tag' | 'tag-week' | 'tag-phase' | 'tag-kind';
export const MATRIX_KINDS: readonly MatrixKind[] = ['tag-participant', 'tag-attribute', 'tag-tag', 'tag-week', 'tag-phase', 'tag-kind'];

export interface Axis {
  id: string;
  label: string;
}

export interface MatrixCell {
  row: number;
  column: number;
  /** Highlight ids, in the order met (transcript files by path, highlights by position). */
  highlights: string[];
  /** Distinct participants behind them: a dark cell from one talkative participant is not a pattern. */
  participants: number;
}

export interface Matrix {
  kind: MatrixKind;
  title: string;
  rows: Axis[];
  columns: Axis[];
  /** counts[row][column]: highlights in the cell. */
  counts: number[][];
  /** The non-empty cells, row by row. */
  cells: MatrixCell[];
  /** The largest count, for scaling a heatmap. */
  max: number;
  /** Highlights with tags that no column could take (no known participant, or no value for the attribute). */
  unplaced: number;
}

/** Value of a participant attribute that is not recorded. */
export const NOT_RECORDED = '(not recorded)';

export function tagByParticipant(ws: Workspace, index: EvidenceIndex = indexEvidence(ws)): Matrix {
  return build(
    ws,
    index,
    'tag-participant',
    'Tags by participant',
    index.participants.map((id) => ({ id, label: id })),
    (e) => (e.participant === undefined ? [] : [e.participant]),
  );
}

export function tagByAttribute(ws: Workspace, attribute: string, index: EvidenceIndex = indexEvidence(ws)): Matrix {
  const byId = new Map(ws.participants.map((p) => [p.id, p]));
  const valueOf = (participant: string | undefined) => {
    const v = participant === undefined ? undefined : byId.get(participant)?.attributes[attribute];
    return v === undefined ? NOT_RECORDED : String(v);
  };
  const declared = ws.project?.attributes[attribute]?.values ?? [];
  const held = new Set(index.participants.map(valueOf));
  const values = [...declared, ...[...held].filter((v) => !declared.includes(v) && v !== NOT_RECORDED).sort(), ...(held.has(NOT_RECORDED) ? [NOT_RECORDED] : [])];
  return build(
    ws,
    index,
    'tag-attribute',
    `Tags by ${attribute}`,
    values.map((v) => ({ id: v, label: v })),
    (e) => (e.participant === undefined ? [] : [valueOf(e.participant)]),
  );
}

export function tagCooccurrence(ws: Workspace, index: EvidenceIndex = indexEvidence(ws)): Matrix {
  const tags = usedTags(ws, index);
  return build(ws, index, 'tag-tag', 'Tags used together', tags, (e) => [...new Set(e.highlight.tags)], tags);
}

/** Tags × weeks of the study, each highlight in the week of its date (its diary entry's, else its source's). */
export function tagByWeek(ws: Workspace, index: EvidenceIndex = indexEvidence(ws)): Matrix {
  const calendar = studyCalendar(ws);
  const weeks = Array.from({ length: calendar.weeks }, (_, i) => ({ id: String(i + 1), label: weekLabel(i + 1) }));
  return build(ws, index, 'tag-week', 'Tags by week of the study', weeks, (e) => {
    const week = weekOf(calendar, highlightDate(ws, e.source, e.highlight));
    return week === undefined ? [] : [String(week)];
  });
}

/** Tags × the study's phases (research.yaml `phases:`), in their order. */
export function tagByPhase(ws: Workspace, index: EvidenceIndex = indexEvidence(ws)): Matrix {
  const calendar = studyCalendar(ws);
  return build(
    ws,
    index,
    'tag-phase',
    'Tags by phase of the study',
    calendar.phases.map((p) => ({ id: p.id, label: p.label })),
    (e) => {
      const phase = phaseOf(calendar, highlightDate(ws, e.source, e.highlight));
      return phase ? [phase.id] : [];
    },
  );
}

/** Tags × kinds of source (interview, diary, inspection visit …), in the study's order of kinds. */
export function tagByKind(ws: Workspace, index: EvidenceIndex = indexEvidence(ws)): Matrix {
  const kindOfSource = (source: string) => {
    const t = ws.transcripts.get(source);
    return t ? kindOf(t) : undefined;
  };
  const kinds = orderKinds(ws.project, [...ws.transcripts.values()].map(kindOf));
  return build(
    ws,
    index,
    'tag-kind',
    'Tags by kind of source',
    kinds.map((k) => ({ id: k, label: kindLabel(ws.project, k) })),
    (e) => {
      const kind = kindOfSource(e.source);
      return kind === undefined ? [] : [kind];
    },
  );
}

/** Tags used by at least one counted highlight: codebook order, then unknown tags sorted. */
function usedTags(ws: Workspace, index: EvidenceIndex): Axis[] {
  const used = new Set<string>();
  for (const e of index.byId.values()) for (const t of e.highlight.tags) used.add(t);
  const known = ws.codebook.filter((t) => used.has(t.id)).map((t) => ({ id: t.id, label: t.label }));
  const ids = new Set(known.map((t) => t.id));
  return [
    ...known,
    ...[...used]
      .filter((t) => !ids.has(t))
      .sort()
      .map((t) => ({ id: t, label: t })),
  ];
}

function build(ws: Workspace, index: EvidenceIndex, kind: MatrixKind, title: string, columns: Axis[], columnsOf: (e: Evidence) => string[], rows = usedTags(ws, index)): Matrix {
  const rowOf = new Map(rows.map((r, i) => [r.id, i]));
  const columnOf = new Map(columns.map((c, i) => [c.id, i]));
  const ids: string[][][] = rows.map(() => columns.map(() => []));
  const participantOf = (id: string) => index.byId.get(id)?.participant;
  let unplaced = 0;
  for (const e of index.byId.values()) {
    if (e.highlight.tags.length === 0) continue;
    const cols = columnsOf(e)
      .map((c) => columnOf.get(c))
      .filter((c): c is number => c !== undefined);
    if (cols.length === 0) {
      unplaced++;
      continue;
    }
    for (const t of new Set(e.highlight.tags)) {
      const r = rowOf.get(t);
      if (r !== undefined) for (const c of cols) ids[r]![c]!.push(e.highlight.id);
    }
  }
  const cells: MatrixCell[] = [];
  let max = 0;
  const counts = ids.map((row, r) =>
    row.map((highlights, column) => {
      if (highlights.length > 0) cells.push({ row: r, column, highlights, participants: new Set(highlights.map(participantOf).filter((p) => p !== undefined)).size });
      max = Math.max(max, highlights.length);
      return highlights.length;
    }),
  );
  return { kind, title, rows, columns, counts, cells, max, unplaced };
}

/** The matrix of a kind; tag × attribute value needs the attribute. */
export function matrixOf(ws: Workspace, kind: MatrixKind, attribute?: string, index: EvidenceIndex = indexEvidence(ws)): Matrix {
  if (kind === 'tag-participant') return tagByParticipant(ws, index);
  if (kind === 'tag-tag') return tagCooccurrence(ws, index);
  if (kind === 'tag-week') return tagByWeek(ws, index);
  if (kind === 'tag-phase') return tagByPhase(ws, index);
  if (kind === 'tag-kind') return tagByKind(ws, index);
  if (attribute === undefined) throw new Error('A tag × attribute matrix needs an attribute.');
  return tagByAttribute(ws, attribute, index);
}

/** The matrix as CSV: a header of column labels, then one row per tag with its counts. */
export function matrixCsv(m: Matrix, options: { bom?: boolean; guardFormulas?: boolean } = {}): string {
  return renderCsv([['tag', 'label', ...m.columns.map((c) => c.label)], ...m.rows.map((r, i) => [r.id, r.label, ...m.counts[i]!])], options);
}
