/**
 * `sift pii [dir | file…] [--format text|json|github] [--in-workspace]`: personal data in a
 * workspace, or in some files (the pre-commit hook passes the staged ones). Files inside a
 * workspace are scanned with what it knows (participant ids, the key file, the names
 * list); files outside any workspace with the patterns alone, unless --in-workspace says
 * to skip them.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { PiiFinding } from '../core/privacy/findings';
import { isScannable, readPrivacySources, scanFiles, scannableFiles, scanWorkspace } from '../core/privacy/scan';
import { normalizeText } from '../core/text';
import { RESEARCH_FILE } from '../core/workspace/workspace';
import { choice, type Io } from './io';
import { openWorkspace, UsageError } from './open';
import { findingProblem } from './privacy';
import { formatProblem } from './report';

export async function pii(rest: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args: rest, options: { format: { type: 'string' }, 'in-workspace': { type: 'boolean' } }, allowPositionals: true, strict: true });
  const format = choice(values.format, ['text', 'json', 'github'] as const, 'text', 'format');
  const targets = positionals.length > 0 ? positionals : ['.'];
  for (const t of targets) if (!existsSync(t)) throw new UsageError(`${t} does not exist.`);
  const findings: PiiFinding[] = [];
  const problems: string[] = [];
  if (targets.length === 1 && statSync(targets[0]!).isDirectory()) {
    const { workspace: ws, fs, root } = await openWorkspace(targets[0]!);
    if (!ws.project) throw new UsageError(`${targets[0]} has no ${RESEARCH_FILE}: give the files to scan instead of the folder.`);
    const sources = await readPrivacySources(fs, ws);
    problems.push(...sources.problems.map((p) => formatProblem(p, 'text')));
    findings.push(...(await scanWorkspace(fs, ws, sources)).map((f) => relativeTo(f, root)));
  } else {
    for (const [root, files] of byWorkspace(targets)) {
      if (root === undefined) {
        if (values['in-workspace']) continue;
        findings.push(...(await scanFiles(files, async (f) => readPlain(f), { participantIds: [], names: [], guessNames: true })));
        continue;
      }
      const { workspace: ws, fs } = await openWorkspace(root);
      const sources = await readPrivacySources(fs, ws);
      problems.push(...sources.problems.map((p) => formatProblem(p, 'text')));
      const wanted = new Set(files.map((f) => path.relative(root, path.resolve(f)).split(path.sep).join('/')));
      const known = new Set(scannableFiles(ws, wanted));
      // Files of the workspace that are neither transcripts nor its YAML (a README) are not research data.
      findings.push(...(await scanWorkspace(fs, ws, sources, known)).map((f) => relativeTo(f, root)));
    }
  }
  for (const line of problems) io.err(line);
  if (format === 'json') io.out(JSON.stringify({ findings }, null, 2));
  else if (format === 'github') for (const f of findings) io.out(formatProblem(findingProblem(f, 'error'), 'github'));
  else {
    for (const f of findings) io.out(`${f.path}:${f.line}:${f.column}: ${f.kind} (${Math.round(f.confidence * 100)}%): ${f.text}`);
    io.out(findings.length === 0 ? 'No personal data found.' : `${findings.length} possible piece(s) of personal data. Pseudonymise them with \`sift redact\`.`);
  }
  return findings.length > 0 || problems.length > 0 ? 1 : 0;
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

function readPlain(file: string): string | undefined {
  try {
    return normalizeText(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}
