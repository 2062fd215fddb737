/**
 * A REFI-QDA project as a new Sift workspace: the files to create, the problems found
 * (sources missing from the archive, selections outside their text, text that is not
 * UTF-8), and the data-loss report. Nothing is written here; the host writes the files
 * into a temporary folder and moves it into place, so a failure leaves nothing behind.
 *
 * - Codes → codebook.yaml (hierarchy from nesting and from ATLAS.ti's `Parent::Child`).
 * - Variables → research.yaml attributes; Cases → participants.yaml.
 * - Text sources → transcripts/ (their `name` gives the path; a `.txt` linked to exactly
 *   one case becomes Markdown with that participant in front matter, offsets shifted by
 *   the front matter's length); selections → highlights with quote, context, tags, memo
 *   (from the notes they reference), coder, and speaker/time/date read from the text.
 * REFI positions count code points of the source text as stored (a leading BOM not
 * counted); a vendor text with CRLF line ends is normalised to `\n` like every Sift
 * transcript and the positions re-mapped. A selection outside its text is a warning and a
 * skip. A source text that cannot be found or read is an error and nothing is imported
 * (its coding would be lost), unless the researcher asks to skip such sources; and a
 * project whose coded selections all fail to land is an error, never a quiet success.
 */
import { sha1 } from '@noble/hashes/legacy.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { gitBlobHash } from '../hash';
import { slugify } from '../ids';
import { DEFAULT_SOURCES, type AttributeDefinition, type Highlight, type Participant } from '../model';
import type { FileEdit, IFileSystem } from '../ports';
import { problem, type Problem } from '../problems';
import { highlightValue } from '../store/highlight-splice';
import { newHighlight } from '../store/highlights';
import { EditPlan } from '../store/plan';
import { CodePointIndex, decodeText } from '../text';
import { parseTranscript, transcriptFormatOf } from '../transcripts';
import { highlightsPathFor, RESEARCH_FILE } from '../workspace/workspace';
import { tagsFromCodes, uniqueId } from './codes';
import { LossReport, type Loss } from './losses';
import type { RefiProject, RefiSelection, RefiTextSource, SourceLocation } from './read-project';

/** A source text kept outside the archive (`relative://`, `file://`), as the host finds it on disk. */
export type ExternalLocation = Exclude<SourceLocation, { kind: 'archive' }>;
export type ExternalSourceReader = (location: ExternalLocation) => Promise<{ bytes: Uint8Array } | { tried: string[] }>;

export interface ImportOptions {
  /** Reads texts outside the archive; without it they are reported missing. */
  readExternal?: ExternalSourceReader;
  /**
   * A source whose text cannot be found or read is an error that stops the import (nothing
   * is written), because its coding would be lost; with this, it is skipped with a warning.
   */
  skipMissingSources?: boolean;
}

export interface ProjectImport {
  edits: FileEdit[];
  problems: Problem[];
  losses: Loss[];
  counts: { transcripts: number; highlights: number; tags: number; participants: number };
}

/** An empty folder, for planning files in a workspace that does not exist yet. */
const EMPTY_FOLDER: IFileSystem = { readFile: async () => undefined, stat: async () => undefined, listFiles: async () => [] };

/**
 * `texts` holds the archive's plain-text sources by lower-cased file name; `label` names
 * the imported file in problems.
 */
