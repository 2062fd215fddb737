/**
 * A workspace as a REFI-QDA project (`project.qde` plus its `sources/`).
 *
 * What goes where:
 * - tags → `CodeBook` codes, nested by `parent`, all codable, with colour and description;
 * - participants → `Cases`; research.yaml attributes (and any others participants carry) →
 *   `Variables` with one `VariableValue` per participant; a case lists its transcripts;
 * - transcripts → `TextSource`s whose internal `.txt` is the transcript's normalised text
 *   (BOM dropped, `\n` line ends) **exactly**, front matter included, because highlight
 *   offsets count over that whole text: positions then need no conversion at all;
 * - highlights → `PlainTextSelection`s (code points, end exclusive) with one `Coding` per
 *   tag and the coder as `creatingUser`; memos → `Notes` referenced from the selection;
 * - themes, insights, personas, journeys → `Notes` with their text; themes and personas
 *   also → `Sets` of the transcripts (and the note) they draw on. Their links to single
 *   highlights cannot be held by REFI and are reported as lost.
 *
 * GUIDs are UUIDv5 of stable keys and no timestamps are written, so exporting an
 * unchanged workspace twice gives identical bytes.
 */
import { slugify } from '../ids';
import type { Highlight, HighlightsFile, Participant } from '../model';
import type { IFileSystem } from '../ports';
import { problem, type Problem } from '../problems';
import { readText } from '../workspace/load';
import { participantsOfTranscript, type Workspace } from '../workspace/workspace';
import { guidsFor } from './guid';
import { LossReport, type Loss } from './losses';
import { codeElements, tagChildren } from './codes';
import { withdrawnData } from './withdrawn';
import { el, renderXml, textEl, type XmlElement } from './xml';

export const PROJECT_NAMESPACE = 'urn:QDA-XML:project:1.0';
export const PROJECT_SCHEMA_LOCATION = 'urn:QDA-XML:project:1.0 http://schema.qdasoftware.org/versions/Project/v1.0/Project.xsd';

export interface ProjectExport {
  /** The text of `project.qde`. */
  xml: string;
  /** Internal sources: `sources/<guid>.txt` → UTF-8 text. */
  sources: { path: string; text: string }[];
  losses: Loss[];
  problems: Problem[];
}

/** REFI's limit on one internal file (§8.5), in UTF-8 bytes. */
const MAX_INTERNAL_FILE = 2_147_483_647;

