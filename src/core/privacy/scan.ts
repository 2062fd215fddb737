/**
 * Scanning a workspace (or some of its files) for personal data. Transcripts are scanned
 * whole; YAML files only in the values people write prose into (notes, summaries,
 * statements …), since ids, hashes and offsets are not personal data and a highlight's
 * quote is the transcript's words, reported in the transcript.
 *
 * Names come from the private key file and the team's names list, then from context; a
 * name learnt from context in one transcript (a speaker label, "my daughter, Grace") is
 * looked for in every file, so it is found wherever else it occurs.
 */
import { DEFAULT_PRIVACY, type PrivacySettings } from '../model';
import type { IFileSystem } from '../ports';
import type { Problem } from '../problems';
import { gitBlobHash, gitBlobHashOfBytes } from '../hash';
import { computeLineStarts, decodeText } from '../text';
import { transcriptFormatOf } from '../transcripts';
import { readText } from '../workspace/load';
import type { Workspace } from '../workspace/workspace';
import { detectionContext, learntName, placeFindings, detectRaw, type DetectionContext } from './detect';
import type { PiiFinding, RawFinding } from './findings';
import { parseKey, parseNamesList, type PrivacyKey } from './key';
import { parseDecisions, type PrivacyDecision } from './decisions';
import { findContextNames, findUncuedNames, type KnownName } from './names';
import { proseRanges } from './prose';
import { FileFindings, findingTables, ownString } from './packed';
import { decodeSnapshot, encodeSnapshot, type ScannerMemory } from './snapshot';

export interface PrivacySources {
  settings: PrivacySettings;
  /** The key file, when there is one. */
  key: PrivacyKey | undefined;
  /** Hash of the key file's bytes as read (null: no key file yet), so a rewrite never overwrites a change. */
  keyHash: string | null;
  /** The team's names list (empty when there is none). */
  namesList: string[];
  /** The researchers' decisions about findings (privacy.yaml), which set findings aside. */
  decisions: PrivacyDecision[];
  problems: Problem[];
}

/** Reads the key file and names list the workspace's settings point to (both optional). */
export async function readPrivacySources(fs: IFileSystem, ws: Workspace): Promise<PrivacySources> {
  const settings = ws.project?.privacy ?? DEFAULT_PRIVACY;
  const problems: Problem[] = [];
  const keyBytes = await fs.readFile(settings.key);
  const keyText = keyBytes ? decodeText(settings.key, keyBytes) : undefined;
  if (keyText && !keyText.ok) problems.push(keyText.problem);
  const parsed = keyText?.ok ? parseKey(settings.key, keyText.text) : undefined;
  problems.push(...(parsed?.problems ?? []));
  const namesText = await readText(fs, settings.names);
  const decisionsText = await readText(fs, settings.decisions);
  const decided = decisionsText !== undefined ? parseDecisions(settings.decisions, decisionsText) : { decisions: [], problems: [] };
  problems.push(...decided.problems);
  return { settings, key: parsed?.key, keyHash: keyBytes ? gitBlobHashOfBytes(keyBytes) : null, namesList: namesText !== undefined ? parseNamesList(namesText) : [], decisions: decided.decisions, problems };
}

/** The names Sift knows before reading any transcript: participants' real names, the names list, and every name already pseudonymised. */
export function knownNames(sources: Pick<PrivacySources, 'key' | 'namesList'>): KnownName[] {
  const out: KnownName[] = [];
  for (const [participant, names] of Object.entries(sources.key?.participants ?? {})) for (const name of names) out.push({ name, participant, basis: 'list' });
  for (const name of sources.namesList) out.push({ name, basis: 'list' });
  for (const [original, pseudonym] of Object.entries(sources.key?.pseudonyms ?? {})) if (pseudonym.startsWith('[Name-')) out.push({ name: original, basis: 'list' });
  return out;
}

/** Which files of a workspace are scanned: its transcripts and its YAML files (optionally only some of them). */
export function scannableFiles(ws: Workspace, only?: ReadonlySet<string>): string[] {
  return [...new Set([...ws.transcripts.keys(), ...ws.versions.keys()])].filter((p) => !only || only.has(p)).sort();
}

/**
 * The parts of a file that are people's words, UTF-16 ranges: the prose values of a YAML file;
 * of a transcript, the body and the prose values of its front matter (a title may name
 * someone), never the front matter's keys and ids (`participant: P10`), which are structure.
 */
