/**
 * Highlights follow the text while a transcript is edited in VS Code: every content change
 * shifts the places of the highlights after it (no re-anchoring guesswork: the editor says
 * exactly what changed), and saving the transcript writes those places, with the new text's
 * hash, to its highlights file.
 */
import * as vscode from 'vscode';
import type { AnchorResult } from '../../core/anchoring/anchor';
import { writeAnchors } from '../../core/store/highlights';
import { CodePointIndex, computeLineStarts, normalizeText } from '../../core/text';
import type { SiftContext } from '../context';
import { normalizedText } from '../positions';
import { report } from './tagging';

/** The text of each tracked document as of its last change, to read change ranges against. */
const lastText = new Map<string, { index: CodePointIndex; lineStarts: number[] }>();

/**
 * Documents with unsaved edits whose tracked places were lost because the workspace was
 * reloaded from disk meanwhile (a `git pull`, another file saved). Their places are not
 * written on save; the reload that follows re-anchors them from the previous text instead.
 */
const untracked = new Set<string>();

export function registerTracking(sift: SiftContext): vscode.Disposable {
  const remember = (doc: vscode.TextDocument) => {
    if (!sift.transcriptOf(doc.uri)) return;
    const text = normalizedText(doc);
    lastText.set(doc.uri.toString(), { index: new CodePointIndex(text), lineStarts: computeLineStarts(text) });
  };
  /** Keeps the text as opened retrievable by its hash, so later changes can be diffed from it. */
  const keepHistory = (doc: vscode.TextDocument) => {
    const ref = sift.transcriptOf(doc.uri);
    if (ref && !doc.isDirty) void ref.model.history?.remember?.(normalizedText(doc));
  };
  vscode.workspace.textDocuments.forEach(remember);
  vscode.workspace.textDocuments.forEach(keepHistory);
  return vscode.Disposable.from(
    vscode.workspace.onDidOpenTextDocument((doc) => {
      remember(doc);
      keepHistory(doc);
    }),
    vscode.workspace.onDidCloseTextDocument((d) => {
      lastText.delete(d.uri.toString());
      untracked.delete(d.uri.toString());
    }),
    sift.onDidChange(() => {
      for (const doc of vscode.workspace.textDocuments) {
        if (doc.isDirty && sift.transcriptOf(doc.uri)) untracked.add(doc.uri.toString());
        remember(doc);
      }
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      const ref = sift.transcriptOf(e.document.uri);
      const before = lastText.get(e.document.uri.toString());
      if (!ref || !before || e.contentChanges.length === 0) return;
      const ws = ref.model.workspace!;
      const results = sift.highlightsOf(ref).map((p) => p.result).filter((r): r is AnchorResult => r !== undefined);
      // Changes are reported against the text before the event, non-overlapping: apply the last first.
      const changes = [...e.contentChanges].sort((a, b) => b.rangeOffset - a.rangeOffset);
      for (const change of changes) {
        const start = toCodePoint(before, change.range.start);
        const end = toCodePoint(before, change.range.end);
        const inserted = [...normalizeText(change.text)].length;
        for (const r of results) ws.anchoring.set(r.id, shift(ws.anchoring.get(r.id) ?? r, start, end, inserted));
      }
      remember(e.document);
    }),
    vscode.workspace.onDidSaveTextDocument(async (doc) => {
      const ref = sift.transcriptOf(doc.uri);
      if (!ref || !vscode.workspace.isTrusted) return;
      if (untracked.delete(doc.uri.toString())) return;
      const text = normalizedText(doc);
      report(await ref.model.change('Move highlights with the text', (plan, ws) => writeAnchors(plan, ws, ref.path, text).then(() => undefined)));
      await ref.model.history?.remember?.(text);
    }),
  );
}

function toCodePoint(before: { index: CodePointIndex; lineStarts: number[] }, p: vscode.Position): number {
  const lineStart = before.lineStarts[Math.min(p.line, before.lineStarts.length - 1)] ?? 0;
  return before.index.toCodePoint(lineStart + p.character);
}

/** The place of a highlight after [start, end) was replaced by `inserted` code points. */
export function shift(r: AnchorResult, start: number, end: number, inserted: number): AnchorResult {
  if (r.state === 'orphaned') return r;
  const delta = inserted - (end - start);
  const at = (offset: number, isEnd: boolean) => {
    if (offset < start || (offset === start && isEnd)) return offset; // before the change
    if (offset >= end) return offset + delta; // after it: moves with the text
    return isEnd ? start + inserted : start; // inside the replaced text
  };
  const next = { ...r, start: at(r.start, false), end: at(r.end, true) };
  if (next.start === r.start && next.end === r.end) return r;
  return { ...next, state: r.state === 'fuzzy' ? 'fuzzy' : 'moved', reason: 'moved with your edit in the editor' };
}
