/**
 * `sift pii [dir | file…] [--format text|json|github] [--in-workspace] [--staged]`: personal
 * data in a workspace, or in some files, or (--staged, for the pre-commit hook) in what is
 * staged for the next commit, read from git's index rather than the working tree. Files
 * inside a workspace are scanned with what it knows (participant ids, the key file, the
 * names list); files outside any workspace with the patterns alone, unless --in-workspace
 * (implied by --staged) says to skip them.
 */
import { formatShare } from '../core/format';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { PiiFinding } from '../core/privacy/findings';
import { groupedFindings, type ReportedFinding } from '../core/privacy/label-findings';
import type { Turn } from '../core/model';
import { parseTranscript, transcriptFormatOf } from '../core/transcripts';
import { isScannable, readPrivacySources, scanFiles, scannableFiles, scanWorkspace } from '../core/privacy/scan';
import { applyDecisions } from '../core/privacy/decisions';
import { scanStudy } from '../node/privacy-scan';
import { decodeText, normalizeText } from '../core/text';
import { RESEARCH_FILE } from '../core/workspace/workspace';
import { choice, type Io } from './io';
import { NotAWorkspaceError, openWorkspace, UsageError } from './open';
import { findingProblem } from '../core/privacy/findings';
import { formatProblem } from './report';

export async function pii(rest: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args: rest, options: { format: { type: 'string' }, 'in-workspace': { type: 'boolean' }, staged: { type: 'boolean' } }, allowPositionals: true, strict: true });
  const format = choice(values.format, ['text', 'json', 'github'] as const, 'text', 'format');
  if (values.staged && positionals.length > 0) throw new UsageError('--staged scans what is staged in git; give no files with it.');
  const staged = values.staged ? stagedFiles() : undefined;
  const targets = staged ? staged.files : positionals.length > 0 ? positionals : ['.'];
  const skipLoose = values['in-workspace'] === true || staged !== undefined;
  for (const t of targets) if (!staged && !existsSync(t)) throw new UsageError(`${t} does not exist.`);
  const findings: PiiFinding[] = [];
  /** What is listed for a reader: a speaker label once per name and transcript, the same words once per file (json lists every finding). */
  const reported: ReportedFinding[] = [];
  const problems: string[] = [];
  /** Findings the researchers' decisions (privacy.yaml) set aside: counted, not listed. */
  let setAside = 0;
  if (!staged && targets.length === 1 && statSync(targets[0]!).isDirectory()) {
    if (!existsSync(path.join(targets[0]!, RESEARCH_FILE))) throw new NotAWorkspaceError(targets[0]!, `it has no ${RESEARCH_FILE} (to scan files outside a workspace, give the files instead of the folder)`);
    const { workspace: ws, fs, root } = await openWorkspace(targets[0]!);
    const scan = await scanStudy(ws, fs, root);
    problems.push(...scan.sources.problems.map((p) => formatProblem(p, 'text')));
    collect(scan.open, (p) => ws.transcripts.get(p)?.turns, root);
    setAside += scan.setAside.length;
  } else {
    for (const [root, files] of byWorkspace(targets)) {
      if (root === undefined) {
        if (skipLoose) continue;
        const texts = new Map(files.map((f) => [f, readPlain(f)]));
        collect(await scanFiles(files, async (f) => texts.get(f), { participantIds: [], names: [], guessNames: true }), (f) => looseTurns(f, texts.get(f)));
        continue;
      }
      const { workspace: ws, fs } = await openWorkspace(root);
      const sources = await readPrivacySources(fs, ws);
      problems.push(...sources.problems.map((p) => formatProblem(p, 'text')));
      const wanted = new Set(files.map((f) => path.relative(root, path.resolve(f)).split(path.sep).join('/')));
      const known = new Set(scannableFiles(ws, wanted));
      // Files of the workspace that are neither transcripts nor its YAML (a README) are not research data.
      // Staged, the labels are where the staged text has them: its turns, not the working tree's.
      const stagedTexts = new Map<string, string | undefined>();
      const read = staged
        ? async (p: string) => {
            const text = await staged.read(path.join(root, p));
            stagedTexts.set(p, text);
            return text;
          }
        : undefined;
      const { open, setAside: decided } = applyDecisions(await scanWorkspace(fs, ws, sources, known, read), sources.decisions);
      collect(open, (p) => (staged ? looseTurns(p, stagedTexts.get(p)) : ws.transcripts.get(p)?.turns), root);
      setAside += decided.length;
    }
  }
  for (const line of problems) io.err(line);
  if (format === 'json') io.out(JSON.stringify({ findings, setAside }, null, 2));
  else if (format === 'github') for (const r of reported) io.out(formatProblem(findingProblem(r.finding, 'error', r.labels, r.repeats), 'github'));
  else {
    for (const r of reported) io.out(findingLine(r));
    const aside = setAside > 0 ? ` ${setAside} set aside by decisions in privacy.yaml.` : '';
    io.out(reported.length === 0 ? `No personal data found.${aside}` : `${countSentence(reported, findings.length)}${aside} ${advice(reported)}`);
  }
  return findings.length > 0 || problems.length > 0 ? 1 : 0;

  /** Keeps every finding, and the ones to list; paths made relative to the current folder after grouping (turns are looked up by workspace path). */
  function collect(found: readonly PiiFinding[], turnsOf: (path: string) => readonly Turn[] | undefined, root?: string): void {
    for (const r of groupedFindings(found, turnsOf)) reported.push(root === undefined ? r : { ...r, finding: relativeTo(r.finding, root) });
    findings.push(...(root === undefined ? found : found.map((f) => relativeTo(f, root))));
  }
}