export function scanRanges(path: string, text: string): [number, number][] {
  if (/\.ya?ml$/.test(path)) return proseRanges(path, text);
  const front = /^---[ \t]*\n/.exec(text);
  const close = front ? /^(?:---|\.\.\.)[ \t]*$/m.exec(text.slice(front[0].length)) : null;
  if (!front || !close) return [[0, text.length]];
  const yamlEnd = front[0].length + close.index;
  const body = Math.min(text.length, yamlEnd + close[0].length + 1);
  const values = proseRanges('front-matter.yaml', text.slice(front[0].length, yamlEnd)).map(([a, b]): [number, number] => [a + front[0].length, b + front[0].length]);
  return [...values, [body, text.length]];
}

/** Raw findings in one file's text: the people's words of a transcript, the prose values of a YAML file. */
export function rawFindingsIn(path: string, text: string, context: DetectionContext): RawFinding[] {
  const ranges = scanRanges(path, text);
  if (ranges.length === 1 && ranges[0]![0] === 0 && ranges[0]![1] === text.length) return detectRaw(text, context);
  return ranges.flatMap(([from, to]) => detectRaw(text.slice(from, to), context).map((f) => ({ ...f, start: f.start + from, end: f.end + from })));
}

/** Names learnt from context in one file (speaker labels, titles, introductions). */
function contextNamesIn(path: string, text: string, context: DetectionContext): string[] {
  if (!context.guessNames) return [];
  return scanRanges(path, text).flatMap(([from, to]) => {
    const slice = text.slice(from, to);
    // A name found without a cue but with good evidence (a given name and a surname, a person's verbs around it) is
    // learnt too: once redaction has put it in the key, every other place it stands is found; so must the first scan.
    const uncued = findUncuedNames(slice, context).filter((f) => f.confidence >= LEARN_UNCUED_FROM);
    return [...findContextNames(slice, context), ...uncued].map((f) => learntName(slice.slice(f.start, f.end)));
  });
}

/** The confidence from which a name found without a cue word is learnt for the whole study. */
const LEARN_UNCUED_FROM = 0.7;

export interface ScanOptions {
  participantIds: Iterable<string>;
  /** Words and phrases the study uses for something else (codebook labels and ids): never names. */
  notNames?: Iterable<string>;
  names: KnownName[];
  guessNames: boolean;
  minConfidence?: number;
}

/** A file to scan, with a hash of its content (any string that changes when the text does). */
export interface ScannedFile {
  path: string;
  hash: string;
}

/**
 * Scans files for personal data, in two passes: the names learnt from context in every file
 * first, then the findings in each file with all of those names known. Each file's learnt
 * names and findings are remembered by its hash, so scanning again after a change (the
 * editor does, after every save) reads only the files that changed — and every file again
 * only when the names learnt across the study changed. `readFile` gives a file's normalised
 * text; no study's texts are all held at once. Findings are remembered packed (packed.ts):
 * a study's hundreds of thousands of findings are not objects until someone reads them.
 */
export class PrivacyScanner {
  private readonly memory: ScannerMemory;
  /** Whether the last scan read any file (or forgot one): its snapshot is then worth keeping. */
  changed = false;

  constructor(memory?: ScannerMemory) {
    this.memory = memory ?? { learnt: new Map(), found: new Map(), tables: findingTables() };
  }

  /**
   * What the scanner remembers, as bytes (snapshot.ts), so a host can keep it between runs (the
   * CLI in `.sift/cache/`) and the next run reads no file whose content is unchanged.
   */
  snapshot(): Uint8Array {
    return encodeSnapshot(this.memory);
  }

  /** A scanner remembering a snapshot; anything that is not a sound snapshot of this version is ignored (a cold scan). */
  static fromSnapshot(bytes: Uint8Array | undefined): PrivacyScanner {
    return new PrivacyScanner(decodeSnapshot(bytes));
  }

  /** The findings remembered for these files (a scan that read nothing: call after one that covered them). */
  remembered(paths: readonly string[]): StudyFindings {
    return new StudyFindings(paths.flatMap((p) => this.memory.found.get(p)?.findings ?? []).filter((f) => f.length > 0));
  }

  /** Every finding, as objects (`findings` keeps them packed). */
  async scan(files: readonly ScannedFile[], readFile: (path: string) => Promise<string | undefined>, options: ScanOptions, pause: () => Promise<void> = async () => {}): Promise<PiiFinding[]> {
    return (await this.findings(files, readFile, options, pause)).all();
  }

