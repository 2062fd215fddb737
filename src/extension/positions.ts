/**
 * From Sift's offsets (code points over the text with `\n` line endings) to VS Code
 * positions (line and UTF-16 character) and back. Lines are the same in both texts; only
 * characters within a line differ, by astral characters. One index per document version.
 */
import * as vscode from 'vscode';
import { CodePointIndex, computeLineStarts, lineAndCharacter, normalizeText } from '../core/text';

interface DocumentIndex {
  version: number;
  normalized: string;
  codePoints: CodePointIndex;
  lineStarts: number[];
}

const cache = new WeakMap<vscode.TextDocument, DocumentIndex>();

function indexOf(doc: vscode.TextDocument): DocumentIndex {
  const cached = cache.get(doc);
  if (cached && cached.version === doc.version) return cached;
  const normalized = normalizeText(doc.getText());
  const index = { version: doc.version, normalized, codePoints: new CodePointIndex(normalized), lineStarts: computeLineStarts(normalized) };
  cache.set(doc, index);
  return index;
}

export function positionAt(doc: vscode.TextDocument, codePoint: number): vscode.Position {
  const idx = indexOf(doc);
  const { line, character } = lineAndCharacter(idx.normalized, idx.codePoints.toUtf16(codePoint), idx.lineStarts);
  return new vscode.Position(line, character);
}

export function rangeOf(doc: vscode.TextDocument, start: number, end: number): vscode.Range {
  return new vscode.Range(positionAt(doc, start), positionAt(doc, end));
}

export function codePointAt(doc: vscode.TextDocument, position: vscode.Position): number {
  const idx = indexOf(doc);
  const lineStart = idx.lineStarts[Math.min(position.line, idx.lineStarts.length - 1)] ?? 0;
  return idx.codePoints.toCodePoint(lineStart + position.character);
}

export function normalizedText(doc: vscode.TextDocument): string {
  return indexOf(doc).normalized;
}