export async function exportProject(ws: Workspace, fs: IFileSystem): Promise<ProjectExport> {
  const name = ws.project?.name ?? 'Sift project';
  const guid = guidsFor(name).of;
  const losses = new LossReport();
  const problems: Problem[] = [];
  const tagIds = new Set(ws.codebook.map((t) => t.id));
  // Themes, insights and personas name highlights by id: one index, so a large study costs one pass.
  const withdrawn = withdrawnData(ws);
  const highlightsById = new Map<string, { highlight: Highlight; source: string }>();
  for (const f of ws.highlightFiles.values()) for (const h of f.highlights) if (!withdrawn.highlights.has(h.id)) highlightsById.set(h.id, { highlight: h, source: f.source });
  losses.add('withdrawn consent', 'Transcripts, highlights and cases of participants who withdrew consent are left out (see `sift check`).', withdrawn.transcripts.size + withdrawn.highlights.size + withdrawn.participants.size);
  const quotes = (ids: readonly string[]) => quotesOf(highlightsById, ids);
  const filesBySource = new Map<string, HighlightsFile[]>();
  for (const f of ws.highlightFiles.values()) filesBySource.set(f.source, [...(filesBySource.get(f.source) ?? []), f]);

  const coders = [...new Set([...highlightsById.values()].map(({ highlight }) => highlight.coder).filter((c): c is string => !!c))].sort();
  const users =
    coders.length > 0
      ? el(
          'Users',
          [],
          coders.map((c) =>
            el('User', [
              ['guid', guid('user', c)],
              ['name', c],
            ]),
          ),
        )
      : undefined;
  const userOf = (h: Highlight) => (h.coder ? guid('user', h.coder) : undefined);

  const codebook =
    ws.codebook.length > 0
      ? el(
          'CodeBook',
          [],
          [
            el(
              'Codes',
              [],
              codeElements(tagChildren(ws.codebook), (t) => guid('code', t.id)),
            ),
          ],
        )
      : undefined;
  losses.add('tag aliases', 'REFI codes have no aliases; they are left out.', ws.codebook.filter((t) => t.aliases?.length).length);
  losses.add('tag ids', 'REFI codes have names only; importing gives each tag an id made from its label.', ws.codebook.filter((t) => t.id !== slugify(t.label)).length);

  const variables = variableTypes(ws);
  const variablesEl =
    variables.size > 0
      ? el(
          'Variables',
          [],
          [...variables].map(([v, type]) =>
            el(
              'Variable',
              [
                ['guid', guid('variable', v)],
                ['name', v],
                ['typeOfVariable', type],
              ],
              [describeVariable(ws, v)],
            ),
          ),
        )
      : undefined;
  losses.add('sampling targets', 'REFI has no sampling targets; they stay in research.yaml only.', Object.keys(ws.project?.sampling ?? {}).length);
  losses.add('consent records', 'REFI cases have no consent; consent stays in participants.yaml only.', ws.participants.filter((p) => p.consent).length);

  // Transcripts, sorted by path, each with its text exactly as the offsets count it.
  const sources: ProjectExport['sources'] = [];
  const sourceEls: XmlElement[] = [];
  const notes: XmlElement[] = [];
  const transcriptsOf = new Map<string, string[]>();
  for (const path of [...ws.transcripts.keys()].sort()) {
    if (withdrawn.transcripts.has(path)) continue;
    const text = await readText(fs, path);
    if (text === undefined) {
      problems.push(problem(path, undefined, 'error', 'export-unreadable', `${path} could not be read as UTF-8 text, so it is not in the export.`));
      continue;
    }
    if (utf8Length(text) > MAX_INTERNAL_FILE) {
      problems.push(problem(path, undefined, 'error', 'export-too-large', `${path} is larger than the 2 GB a REFI-QDA internal file may hold, so it is not in the export.`));
      continue;
    }
    const sourceGuid = guid('source', path);
    sources.push({ path: `sources/${sourceGuid}.txt`, text });
    for (const p of participantsOfTranscript(ws, path)) transcriptsOf.set(p, [...(transcriptsOf.get(p) ?? []), sourceGuid]);
    const selections = placed(ws, filesBySource.get(path) ?? [], withdrawn.highlights).flatMap(({ highlight: h, start, end }) => {
      const codings = h.tags
        .filter((t) => tagIds.has(t))
        .map((t) =>
          el(
            'Coding',
            [
              ['guid', guid('coding', `${h.id}:${t}`)],
              ['creatingUser', userOf(h)],
            ],
            [el('CodeRef', [['targetGUID', guid('code', t)]])],
          ),
        );
      losses.add('unknown tags on highlights', 'Tags not in the codebook have no REFI code; those codings are left out.', h.tags.length - codings.length);
      const memo = h.note ? guid('memo', h.id) : undefined;
      if (memo) notes.push(note(memo, `Memo: ${clip(h.quote)}`, h.note!));
      return [
        el(
          'PlainTextSelection',
          [
            ['guid', guid('selection', h.id)],
            ['name', h.quote],
            ['startPosition', start],
            ['endPosition', end],
            ['creatingUser', userOf(h)],
          ],
          [...codings, memo !== undefined && el('NoteRef', [['targetGUID', memo]])],
        ),
      ];
    });
    sourceEls.push(
      el(
        'TextSource',
        [
          ['guid', sourceGuid],
          ['name', path],
          ['plainTextPath', `internal://${sourceGuid}.txt`],
        ],
        selections,
      ),
    );
  }
  const orphaned = [...highlightsById.values()].filter(({ highlight: h, source }) => ws.anchoring.get(h.id)?.state === 'orphaned' || !ws.transcripts.has(source)).length;
  losses.add('orphaned highlights', 'Highlights whose text is no longer in their transcript have no place to point at; they are left out (see `sift check`).', orphaned);
  losses.add(
    'scanned diary pages',
    'REFI text sources do not carry the images attached to diary entries; copy them beside the imported transcripts (`sift check` names each one missing).',
    [...ws.transcripts.values()].reduce((n, t) => n + (t.pages?.length ?? 0), 0),
  );
  losses.add(
    'speaker, time and date of highlights',
    'REFI selections have no speaker or media time; Sift reads them again from the transcript text on import.',
    [...highlightsById.values()].filter(({ highlight: h }) => h.speaker || h.time || h.date).length,
  );

  const consenting = ws.participants.filter((p) => !withdrawn.participants.has(p.id));
  const cases =
    consenting.length > 0
      ? el(
          'Cases',
          [],
          consenting.map((p) => caseElement(p, variables, guid, transcriptsOf.get(p.id) ?? [])),
        )
      : undefined;

  const analysis = analysisNotes(ws, { guid, quotes, sourceOf: (id) => highlightsById.get(id)?.source, transcriptsOf, losses });
  notes.push(...analysis.notes);

  const root = el(
    'Project',
    [
      ['xmlns', PROJECT_NAMESPACE],
      ['xmlns:xsi', 'http://www.w3.org/2001/XMLSchema-instance'],
      ['xsi:schemaLocation', PROJECT_SCHEMA_LOCATION],
      ['name', name],
      ['origin', 'Sift'],
    ],
    [
      users,
      codebook,
      variablesEl,
      cases,
      sourceEls.length > 0 && el('Sources', [], sourceEls),
      notes.length > 0 && el('Notes', [], notes),
      analysis.sets.length > 0 && el('Sets', [], analysis.sets),
      ws.project?.description !== undefined && textEl('Description', ws.project.description),
      ...analysis.projectNotes.map((g) => el('NoteRef', [['targetGUID', g]])),
    ],
  );
  return { xml: renderXml(root), sources, losses: losses.list(), problems };
}