export async function importProject(refi: RefiProject, texts: ReadonlyMap<string, Uint8Array>, label: string, losses: LossReport, options: ImportOptions = {}): Promise<ProjectImport> {
  const plan = new EditPlan(EMPTY_FOLDER, undefined);
  const problems: Problem[] = [];
  const report = (code: string, message: string) => problems.push(problem(label, undefined, 'warning', code, message));
  let missing = 0;
  const reportMissing = (code: string, message: string) => {
    missing++;
    problems.push(problem(label, undefined, options.skipMissingSources ? 'warning' : 'error', code, message));
  };

  const { tags, tagOf } = tagsFromCodes(refi.codes, losses);
  const { attributes, participants, participantOfSource } = peopleOf(refi);

  const usedPaths = new Set<string>();
  const highlightIds = new Set<string>();
  let highlightCount = 0;
  let transcriptCount = 0;
  for (const source of refi.sources) {
    const raw = await sourceText(source, texts, reportMissing, options.readExternal);
    if (raw === undefined) continue;
    const participant = participantOfSource.get(source.guid);
    let path = uniquePath(transcriptPath(source.name), usedPaths);
    let frontMatter = '';
    // A plain text whose speaker labels already name the participant needs no front matter (and keeps its name).
    if (participant && transcriptFormatOf(path) === 'text' && !parseTranscript(path, raw).turns.some((t) => t.speaker === participant)) {
      path = uniquePath(path.replace(/\.txt$/i, '.md'), usedPaths);
      frontMatter = `---\nparticipant: ${participant}\n---\n\n`;
    }
    usedPaths.add(path.toLowerCase());
    const { text: body, position } = normalised(raw);
    const text = frontMatter + body;
    const shift = frontMatter.length; // ASCII only: code points = UTF-16 units
    const index = new CodePointIndex(text);
    const turns = parseTranscript(path, text).turns;
    const rawLength = [...raw].length;
    const highlights: Highlight[] = [];
    for (const s of source.selections) {
      if (!(s.start >= 0 && s.start < s.end && s.end <= rawLength)) {
        report('refi-selection-range', `The selection ${s.guid} in "${source.name}" covers characters ${s.start}–${s.end}, outside the source's ${rawLength} characters (or empty); it is skipped.`);
        continue;
      }
      const start = position(s.start) + shift;
      const end = position(s.end) + shift;
      if (end <= start) {
        report('refi-selection-range', `The selection ${s.guid} in "${source.name}" covers only a line break; it is skipped.`);
        continue;
      }
      const tagIds = codingTags(s, tagOf, losses);
      const note = s.notes
        .map((n) => refi.notes.get(n)?.text?.trim())
        .filter((t): t is string => !!t)
        .join('\n\n');
      const coder = userName(refi, s);
      const h = newHighlight(index, { turns }, { source: path, start, end, tags: tagIds, ...(note ? { note } : {}), ...(coder ? { coder } : {}) }, highlightIdOf(s.guid, highlightIds));
      highlights.push(h);
    }
    await plan.createText(path, text);
    transcriptCount++;
    if (highlights.length > 0) {
      highlights.sort((a, b) => a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : 1));
      await plan.create('highlights', highlightsPathFor(undefined, path), { source: path, sourceHash: gitBlobHash(text), highlights: highlights.map(highlightValue) });
      highlightCount += highlights.length;
    }
  }
  const attachedNotes = new Set(refi.sources.flatMap((s) => s.selections.flatMap((sel) => sel.notes)));
  losses.add('Notes', 'Notes not attached to a selection (project, source and code memos) have no place in Sift; they are left out.', [...refi.notes.keys()].filter((g) => !attachedNotes.has(g)).length);

  await plan.create('research', RESEARCH_FILE, { name: refi.name, ...(refi.description ? { description: refi.description } : {}), sources: DEFAULT_SOURCES, attributes, sampling: {} }, ` Imported from ${label} (REFI-QDA).`);
  await plan.create('codebook', 'codebook.yaml', { tags });
  await plan.create('participants', 'participants.yaml', { participants });
  if (missing > 0 && !options.skipMissingSources) {
    problems.push(
      problem(
        label,
        undefined,
        'error',
        'refi-sources-missing',
        `${missing === 1 ? 'A source text' : `${missing} source texts`} could not be found or read (above), so nothing was imported: the coding on ${missing === 1 ? 'it' : 'them'} would be lost. To import the rest without ${missing === 1 ? 'it' : 'them'}, run again with --skip-missing-sources.`,
      ),
    );
  }
  const coded = refi.sources.reduce((n, s) => n + s.selections.filter((sel) => sel.codings.length > 0).length, 0);
  if (coded > 0 && highlightCount === 0) {
    problems.push(
      problem(
        label,
        undefined,
        'error',
        'refi-nothing-kept',
        `The project has ${coded} coded selection(s), but none could be placed on a source text (see above), so nothing was imported. To bring in its codebook alone, use \`sift import qdc\` with the same file.`,
      ),
    );
  }
  const result = plan.result();
  const all = [...problems, ...result.problems];
  // All or nothing: a project that cannot be imported whole writes no file.
  if (all.some((p) => p.severity === 'error')) return { edits: [], problems: all, losses: losses.list(), counts: { transcripts: 0, highlights: 0, tags: 0, participants: 0 } };
  return {
    edits: result.edits,
    problems: all,
    losses: losses.list(),
    counts: { transcripts: transcriptCount, highlights: highlightCount, tags: tags.length, participants: participants.length },
  };
}

