/**
 * A REFI-QDA project document as plain data: what Sift can represent is read into the
 * model, everything else is counted for the data-loss report. GUIDs are canonical (lower
 * case, no braces) so references resolve whatever the vendor's style.
 */
import { parseGuid } from './guid';
import type { LossReport } from './losses';
import type { RefiCode } from './codes';
import { attr, child, children, childText, type XmlNode } from './xml-read';

export interface RefiSelection {
  guid: string;
  name?: string;
  start: number;
  end: number;
  creatingUser?: string;
  /** Code GUIDs, each with the user who coded. */
  codings: { code: string; user?: string }[];
  notes: string[];
}

export interface RefiTextSource {
  guid: string;
  name: string;
  /** Where its plain text is, when not inline (`PlainTextContent`). */
  location?: SourceLocation;
  content?: string;
  selections: RefiSelection[];
  notes: string[];
}

/**
 * Where a source's plain text is, from its `plainTextPath` in every form seen in the wild:
 * - `internal://x.txt` (the standard), and a bare or relative name (`board_2017.txt`,
 *   `sources/board_2017.txt`, as the qc tool writes): a file in the archive's `sources/`;
 * - `relative://dir/x.txt`: a file outside the archive, relative to the project's basePath;
 * - `absolute://…`, `file:///…` or a plain absolute path: a file on this computer.
 */
export type SourceLocation = { kind: 'archive'; file: string; written: string } | { kind: 'relative'; path: string; basePath: string; written: string } | { kind: 'absolute'; path: string; written: string };

export function sourceLocation(plainTextPath: string, basePath: string): SourceLocation {
  const written = plainTextPath;
  const scheme = /^([a-z]+):\/\//i.exec(plainTextPath)?.[1]?.toLowerCase();
  const rest = scheme ? plainTextPath.slice(scheme.length + 3) : plainTextPath;
  if (scheme === 'internal') return { kind: 'archive', file: baseName(rest), written };
  if (scheme === 'relative') return { kind: 'relative', path: decodePath(rest), basePath, written };
  // file:///home/x.txt and file:///C:/x.txt; absolute://C:\x.txt; a bare absolute path.
  if (scheme === 'file' || scheme === 'absolute') return { kind: 'absolute', path: decodePath(rest.replace(/^\/(?=[a-zA-Z]:)/, '')), written };
  if (/^(?:\/|\\|[a-zA-Z]:[\\/])/.test(plainTextPath)) return { kind: 'absolute', path: plainTextPath, written };
  return { kind: 'archive', file: baseName(rest), written };
}

/** The archive's `sources/` is flat, so a relative name (`sources/x.txt`, `./x.txt`) is found by its last part. */
function baseName(path: string): string {
  return (
    path
      .replace(/\\/g, '/')
      .split('/')
      .filter((p) => p !== '')
      .pop() ?? path
  );
}

declare function decodeURIComponent(s: string): string;

/** `%20` and friends in URIs; a path that is not valid percent-encoding is taken as written. */
function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

export interface RefiVariable {
  guid: string;
  name: string;
  type: string;
  description?: string;
}

export interface RefiCase {
  guid: string;
  name: string;
  description?: string;
  values: { variable: string; value: string | number | boolean }[];
  sources: string[];
}

export interface RefiProject {
  name: string;
  /** The `basePath` attribute: where `relative://` sources are. */
  basePath: string;
  description?: string;
  users: Map<string, string>;
  codes: RefiCode[];
  variables: RefiVariable[];
  cases: RefiCase[];
  sources: RefiTextSource[];
  notes: Map<string, { name?: string; text?: string }>;
}

export function readCodes(parent: XmlNode | undefined): RefiCode[] {
  return children(parent, 'Code').flatMap((c) => {
    const guid = parseGuid(attr(c, 'guid'));
    if (!guid) return [];
    const code: RefiCode = { guid, name: attr(c, 'name') ?? '', isCodable: attr(c, 'isCodable') !== 'false', children: readCodes(c) };
    const color = attr(c, 'color');
    if (color !== undefined) code.color = color;
    const description = childText(c, 'Description');
    if (description !== undefined && description.trim() !== '') code.description = description.trim();
    return [code];
  });
}

const NOT_TEXT_SOURCES = ['PictureSource', 'PDFSource'] as const;
const MEDIA_SOURCES = ['AudioSource', 'VideoSource'] as const;