function findingLine({ finding: f, labels, repeats }: ReportedFinding): string {
  const times = labels !== undefined ? `, the speaker label of ${labels} turn${labels === 1 ? '' : 's'} in this transcript (the first is here)` : repeats !== undefined ? `, ${repeats} times in this file (the first is here)` : '';
  return `${f.path}:${f.line}:${f.column}: ${f.kind} (${formatShare(f.confidence)}): ${f.text}${times}`;
}

/** "9 possible pieces of personal data in 418 places, 7 of them speaker labels." */
function countSentence(reported: readonly ReportedFinding[], places: number): string {
  const n = reported.length;
  const labels = reported.filter((r) => r.labels !== undefined).length;
  const what = `${n} possible piece${n === 1 ? '' : 's'} of personal data${places > n ? ` in ${places} places` : ''}`;
  if (labels === 0) return `${what}.`;
  if (n === 1) return `${what}, a speaker label.`;
  if (labels === n) return `${what}, all speaker labels.`;
  return `${what}, ${labels === 1 ? 'one of them a speaker label' : `${labels} of them speaker labels`}.`;
}

function advice(reported: readonly ReportedFinding[]): string {
  const them = reported.length === 1 ? 'it' : 'them';
  const every = reported.some((r) => r.labels !== undefined || r.repeats !== undefined) ? ', which replaces every one,' : ',';
  return `Pseudonymise ${them} with \`sift redact\`${every} or record a decision in privacy.yaml (not-personal-data or accepted).`;
}

/** The turns of a file's text (a loose file, or a staged version), when it is a transcript, so its speaker labels are listed once too. */
function looseTurns(file: string, text: string | undefined): readonly Turn[] | undefined {
  return text !== undefined && transcriptFormatOf(file) !== undefined ? parseTranscript(file, text).turns : undefined;
}

/** Paths as the person typed them relative to: the current folder. */
function relativeTo(f: PiiFinding, root: string): PiiFinding {
  return { ...f, path: path.relative(process.cwd(), path.join(root, f.path)).split(path.sep).join('/') };
}

/** Files grouped by the workspace they are in (the nearest folder above with a research.yaml), or undefined. */
function byWorkspace(files: string[]): Map<string | undefined, string[]> {
  const out = new Map<string | undefined, string[]>();
  for (const f of files) {
    if (!isScannable(f)) continue;
    const root = workspaceOf(path.resolve(f));
    out.set(root, [...(out.get(root) ?? []), f]);
  }
  return out;
}

function workspaceOf(file: string): string | undefined {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, RESEARCH_FILE))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * The files staged for the next commit (added, copied, modified, renamed), as absolute
 * paths, and how to read each as staged. Run inside the repository.
 */
function stagedFiles(): { files: string[]; read: (absolute: string) => Promise<string | undefined> } {
  const git = (args: string[]) => spawnSync('git', args, { maxBuffer: 1 << 30 });
  const top = git(['rev-parse', '--show-toplevel']);
  if (top.status !== 0) throw new UsageError('--staged needs a git repository: run it inside one.');
  const root = top.stdout.toString('utf8').trim();
  const list = git(['-C', root, 'diff', '--cached', '--name-only', '--diff-filter=ACMR', '-z']).stdout.toString('utf8');
  const files = list
    .split('\0')
    .filter(Boolean)
    .map((p) => path.join(root, p));
  const read = async (absolute: string) => {
    const blob = git(['-C', root, 'cat-file', 'blob', `:${path.relative(root, absolute).split(path.sep).join('/')}`]);
    if (blob.status !== 0) return undefined;
    const decoded = decodeText(absolute, new Uint8Array(blob.stdout));
    return decoded.ok ? decoded.text : undefined;
  };
  return { files, read };
}

function readPlain(file: string): string | undefined {
  try {
    return normalizeText(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}
