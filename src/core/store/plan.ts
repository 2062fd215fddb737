/**
 * Building file edits. Every change goes through the `yaml` Document API on the file's
 * current text (comments and formatting survive), is put into canonical form, and becomes
 * a FileEdit carrying the hash the file had when it was read, so the adapter can refuse
 * to write over a file that changed in between. A file that changed since the workspace
 * was loaded, or that does not parse, is refused here already, with a problem saying so.
 */
import { isScalar, parseDocument, Scalar, visit, type Document } from 'yaml';
import { fitsOnOneLine } from './nodes';
import { gitBlobHash, gitBlobHashOfBytes } from '../hash';
import type { FileEdit, IFileSystem } from '../ports';
import { problem, type Problem } from '../problems';
import { decodeText } from '../text';
import type { FileKind } from '../validate';
import { parseYaml, positionOf } from '../yaml/parse';
import type { Workspace } from '../workspace/workspace';
import { canonicalize, renderDocument } from './canonical';

export interface EditResult {
  edits: FileEdit[];
  problems: Problem[];
}

export class EditPlan {
  private readonly edits = new Map<string, FileEdit>();
  private readonly problems: Problem[] = [];

  constructor(
    private readonly fs: IFileSystem,
    /** Versions as loaded; undefined to accept whatever is on disk now (e.g. `sift fmt`). */
    private readonly versions: Workspace['versions'] | undefined,
  ) {}

  /**
   * Changes an existing YAML file. `mutate` edits the document; it may return false to say
   * nothing changed. No edit is made when the rendered text equals the current text.
   */
  async edit(kind: FileKind, path: string, mutate: (doc: Document.Parsed) => boolean | void): Promise<boolean> {
    const current = await this.readParsed(path);
    if (!current) return false;
    if (mutate(current.doc) === false) return false;
    canonicalize(kind, current.doc);
    const content = renderDocument(current.doc);
    if (content === current.text) return false;
    this.edits.set(path, { kind: 'write', path, content, expectedHash: current.hash });
    return true;
  }

  /**
   * Moves a YAML file to a new path, changed by `mutate` on the way (the highlights of a
   * renamed transcript). Refused when the new path exists: nothing is overwritten.
   */
  async move(kind: FileKind, from: string, to: string, mutate: (doc: Document.Parsed) => void): Promise<boolean> {
    if (this.edits.has(to) || (await this.fs.stat(to))) {
      this.problems.push(problem(to, undefined, 'error', 'exists', `${to} already exists; Sift does not overwrite it, so ${from} stays where it is.`));
      return false;
    }
    const current = await this.readParsed(from);
    if (!current) return false;
    mutate(current.doc);
    canonicalize(kind, current.doc);
    this.edits.set(to, { kind: 'write', path: to, content: renderDocument(current.doc), expectedHash: null });
    if (current.hash === null) this.edits.delete(from);
    else this.edits.set(from, { kind: 'delete', path: from, expectedHash: current.hash });
    return true;
  }

  /** The current text of a YAML file with its document, or undefined (a problem says why: missing, stale, with errors). */
  private async readParsed(path: string): Promise<{ text: string; hash: string | null; doc: Document.Parsed } | undefined> {
    const current = await this.readCurrent(path);
    if (!current) return undefined;
    const parsed = parseYaml(path, current.text);
    if (!parsed.doc) {
      this.problems.push(problem(path, undefined, 'error', 'edit-refused', `${path} has errors, so Sift will not change it; fix them first (see \`sift check\`).`), ...parsed.problems);
      return undefined;
    }
    return { ...current, doc: parsed.doc };
  }

  /**
   * Changes a file as loaded by a text transformation that may decline (return undefined):
   * the fast path of an edit whose full path is `edit`. Declined too, before reading, when
   * the plan has no loaded versions or already changes the file, since `change` relies on the
   * loaded workspace's values of the file. Returns undefined when declined (take the full
   * path), false when nothing was changed or the file was refused (a problem says why).
   */
  async splice(path: string, change: (text: string) => string | undefined): Promise<boolean | undefined> {
    if (!this.versions || this.edits.has(path)) return undefined;
    const current = await this.readCurrent(path);
    if (!current) return false;
    const content = change(current.text);
    if (content === undefined) return undefined;
    if (content === current.text) return false;
    this.edits.set(path, { kind: 'write', path, content, expectedHash: current.hash });
    return true;
  }

  /** Creates a new YAML file from a plain value; refused if the file exists. */
  async create(kind: FileKind, path: string, value: unknown, comment?: string, style?: (doc: Document) => void): Promise<boolean> {
    if (await this.fs.stat(path)) {
      this.problems.push(problem(path, undefined, 'error', 'exists', `${path} already exists; Sift does not overwrite it.`));
      return false;
    }
    const doc = parseDocument('{}');
    doc.contents = doc.createNode(value) as typeof doc.contents;
    if (comment) doc.commentBefore = comment;
    styleNewDocument(doc);
    style?.(doc);
    canonicalize(kind, doc);
    this.edits.set(path, { kind: 'write', path, content: renderDocument(doc), expectedHash: null });
    return true;
  }