export function readProject(root: XmlNode, losses: LossReport): RefiProject {
  const users = new Map<string, string>();
  for (const u of children(child(root, 'Users'), 'User')) {
    const g = parseGuid(attr(u, 'guid'));
    if (g) users.set(g, attr(u, 'name') ?? attr(u, 'id') ?? g);
  }
  const variables = children(child(root, 'Variables'), 'Variable').flatMap((v) => {
    const guid = parseGuid(attr(v, 'guid'));
    const description = childText(v, 'Description');
    return guid ? [{ guid, name: attr(v, 'name') ?? guid, type: attr(v, 'typeOfVariable') ?? 'Text', ...(description ? { description } : {}) }] : [];
  });
  const cases = children(child(root, 'Cases'), 'Case').flatMap((c) => {
    const guid = parseGuid(attr(c, 'guid'));
    if (!guid) return [];
    losses.add('codes on cases', 'Codes applied to a whole case have no place in Sift; they are left out.', children(c, 'CodeRef').length);
    losses.add('selections on cases', 'Selections linked to a case are imported with their source; the link to the case is left out.', children(c, 'SelectionRef').length);
    const description = childText(c, 'Description');
    const out: RefiCase = { guid, name: attr(c, 'name') ?? guid, values: readValues(c), sources: refs(c, 'SourceRef') };
    if (description) out.description = description;
    return [out];
  });
  const sourcesEl = child(root, 'Sources');
  for (const kind of NOT_TEXT_SOURCES) {
    losses.add(kind, `${kind.replace('Source', '').toLowerCase()} sources are not transcripts Sift can code; they and their selections are left out.`, children(sourcesEl, kind).length);
  }
  const basePath = attr(root, 'basePath') ?? '';
  const sources = children(sourcesEl, 'TextSource').flatMap((s) => {
    const source = readTextSource(s, losses, attr(s, 'name'), plainTextSelections(s), basePath);
    return source ? [source] : [];
  });
  // Audio and video: the media stays behind, their transcripts are text Sift can code.
  for (const kind of MEDIA_SOURCES) {
    for (const media of children(sourcesEl, kind)) {
      const selections = children(media, kind.replace('Source', 'Selection')).length + children(media, 'Coding').length;
      losses.add(kind, `${kind.replace('Source', '').toLowerCase()} files and selections of the recording itself are left out; their transcripts are imported.`, 1);
      losses.add(`${kind} selections`, 'Selections and codings of a recording (by time, not text) are left out.', selections);
      for (const t of children(media, 'Transcript')) {
        const name = attr(t, 'name') ?? `${attr(media, 'name') ?? 'recording'} transcript`;
        const source = readTextSource(t, losses, name, transcriptSelections(t), basePath);
        // ATLAS.ti points a recording's transcript at the same file as a text source: one transcript, all selections.
        const same = source?.location !== undefined ? sources.find((x) => sameLocation(x.location, source.location)) : undefined;
        if (same) same.selections.push(...source!.selections);
        else if (source) sources.push(source);
      }
    }
  }
  const notes = new Map<string, { name?: string; text?: string }>();
  for (const n of children(child(root, 'Notes'), 'Note')) {
    const g = parseGuid(attr(n, 'guid'));
    if (g) notes.set(g, { ...(attr(n, 'name') !== undefined ? { name: attr(n, 'name') } : {}), ...(childText(n, 'PlainTextContent') !== undefined ? { text: childText(n, 'PlainTextContent') } : {}) });
  }
  losses.add('Links', 'Links between notes, codes and selections have no place in Sift; they are left out.', children(child(root, 'Links'), 'Link').length);
  const sets = children(child(root, 'Sets'), 'Set').map((x) => attr(x, 'name') ?? '?');
  const shown =
    sets
      .slice(0, 12)
      .map((n) => `"${n}"`)
      .join(', ') + (sets.length > 12 ? ', …' : '');
  losses.add('Sets', `Sets of codes, sources and notes are left out: ${shown}. ATLAS.ti writes document groups and attributes as sets ("gender: female"); record them as participant attributes in participants.yaml.`, sets.length);
  losses.add('Graphs', 'Graphs (network views) are left out.', children(child(root, 'Graphs'), 'Graph').length);
  const description = childText(root, 'Description');
  return { name: attr(root, 'name') ?? 'Imported project', basePath, ...(description ? { description } : {}), users, codes: readCodes(child(child(root, 'CodeBook'), 'Codes')), variables, cases, sources, notes };
}