/** The source's text as REFI counts it, or undefined (reported) when it cannot be found or is not UTF-8 text. */
async function sourceText(source: RefiTextSource, texts: ReadonlyMap<string, Uint8Array>, report: (code: string, message: string) => void, readExternal: ExternalSourceReader | undefined): Promise<string | undefined> {
  const losing = source.selections.length > 0 ? ` It has ${source.selections.length} coded selection(s).` : '';
  if (source.content !== undefined) return dropBom(source.content);
  const where = source.location;
  if (where === undefined) {
    report('refi-missing-source', `The source "${source.name}" has neither a text nor a plainTextPath.${losing}`);
    return undefined;
  }
  let bytes: Uint8Array | undefined;
  let file: string;
  if (where.kind === 'archive') {
    file = `sources/${where.file}`;
    bytes = texts.get(where.file.toLowerCase());
    if (!bytes) {
      report('refi-missing-source', `The text of "${source.name}" (${file}, from plainTextPath "${where.written}") is not in the archive.${losing}`);
      return undefined;
    }
  } else {
    const read = readExternal ? await readExternal(where) : { tried: [] };
    if ('tried' in read) {
      const tried = read.tried.length > 0 ? `: there is no file ${read.tried.join(', nor ')}` : '';
      report('refi-missing-source', `The text of "${source.name}" is outside the archive (plainTextPath "${where.written}")${tried}.${losing}`);
      return undefined;
    }
    file = where.written;
    bytes = read.bytes;
  }
  const decoded = decodeText(file, bytes);
  if (!decoded.ok) {
    report('refi-source-encoding', `The text of "${source.name}" (${file}) is not UTF-8 text: ${decoded.problem.message}${losing}`);
    return undefined;
  }
  // decodeText also normalises line ends; positions must count over the stored text, so decode again without that.
  return dropBom(utf8.decode(bytes));
}

declare const TextDecoder: { new (label: string): { decode(bytes: Uint8Array): string } };
const utf8 = new TextDecoder('utf-8');

function dropBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * The text with `\n` line ends, and a map from code-point positions in the raw text to
 * positions in it: each CR of a CRLF pair disappears, so a position moves back by the
 * number of such CRs before it.
 */
function normalised(raw: string): { text: string; position: (cp: number) => number } {
  if (raw.indexOf('\r') < 0) return { text: raw, position: (cp) => cp };
  const cps = [...raw];
  const removed: number[] = [];
  const out: string[] = [];
  for (let i = 0; i < cps.length; i++) {
    if (cps[i] === '\r' && cps[i + 1] === '\n') removed.push(i);
    else out.push(cps[i] === '\r' ? '\n' : cps[i]!);
  }
  const position = (p: number) => {
    let lo = 0;
    let hi = removed.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (removed[mid]! < p) lo = mid + 1;
      else hi = mid;
    }
    return p - lo;
  };
  return { text: out.join(''), position };
}

function codingTags(s: RefiSelection, tagOf: Map<string, string>, losses: LossReport): string[] {
  const ids = new Set<string>();
  for (const c of s.codings) {
    const tag = tagOf.get(c.code);
    if (tag) ids.add(tag);
    else losses.add('codings of unknown codes', 'Codings that name a code missing from the codebook are left out.');
  }
  return [...ids];
}

