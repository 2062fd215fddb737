/**
 * The personal-data scan of a study on disk, as `sift check`, `sift pii`, `sift redact` and
 * the shareable outputs run it: the researchers' decisions applied, and what the scanner
 * learnt kept in `.sift/cache/privacy.bin` (git-ignored) by each file's content hash, so an
 * unchanged study is not scanned again. A missing, corrupt or older cache is ignored: it only
 * ever makes the scan faster, never changes its result.
 */
import { readFile, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { applyDecisions } from '../core/privacy/decisions';
import type { PiiFinding } from '../core/privacy/findings';
import { PrivacyScanner, readPrivacySources, scannableFiles, scanOptionsOf, type PrivacySources, type StudyFindings } from '../core/privacy/scan';
import { sharingGuard, type SharingGuard } from '../core/privacy/share';
import type { IFileSystem } from '../core/ports';
import { readText } from '../core/workspace/load';
import type { Workspace } from '../core/workspace/workspace';
import { writeAtomically } from './node-fs';

export interface StudyScan {
  sources: PrivacySources;
  /** Every finding. */
  findings: PiiFinding[];
  /** Findings no decision sets aside: what warns, and what shareable outputs mask. */
  open: PiiFinding[];
  /** Findings a decision in privacy.yaml sets aside. */
  setAside: PiiFinding[];
}

export function privacyCachePath(root: string): string {
  return path.join(root, '.sift', 'cache', 'privacy.bin');
}

/** Scans a loaded study (`cache: false` reads and writes no cache). */
export async function scanStudy(ws: Workspace, fs: IFileSystem, root: string, options: { cache?: boolean } = {}): Promise<StudyScan> {
  const { sources, found } = await scanPacked(ws, fs, root, options);
  const findings = found.all();
  const { open, setAside } = applyDecisions(findings, sources.decisions);
  return { sources, findings, open, setAside };
}

/** The guard shareable outputs (report, CSV export, persona cards, the site) mask with: findings stay packed until a quote asks. */
export async function studyGuard(ws: Workspace, fs: IFileSystem, root: string): Promise<SharingGuard> {
  const { sources, found } = await scanPacked(ws, fs, root, {});
  return sharingGuard(ws, found, sources.decisions);
}

async function scanPacked(ws: Workspace, fs: IFileSystem, root: string, options: { cache?: boolean }): Promise<{ sources: PrivacySources; found: StudyFindings }> {
  const sources = await readPrivacySources(fs, ws);
  const useCache = options.cache !== false;
  const scanner = useCache ? PrivacyScanner.fromSnapshot(await readCache(root)) : new PrivacyScanner();
  // A file's hash as the loader computed it from its bytes: no file is read to know it is unchanged.
  const files = scannableFiles(ws).map((p) => ({ path: p, hash: ws.transcripts.get(p)?.hash ?? ws.versions.get(p) ?? '' }));
  const found = await scanner.findings(files, (p) => readText(fs, p), scanOptionsOf(ws, sources));
  if (useCache && scanner.changed) await writeCache(root, scanner);
  return { sources, found };
}

async function readCache(root: string): Promise<Uint8Array | undefined> {
  return readFile(privacyCachePath(root)).catch(() => undefined);
}

async function writeCache(root: string, scanner: PrivacyScanner): Promise<void> {
  try {
    await writeAtomically(privacyCachePath(root), scanner.snapshot());
    // The JSON cache earlier versions wrote (58 MB at 50,000 highlights), which nothing reads any more.
    await rm(path.join(root, '.sift', 'cache', 'privacy.json'), { force: true });
  } catch {
    // A read-only checkout still works, just without a warm cache.
  }
}