/** A selection element with its text positions (code points), however the element states them. */
interface PositionedSelection {
  element: XmlNode;
  start: number;
  end: number;
}

function plainTextSelections(s: XmlNode): PositionedSelection[] {
  return children(s, 'PlainTextSelection').map((element) => ({ element, start: Number(attr(element, 'startPosition')), end: Number(attr(element, 'endPosition')) }));
}

/** Transcript selections run from one sync point's character position to another's. */
function transcriptSelections(t: XmlNode): PositionedSelection[] {
  const positions = new Map(
    children(t, 'SyncPoint').flatMap((p) => {
      const g = parseGuid(attr(p, 'guid'));
      return g ? [[g, Number(attr(p, 'position'))] as const] : [];
    }),
  );
  const at = (ref: string | undefined) => positions.get(parseGuid(ref) ?? '') ?? NaN;
  return children(t, 'TranscriptSelection').map((element) => ({ element, start: at(attr(element, 'fromSyncPoint')), end: at(attr(element, 'toSyncPoint')) }));
}

function sameLocation(a: SourceLocation | undefined, b: SourceLocation | undefined): boolean {
  if (!a || !b || a.kind !== b.kind) return false;
  return a.kind === 'archive' ? a.file.toLowerCase() === (b as typeof a).file.toLowerCase() : a.path === (b as typeof a).path;
}

function readTextSource(s: XmlNode, losses: LossReport, name: string | undefined, selections: PositionedSelection[], basePath: string): RefiTextSource | undefined {
  const guid = parseGuid(attr(s, 'guid'));
  if (!guid) return undefined;
  const out: RefiTextSource = { guid, name: name ?? guid, selections: [], notes: refs(s, 'NoteRef') };
  const plain = attr(s, 'plainTextPath')?.trim();
  if (plain) out.location = sourceLocation(plain, basePath);
  const content = childText(s, 'PlainTextContent');
  if (content !== undefined) out.content = content;
  losses.add('codings of whole sources', 'Codes applied to a whole source have no place in Sift (code a passage instead); they are left out.', children(s, 'Coding').length);
  losses.add('source variables', 'Variables on sources are left out (Sift keeps attributes on participants).', children(s, 'VariableValue').length);
  for (const { element: sel, start, end } of selections) {
    const g = parseGuid(attr(sel, 'guid'));
    if (!g || !Number.isInteger(start) || !Number.isInteger(end)) {
      losses.add('unreadable selections', 'Selections without a GUID or integer positions (or sync points) are left out.');
      continue;
    }
    const selection: RefiSelection = {
      guid: g,
      start,
      end,
      codings: children(sel, 'Coding').flatMap((c) => {
        const code = parseGuid(attr(child(c, 'CodeRef'), 'targetGUID'));
        const user = parseGuid(attr(c, 'creatingUser'));
        return code ? [{ code, ...(user ? { user } : {}) }] : [];
      }),
      notes: refs(sel, 'NoteRef'),
    };
    const name = attr(sel, 'name');
    if (name !== undefined) selection.name = name;
    const user = parseGuid(attr(sel, 'creatingUser'));
    if (user) selection.creatingUser = user;
    out.selections.push(selection);
  }
  return out;
}

function refs(node: XmlNode, name: string): string[] {
  return children(node, name).flatMap((r) => {
    const g = parseGuid(attr(r, 'targetGUID'));
    return g ? [g] : [];
  });
}

function readValues(c: XmlNode): RefiCase['values'] {
  return children(c, 'VariableValue').flatMap((v): RefiCase['values'] => {
    const variable = parseGuid(attr(child(v, 'VariableRef'), 'targetGUID'));
    if (!variable) return [];
    const text = childText(v, 'TextValue') ?? childText(v, 'DateValue') ?? childText(v, 'DateTimeValue');
    if (text !== undefined) return [{ variable, value: text }];
    const bool = childText(v, 'BooleanValue');
    if (bool !== undefined) return [{ variable, value: bool.trim() === 'true' || bool.trim() === '1' }];
    const num = childText(v, 'IntegerValue') ?? childText(v, 'FloatValue');
    if (num !== undefined && Number.isFinite(Number(num))) return [{ variable, value: Number(num) }];
    return [];
  });
}