interface AnalysisContext {
  guid: (kind: string, key: string) => string;
  quotes: (ids: readonly string[]) => string;
  sourceOf: (highlightId: string) => string | undefined;
  /** Participant id → GUIDs of their transcripts. */
  transcriptsOf: Map<string, string[]>;
  losses: LossReport;
}

/**
 * Themes, insights, personas and journeys, which REFI has no elements for: their text as
 * notes (referenced from the project), themes and personas also as sets of transcripts.
 */
function analysisNotes(ws: Workspace, ctx: AnalysisContext): { notes: XmlElement[]; projectNotes: string[]; sets: XmlElement[] } {
  const notes: XmlElement[] = [];
  const projectNotes: string[] = [];
  const sets: XmlElement[] = [];
  const sourceGuidsOfHighlights = (ids: readonly string[]) => [...new Set(ids.map(ctx.sourceOf).filter((s): s is string => !!s && ws.transcripts.has(s)))].sort().map((s) => ctx.guid('source', s));
  for (const t of ws.themes.values()) {
    const g = ctx.guid('theme', t.id);
    notes.push(note(g, `Theme: ${t.title}`, [t.title, t.summary, ctx.quotes(t.highlights)].filter(Boolean).join('\n\n')));
    projectNotes.push(g);
    sets.push(setElement(ctx.guid('theme-set', t.id), `Theme: ${t.title}`, sourceGuidsOfHighlights(t.highlights), g));
  }
  ctx.losses.add('themes', 'Each theme becomes a Note (title, summary, quotes) and a Set of the transcripts its highlights come from; which highlights it groups, and their order, is lost.', ws.themes.size);
  for (const i of ws.insights.values()) {
    const g = ctx.guid('insight', i.id);
    const recommendations = i.recommendations.map((r) => `- ${r.action}${r.owner ? ` (${r.owner})` : ''}: ${r.status}`).join('\n');
    notes.push(
      note(
        g,
        `Insight: ${clip(i.statement)}`,
        [i.statement, `Status: ${i.status}${i.confidence ? `, confidence ${i.confidence}` : ''}`, recommendations && `Recommendations:\n${recommendations}`, ctx.quotes(i.evidence)].filter(Boolean).join('\n\n'),
      ),
    );
    projectNotes.push(g);
  }
  ctx.losses.add('insights', 'Each insight becomes a Note (statement, status, recommendations, evidence quotes); its links to themes, personas and highlights are lost.', ws.insights.size);
  for (const p of ws.personas.values()) {
    const g = ctx.guid('persona', p.id);
    const lists = (
      [
        ['Goals', p.goals],
        ['Frustrations', p.frustrations],
        ['Behaviours', p.behaviours],
      ] as const
    )
      .filter(([, l]) => l.length > 0)
      .map(([h, l]) => `${h}:\n${l.map((x) => `- ${x}`).join('\n')}`);
    notes.push(
      note(g, `Persona: ${p.name}${p.label ? ` (${p.label})` : ''}`, [p.name + (p.label ? ` — ${p.label}` : ''), p.summary, `Participants: ${p.participants.join(', ')}`, ...lists, ctx.quotes(p.quotes)].filter(Boolean).join('\n\n')),
    );
    projectNotes.push(g);
    const memberSources = [...new Set(p.participants.flatMap((id) => ctx.transcriptsOf.get(id) ?? []))].sort();
    sets.push(setElement(ctx.guid('persona-set', p.id), `Persona: ${p.name}`, memberSources, g));
  }
  ctx.losses.add('personas', "Each persona becomes a Note (summary, participants, traits, quotes) and a Set of its participants' transcripts; share and distinguishing tags are lost.", ws.personas.size);
  for (const j of ws.journeys.values()) {
    const g = ctx.guid('journey', j.id);
    const stages = j.stages.map((s) => [`${s.title}${s.description ? `: ${s.description}` : ''}`, ctx.quotes(s.highlights.map((h) => h.id))].filter(Boolean).join('\n'));
    notes.push(note(g, `Journey: ${j.title}`, [j.title, ...stages].join('\n\n')));
    projectNotes.push(g);
  }
  ctx.losses.add('journeys', 'Each journey becomes a Note listing its stages and quotes; stage sentiment and highlight links are lost.', ws.journeys.size);

  return { notes, projectNotes, sets };
}

