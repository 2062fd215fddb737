/**
 * A redaction checks its own result before anything is written. Pseudonymising is the one
 * deliberate change of a participant's words, so it must change nothing else: the study as it
 * would be after the edits is loaded from memory and compared with the study as it is —
 * every file still reads (no new error), every transcript keeps its front matter (participant,
 * date, kind) and its turns, and every highlight still anchors on its words. Anything else and
 * the whole redaction is refused with the reason.
 */
import type { FileEdit, FileEntry, FileStat, IFileSystem } from '../ports';
import { problem, type Problem } from '../problems';
import { loadWorkspace } from '../workspace/load';
import type { Workspace } from '../workspace/workspace';

// Every host Sift runs on (Node, browsers, VS Code web) has TextEncoder; the core's lib leaves out host globals.
declare const TextEncoder: { new (): { encode(s: string): Uint8Array } };

/** Problems with the study as `edits` would leave it; none when it is safe to write them. */
export async function verifyRedaction(fs: IFileSystem, before: Workspace, edits: readonly FileEdit[], renamed: ReadonlyMap<string, string> = new Map()): Promise<Problem[]> {
  if (edits.length === 0) return [];
  const { workspace: after } = await loadWorkspace(overlay(fs, edits));
  const out: Problem[] = [];
  const unsafe = (path: string, message: string) => out.push(problem(path, undefined, 'error', 'redaction-unsafe', `${message} The redaction was stopped before writing anything; please report this as a bug.`));
  const errorsBefore = new Set(before.problems.filter((p) => p.severity === 'error').map((p) => `${p.path}|${p.code}`));
  for (const p of after.problems) {
    if (p.severity === 'error' && !errorsBefore.has(`${p.path}|${p.code}`)) unsafe(p.path, `After the replacements, ${p.path} would have an error (line ${p.line}: ${p.message})`);
  }
  const written = new Set(edits.map((e) => e.path));
  for (const [path, t] of before.transcripts) {
    if (!written.has(path)) continue;
    const now = after.transcripts.get(path);
    if (!now) {
      unsafe(path, `After the replacements, ${path} would no longer be read as a transcript.`);
      continue;
    }
    if (JSON.stringify(now.meta) !== JSON.stringify(t.meta)) unsafe(path, `The replacements would change the front matter of ${path} (who, when, what kind), which is structure, not speech.`);
    const speakers = (turns: typeof t.turns) => turns.map((turn) => turn.speaker ?? '');
    const was = speakers(t.turns).map((s) => renamed.get(s) ?? s);
    if (JSON.stringify(speakers(now.turns)) !== JSON.stringify(was)) unsafe(path, `The replacements would change the turns of ${path}: a speaker label that is not a name would be rewritten.`);
  }
  for (const [id, r] of before.anchoring) {
    const now = after.anchoring.get(id);
    if ((r.state === 'anchored' || r.state === 'moved') && now?.state !== 'anchored' && now?.state !== 'moved')
      unsafe(before.highlightFiles.size > 0 ? pathOfHighlight(before, id) : '', `Highlight ${id} would no longer be found on its words after the replacements.`);
  }
  return out;
}

function pathOfHighlight(ws: Workspace, id: string): string {
  for (const f of ws.highlightFiles.values()) if (f.highlights.some((h) => h.id === id)) return f.path;
  return '';
}

/** The file system as it would be after the edits (written files read from the edits; deleted ones gone). */
function overlay(fs: IFileSystem, edits: readonly FileEdit[]): IFileSystem {
  const byPath = new Map(edits.map((e) => [e.path, e]));
  const bytesOf = (e: FileEdit) => (e.kind === 'write' ? new TextEncoder().encode(e.content) : undefined);
  const statOf = (e: FileEdit, base: FileStat | undefined): FileStat | undefined => (e.kind === 'write' ? { size: bytesOf(e)!.length, mtime: (base?.mtime ?? 0) + 1 } : undefined);
  return {
    readFile: async (path) => {
      const e = byPath.get(path);
      return e ? bytesOf(e) : fs.readFile(path);
    },
    stat: async (path) => {
      const e = byPath.get(path);
      return e ? statOf(e, await fs.stat(path)) : fs.stat(path);
    },
    listFiles: async () => {
      const listed = await fs.listFiles();
      const out: FileEntry[] = [];
      for (const f of listed) {
        const e = byPath.get(f.path);
        if (!e) out.push(f);
        else if (e.kind === 'write') out.push({ path: f.path, ...statOf(e, f)! });
      }
      for (const e of edits) if (e.kind === 'write' && !listed.some((f) => f.path === e.path)) out.push({ path: e.path, ...statOf(e, undefined)! });
      return out;
    },
  };
}
