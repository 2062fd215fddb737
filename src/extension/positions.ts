/**
 * VS Code positions for Sift's offsets (code points over normalised text): the core's
 * TextPositions, one per document version, as vscode.Position / vscode.Range.
 */
import * as vscode from 'vscode';
import { TextPositions, type EditorRange } from '../core/editor/text-positions';

const cache = new WeakMap<vscode.TextDocument, { version: number; positions: TextPositions }>();

export function positionsOf(doc: vscode.TextDocument): TextPositions {
  const cached = cache.get(doc);
  if (cached && cached.version === doc.version) return cached.positions;
  const positions = new TextPositions(doc.getText());
  cache.set(doc, { version: doc.version, positions });
  return positions;
}

export function positionAt(doc: vscode.TextDocument, codePoint: number): vscode.Position {
  const { line, character } = positionsOf(doc).positionAt(codePoint);
  return new vscode.Position(line, character);
}

export function rangeOf(doc: vscode.TextDocument, start: number, end: number): vscode.Range {
  return toRange(positionsOf(doc).rangeOf(start, end));
}

export function toRange(r: EditorRange): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

export function codePointAt(doc: vscode.TextDocument, position: vscode.Position): number {
  return positionsOf(doc).codePointAt(position);
}

export function normalizedText(doc: vscode.TextDocument): string {
  return positionsOf(doc).normalized;
}