  /** `pause` is called after each file read, so a host can return to its event loop during a whole-study scan. */
  async findings(files: readonly ScannedFile[], readFile: (path: string) => Promise<string | undefined>, options: ScanOptions, pause: () => Promise<void> = async () => {}): Promise<StudyFindings> {
    const { learnt: learntIn, found: foundIn, tables } = this.memory;
    this.changed = false;
    const participantIds = [...options.participantIds];
    const notNames = [...(options.notNames ?? [])];
    const first = detectionContext({ participantIds, notNames, guessNames: options.guessNames });
    const learnt = new Set<string>();
    for (const { path, hash } of files) {
      let entry = learntIn.get(path);
      if (!entry || entry.hash !== hash) {
        const text = await readFile(path);
        await pause();
        entry = { hash, names: text === undefined ? [] : contextNamesIn(path, text, first).map(ownString) };
        learntIn.set(path, entry);
        this.changed = true;
      }
      for (const name of entry.names) learnt.add(name);
    }
    const names = [...options.names, ...[...learnt].sort().map((name): KnownName => ({ name, basis: 'context' }))];
    // Kept with every file's findings (and in the host's cache): a hash, not the names themselves.
    const contextKey = gitBlobHash(JSON.stringify([names, participantIds, notNames, options.guessNames, options.minConfidence]));
    const context = detectionContext({ participantIds, notNames, names, guessNames: options.guessNames, ...(options.minConfidence !== undefined ? { minConfidence: options.minConfidence } : {}) });
    const out: FileFindings[] = [];
    for (const { path, hash } of files) {
      let entry = foundIn.get(path);
      if (!entry || entry.hash !== hash || entry.context !== contextKey) {
        const text = await readFile(path);
        await pause();
        const found = text === undefined ? [] : placeFindings(path, text, rawFindingsIn(path, text, context), { lineStarts: computeLineStarts(text) });
        entry = { hash, context: contextKey, findings: FileFindings.pack(path, found, tables) };
        foundIn.set(path, entry);
        this.changed = true;
      }
      if (entry.findings.length > 0) out.push(entry.findings);
    }
    const present = new Set(files.map((f) => f.path));
    for (const cache of [learntIn, foundIn]) for (const path of cache.keys()) if (!present.has(path)) this.changed = cache.delete(path) || this.changed;
    return new StudyFindings(out);
  }
}

/** A study's findings, file by file, packed. */
export class StudyFindings {
  private readonly byPath: Map<string, FileFindings>;

  constructor(readonly files: readonly FileFindings[]) {
    this.byPath = new Map(files.map((f) => [f.path, f]));
  }

  get count(): number {
    return this.files.reduce((n, f) => n + f.length, 0);
  }

  /** The findings of one file (undefined: none). */
  inFile(path: string): FileFindings | undefined {
    return this.byPath.get(path);
  }

  /** Every finding, as objects, file by file in the order scanned. */
  all(): PiiFinding[] {
    return this.files.flatMap((f) => f.all());
  }
}

/** Scans files once (nothing remembered). */
export async function scanFiles(paths: readonly string[], readFile: (path: string) => Promise<string | undefined>, options: ScanOptions): Promise<PiiFinding[]> {
  return new PrivacyScanner().scan(
    paths.map((path) => ({ path, hash: '' })),
    readFile,
    options,
  );
}

/** What a workspace's scan knows before reading: its participants, the known names, whether to guess names. */
export function scanOptionsOf(ws: Workspace, sources: PrivacySources): ScanOptions {
  return { participantIds: ws.participants.map((p) => p.id), notNames: studyVocabulary(ws), names: knownNames(sources), guessNames: !sources.settings.pseudonymised };
}

/**
 * What the study's own files say are not people: its codebook's tag ids, labels and aliases
 * ("Automation", "Blue Badge"), sorted so the scan's cache key is stable.
 */
export function studyVocabulary(ws: Workspace): string[] {
  const out = new Set<string>();
  for (const tag of ws.codebook) for (const word of [tag.id, tag.label, ...(tag.aliases ?? [])]) if (word) out.add(word.toLowerCase());
  return [...out].sort();
}

/**
 * Every finding in a loaded workspace's transcripts and YAML files (or the `only` ones).
 * `read` gives a file's text when it is not the one on disk (a commit's staged version).
 */
export async function scanWorkspace(fs: IFileSystem, ws: Workspace, sources: PrivacySources, only?: ReadonlySet<string>, read?: (path: string) => Promise<string | undefined>): Promise<PiiFinding[]> {
  return scanFiles(scannableFiles(ws, only), read ?? ((p) => readText(fs, p)), scanOptionsOf(ws, sources));
}

/** Whether a path is a file the scanner reads (a transcript format or YAML). */
export function isScannable(path: string): boolean {
  return /\.ya?ml$/.test(path) || transcriptFormatOf(path) !== undefined;
}
