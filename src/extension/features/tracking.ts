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

interface Tracked {
  /** The text as of the last change, to read the next change's ranges against. */
  index: CodePointIndex;
  lineStarts: number[];
  /**
   * Places moved by unsaved edits, by highlight id. A reload of the workspace (another
   * file saved, a `git pull`) anchors against the file on disk, which does not have these
   * edits yet, so they are laid over every reload until the transcript is saved.
   */
  live: Map<string, AnchorResult>;
}

export function registerTracking(sift: SiftContext): vscode.Disposable {
  const tracked = new Map<string, Tracked>();

  const track = (doc: vscode.TextDocument) => {
    if (!sift.transcriptOf(doc.uri)) return;
    const text = normalizedText(doc);
    const previous = tracked.get(doc.uri.toString());
    tracked.set(doc.uri.toString(), { index: new CodePointIndex(text), lineStarts: computeLineStarts(text), live: doc.isDirty ? (previous?.live ?? new Map()) : new Map() });
  };

  /** Keeps the text as opened retrievable by its hash, so later changes can be diffed from it. */
  const keepHistory = (doc: vscode.TextDocument) => {
    const ref = sift.transcriptOf(doc.uri);
    if (ref && !doc.isDirty) void ref.model.history?.remember?.(normalizedText(doc));
  };

  const layLivePlaces = () => {
    for (const doc of vscode.workspace.textDocuments) {
      const t = tracked.get(doc.uri.toString());
      const ref = sift.transcriptOf(doc.uri);
      if (!t || !ref || !doc.isDirty) continue;
      const anchoring = ref.model.workspace!.anchoring;
      for (const [id, r] of t.live) if (anchoring.has(id)) anchoring.set(id, r);
    }
  };

  vscode.workspace.textDocuments.forEach(track);
  vscode.workspace.textDocuments.forEach(keepHistory);
  return vscode.Disposable.from(
    vscode.workspace.onDidOpenTextDocument((doc) => {
      track(doc);
      keepHistory(doc);
    }),
    vscode.workspace.onDidCloseTextDocument((d) => tracked.delete(d.uri.toString())),
    sift.onDidChange(() => {
      layLivePlaces();
      vscode.workspace.textDocuments.forEach(track);
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      const ref = sift.transcriptOf(e.document.uri);
      const before = tracked.get(e.document.uri.toString());
      if (!ref || !before || e.contentChanges.length === 0) return;
      const anchoring = ref.model.workspace!.anchoring;
      const ids = sift.highlightsOf(ref).map((p) => p.highlight.id);
      // Changes are reported against the text before the event, non-overlapping: apply the last first.
      const changes = [...e.contentChanges].sort((a, b) => b.rangeOffset - a.rangeOffset);
      for (const change of changes) {
        const start = toCodePoint(before, change.range.start);
        const end = toCodePoint(before, change.range.end);
        const inserted = [...normalizeText(change.text)].length;
        for (const id of ids) {
          const r = anchoring.get(id);
          if (!r) continue;
          const moved = shift(r, start, end, inserted);
          if (moved === r) continue;
          anchoring.set(id, moved);
          before.live.set(id, moved);
        }
      }
      const text = normalizedText(e.document);
      before.index = new CodePointIndex(text);
      before.lineStarts = computeLineStarts(text);
    }),
    vscode.workspace.onDidSaveTextDocument(async (doc) => {
      const ref = sift.transcriptOf(doc.uri);
      const t = tracked.get(doc.uri.toString());
      if (!ref || !vscode.workspace.isTrusted) return;
      const text = normalizedText(doc);
      await ref.model.history?.remember?.(text);
      if (t && t.live.size > 0) {
        report(await ref.model.change('Move highlights with the text', (plan, ws) => writeAnchors(plan, ws, ref.path, text).then(() => undefined)));
      }
      t?.live.clear();
    }),
  );
}

function toCodePoint(before: Tracked, p: vscode.Position): number {
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
