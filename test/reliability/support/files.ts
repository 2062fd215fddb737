/**
 * What a fault test compares: the user's files (everything but Sift's cache, .git and
 * Sift's own temporary files) before and after, and the bytes of them that were lost.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

/** A temporary file Sift's atomic write makes beside its target (`.name.<8 hex>.tmp`). */
export const TEMP_FILE = /(?:^|\/)\.[^/]+\.[0-9a-f]{8}\.tmp$/;

function walk(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((rel) => rel.split(path.sep).join('/'))
    .filter((rel) => !rel.startsWith('.sift') && rel !== '.git' && !rel.startsWith('.git/') && statSync(path.join(dir, rel)).isFile());
}

export function userFiles(dir: string): Map<string, Buffer> {
  return new Map(
    walk(dir)
      .filter((rel) => !TEMP_FILE.test(rel))
      .map((rel) => [rel, readFileSync(path.join(dir, rel))]),
  );
}

export function tempLitter(dir: string): string[] {
  return walk(dir).filter((rel) => TEMP_FILE.test(rel));
}

/**
 * Bytes of `before` that are gone: files missing now, and files changed that were not
 * meant to change (`mayChange`), counted whole.
 */
export function lostBytes(before: Map<string, Buffer>, dir: string, mayChange: (file: string) => boolean = () => false): number {
  const now = userFiles(dir);
  let lost = 0;
  for (const [file, bytes] of before) {
    const after = now.get(file);
    if (!after) lost += bytes.length;
    else if (!after.equals(bytes) && !mayChange(file)) lost += bytes.length;
  }
  return lost;
}