function userName(refi: RefiProject, s: RefiSelection): string | undefined {
  const guid = s.codings.find((c) => c.user)?.user ?? s.creatingUser;
  return guid ? refi.users.get(guid) : undefined;
}

const BASE32 = '0123456789abcdefghjkmnpqrstvwxyz';

/** A highlight id derived from the selection's GUID, so importing the same file twice gives the same ids. */
function highlightIdOf(guid: string, taken: Set<string>): string {
  for (let salt = 0; ; salt++) {
    const hash = sha1(utf8ToBytes(salt === 0 ? guid : `${guid}:${salt}`));
    let id = 'h-';
    for (let i = 0; i < 8; i++) id += BASE32[hash[i]! & 31]!;
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

/**
 * Where a source goes: its name as a path when that is a safe relative path to a
 * transcript (as Sift exports), else `transcripts/<name>` with a transcript extension.
 */
function transcriptPath(name: string): string {
  // No parent steps, no hidden names (`.git`), no characters file systems refuse.
  const segments = name
    .split('/')
    .map((s) =>
      s
        .replace(/[\\:*?"<>|\u0000-\u001f]/g, '-')
        .trim()
        .replace(/^\.+/, ''),
    )
    .filter((s) => s !== '');
  const file = segments.pop() ?? 'source';
  const withExtension = transcriptFormatOf(file) ? file : `${file.replace(/\.(docx?|rtf|odt|pdf)$/i, '')}.txt`;
  const dirs = segments[0] === 'transcripts' ? segments.slice(1) : segments;
  return ['transcripts', ...dirs, withExtension].join('/');
}

function uniquePath(path: string, used: Set<string>): string {
  if (!used.has(path.toLowerCase())) return path;
  const dot = path.lastIndexOf('.');
  for (let n = 2; ; n++) {
    const candidate = `${path.slice(0, dot)}-${n}${path.slice(dot)}`;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}

/** Attributes from variables, participants from cases, and the one participant of each source linked to exactly one case. */
function peopleOf(refi: RefiProject): { attributes: Record<string, AttributeDefinition>; participants: Participant[]; participantOfSource: Map<string, string> } {
  const attributes: Record<string, AttributeDefinition> = {};
  const nameOf = new Map<string, string>();
  const used = new Set<string>();
  for (const v of refi.variables) {
    const name = uniqueId(slugify(v.name), used);
    nameOf.set(v.guid, name);
    const values = /^Values: (.*)$/m.exec(v.description ?? '')?.[1]?.split(', ');
    const rest = v.description?.replace(/^Values: .*$/m, '').trim();
    const type = values && v.type === 'Text' ? 'enum' : (({ Boolean: 'boolean', Integer: 'number', Float: 'number', Date: 'date' } as Record<string, AttributeDefinition['type']>)[v.type] ?? 'text');
    attributes[name] = { type, ...(type === 'enum' ? { values } : {}), ...(rest ? { description: rest } : {}) };
  }
  const ids = new Set<string>();
  const participants = refi.cases.map((c) => {
    const id = uniqueId(c.name.trim().replace(/\s+/g, '-') || 'case', ids);
    const attributes: Record<string, string | number | boolean> = {};
    for (const v of c.values) {
      const name = nameOf.get(v.variable);
      if (name) attributes[name] = v.value;
    }
    const p: Participant = { id, attributes, ...(c.description ? { note: c.description } : {}) };
    return p;
  });
  const casesOf = new Map<string, string[]>();
  refi.cases.forEach((c, i) => c.sources.forEach((s) => casesOf.set(s, [...(casesOf.get(s) ?? []), participants[i]!.id])));
  const participantOfSource = new Map([...casesOf].filter(([, ps]) => ps.length === 1).map(([s, ps]) => [s, ps[0]!]));
  return { attributes, participants: participants.map((p) => ({ id: p.id, attributes: p.attributes, ...(p.note ? { note: p.note } : {}) })), participantOfSource };
}