type VariableType = 'Text' | 'Boolean' | 'Float' | 'Date';

/**
 * One variable per attribute declared in research.yaml, then any others participants carry
 * (sorted). A declared type is kept only when every participant's value fits it; otherwise
 * the variable is Text, so no value is ever dropped.
 */
function variableTypes(ws: Workspace): Map<string, VariableType> {
  const declared = ws.project?.attributes ?? {};
  const names = [...Object.keys(declared), ...[...new Set(ws.participants.flatMap((p) => Object.keys(p.attributes)))].filter((n) => !(n in declared)).sort()];
  const out = new Map<string, VariableType>();
  for (const n of names) {
    const values = ws.participants.map((p) => p.attributes[n]).filter((v) => v !== undefined);
    const wanted: VariableType = ({ number: 'Float', boolean: 'Boolean', date: 'Date' }[declared[n]?.type as string] as VariableType | undefined) ?? 'Text';
    out.set(n, values.every((v) => valueElement(wanted, v) !== undefined) ? wanted : 'Text');
  }
  return out;
}

function describeVariable(ws: Workspace, name: string): XmlElement | undefined {
  const def = ws.project?.attributes[name];
  const parts = [def?.description, def?.values ? `Values: ${def.values.join(', ')}` : undefined].filter(Boolean);
  return parts.length > 0 ? textEl('Description', parts.join('\n')) : undefined;
}

function valueElement(type: VariableType, value: string | number | boolean): XmlElement | undefined {
  switch (type) {
    case 'Text':
      return textEl('TextValue', String(value));
    case 'Boolean':
      return typeof value === 'boolean' ? textEl('BooleanValue', String(value)) : undefined;
    case 'Float':
      return typeof value === 'number' && Number.isFinite(value) ? textEl('FloatValue', decimal(value)) : undefined;
    case 'Date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? textEl('DateValue', value) : undefined;
  }
}

/** xsd:decimal has no exponent: 1e-7 must be written out. */
function decimal(n: number): string {
  const s = String(n);
  return /e/i.test(s) ? n.toFixed(20).replace(/\.?0+$/, '') : s;
}

function caseElement(p: Participant, variables: Map<string, VariableType>, guid: (k: string, key: string) => string, sources: string[]): XmlElement {
  const values = [...variables].flatMap(([name, type]) => {
    const v = p.attributes[name];
    const value = v === undefined ? undefined : valueElement(type, v);
    return value ? [el('VariableValue', [], [el('VariableRef', [['targetGUID', guid('variable', name)]]), value])] : [];
  });
  return el(
    'Case',
    [
      ['guid', guid('case', p.id)],
      ['name', p.id],
    ],
    [p.note !== undefined && textEl('Description', p.note), ...values, ...sources.map((s) => el('SourceRef', [['targetGUID', s]]))],
  );
}

function note(guid: string, name: string, text: string): XmlElement {
  return el(
    'Note',
    [
      ['guid', guid],
      ['name', name],
    ],
    [textEl('PlainTextContent', text)],
  );
}

function setElement(guid: string, name: string, sources: string[], noteGuid: string): XmlElement {
  return el(
    'Set',
    [
      ['guid', guid],
      ['name', name],
    ],
    [...sources.map((s) => el('MemberSource', [['targetGUID', s]])), el('MemberNote', [['targetGUID', noteGuid]])],
  );
}

/** The highlights of a transcript's highlights files at their current places (orphans left out), by position. */
function placed(ws: Workspace, files: readonly HighlightsFile[], leftOut: ReadonlySet<string>): { highlight: Highlight; start: number; end: number }[] {
  const out: { highlight: Highlight; start: number; end: number }[] = [];
  for (const h of files.flatMap((f) => f.highlights)) {
    if (leftOut.has(h.id)) continue;
    const r = ws.anchoring.get(h.id);
    if (!r || r.state === 'orphaned') continue;
    out.push({ highlight: h, start: r.start, end: r.end });
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end || (a.highlight.id < b.highlight.id ? -1 : 1));
}

function quotesOf(byId: Map<string, { highlight: Highlight; source: string }>, ids: readonly string[]): string {
  const lines = ids.flatMap((id) => {
    const h = byId.get(id);
    return h ? [`- “${h.highlight.quote}” (${h.source})`] : [];
  });
  return lines.length > 0 ? `Quotes:\n${lines.join('\n')}` : '';
}

function clip(s: string): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 59)}…` : flat;
}

function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdfff ? 2 : 3;
  }
  return n;
}