  /** Adds a plain text file (a new transcript, a .gitignore); refused if it exists. */
  async createText(path: string, content: string): Promise<boolean> {
    if (await this.fs.stat(path)) {
      this.problems.push(problem(path, undefined, 'error', 'exists', `${path} already exists; Sift does not overwrite it.`));
      return false;
    }
    this.edits.set(path, { kind: 'write', path, content, expectedHash: null });
    return true;
  }

  /**
   * Replaces the text of a text file (a transcript) with `text`, a new normalised text,
   * written in the file's own style (BOM, CRLF line endings) so that nothing but the words
   * changes. Refused when the file's normalised text no longer hashes to `loadedTextHash`.
   */
  async writeText(path: string, loadedTextHash: string, text: string): Promise<boolean> {
    const bytes = await this.fs.readFile(path);
    if (!bytes) {
      this.problems.push(problem(path, undefined, 'error', 'missing-file', `${path} does not exist (any more).`));
      return false;
    }
    const decoded = decodeText(path, bytes);
    if (!decoded.ok) {
      this.problems.push(decoded.problem);
      return false;
    }
    if (gitBlobHash(decoded.text) !== loadedTextHash) {
      this.problems.push(problem(path, undefined, 'error', 'stale', `${path} changed on disk since the workspace was loaded; reload and try again. Nothing was written.`));
      return false;
    }
    if (decoded.text === text) return false;
    this.edits.set(path, { kind: 'write', path, content: inStyleOf(bytes, text), expectedHash: gitBlobHashOfBytes(bytes) });
    return true;
  }

  async delete(path: string): Promise<boolean> {
    const current = await this.readCurrent(path);
    if (!current) return false;
    if (current.hash === null)
      this.edits.delete(path); // created in this plan: simply not created
    else this.edits.set(path, { kind: 'delete', path, expectedHash: current.hash });
    return true;
  }

  /**
   * A problem about a node of a YAML file, at its line and column in the text this plan leaves
   * (a pending edit's, else the file as it is now): a warning about what was just written points
   * at it in the new text, a refusal at it in the file as it stands.
   */
  async problemAt(path: string, pointer: readonly (string | number)[], severity: Problem['severity'], code: string, message: string): Promise<Problem> {
    const pending = this.edits.get(path);
    const bytes = pending?.kind === 'write' ? undefined : await this.fs.readFile(path);
    const decoded = bytes ? decodeText(path, bytes) : undefined;
    const text = pending?.kind === 'write' ? pending.content : decoded?.ok ? decoded.text : undefined;
    const parsed = text !== undefined ? parseYaml(path, text) : undefined;
    return problem(path, parsed?.doc ? positionOf(parsed, pointer) : undefined, severity, code, message);
  }

  /** Whether a file exists now, or will once this plan is applied. */
  async exists(path: string): Promise<boolean> {
    const pending = this.edits.get(path);
    return pending ? pending.kind === 'write' : (await this.fs.stat(path)) !== undefined;
  }

  result(): EditResult {
    return { edits: [...this.edits.values()], problems: this.problems };
  }

  /** The text an edit starts from: a pending edit's content, or the file as on disk now. */
  private async readCurrent(path: string): Promise<{ text: string; hash: string | null } | undefined> {
    const pending = this.edits.get(path);
    if (pending?.kind === 'write') return { text: pending.content, hash: pending.expectedHash };
    const bytes = await this.fs.readFile(path);
    if (!bytes) {
      this.problems.push(problem(path, undefined, 'error', 'missing-file', `${path} does not exist (any more).`));
      return undefined;
    }
    const hash = gitBlobHashOfBytes(bytes);
    const loaded = this.versions?.get(path);
    if (this.versions && loaded !== hash) {
      this.problems.push(problem(path, undefined, 'error', 'stale', `${path} changed on disk since the workspace was loaded; reload and try again. Nothing was written.`));
      return undefined;
    }
    const decoded = decodeText(path, bytes);
    if (!decoded.ok) {
      this.problems.push(decoded.problem);
      return undefined;
    }
    return { text: decoded.text, hash };
  }
}

/** A normalised text with the BOM and CRLF line endings of the file it replaces. */
function inStyleOf(original: Uint8Array, text: string): string {
  const bom = original[0] === 0xef && original[1] === 0xbb && original[2] === 0xbf ? '\ufeff' : '';
  const crlf = original.indexOf(13) >= 0 && original.indexOf(10) > 0 && original[original.indexOf(10) - 1] === 13;
  return bom + (crlf ? text.replace(/\n/g, '\r\n') : text);
}

/**
 * How Sift writes what it creates: short lists of values on one line (`tags: [a, b]`,
 * `highlights: [h-…]`), media times quoted so no YAML 1.1 reader takes them for numbers.
 */
function styleNewDocument(doc: Document): void {
  visit(doc, {
    Seq(_, seq) {
      if (fitsOnOneLine(seq)) seq.flow = true;
    },
    Pair(_, pair) {
      if (isScalar(pair.key) && (pair.key.value === 'time' || pair.key.value === 'timeEnd') && isScalar(pair.value)) pair.value.type = Scalar.QUOTE_DOUBLE;
    },
  });
}
