/**
 * Highlights follow the text while a transcript is edited in VS Code: every content change
 * is told to the study service, which shifts the places of the highlights after it (no
 * re-anchoring guesswork: the editor says exactly what changed) and owns them until the
 * transcript is saved; saving writes those places, with the new text's hash, to its
 * highlights file.
 */
import * as vscode from 'vscode';
import { writeAnchors } from '../../../core/store/highlights';
import { normalizeText } from '../../../core/text';
import type { TextPositions } from '../../../core/editor/text-positions';
import type { SiftContext } from '../../context';
import { normalizedText, positionsOf } from '../../positions';
import { noteActivity } from '../../host/slices';
import { report } from '../tagging';

export function registerTracking(sift: SiftContext): vscode.Disposable {
  /**
   * The positions of each open transcript's text as of its last change, to read the next
   * change's ranges against: the same per-version object the decorations paint with
   * (positionsOf), so a keystroke indexes the new text once, not once per feature.
   */
  const tracked = new Map<string, TextPositions>();
  /** Documents being saved: their change of dirty state is the save's, not a revert's. */
  const saving = new Set<string>();

  const track = (doc: vscode.TextDocument) => {
    if (!sift.transcriptOf(doc.uri)) return;
    tracked.set(doc.uri.toString(), positionsOf(doc));
  };

  /** Keeps the text as opened retrievable by its hash, so later changes can be diffed from it. */
  const keepHistory = (doc: vscode.TextDocument) => {
    const ref = sift.transcriptOf(doc.uri);
    if (ref && !doc.isDirty) void ref.model.history?.remember?.(normalizedText(doc));
  };

  vscode.workspace.textDocuments.forEach(track);
  vscode.workspace.textDocuments.forEach(keepHistory);
  return vscode.Disposable.from(
    vscode.workspace.onDidOpenTextDocument((doc) => {
      track(doc);
      keepHistory(doc);
    }),
    vscode.workspace.onDidCloseTextDocument((doc) => {
      tracked.delete(doc.uri.toString());
      const ref = sift.transcriptOf(doc.uri);
      if (ref) ref.model.study.forgetLive(ref.path);
    }),
    // A transcript that became one (research.yaml's sources changed) is tracked from now.
    sift.onDidChange(() => vscode.workspace.textDocuments.forEach((doc) => tracked.has(doc.uri.toString()) || track(doc))),
    vscode.workspace.onWillSaveTextDocument((e) => saving.add(e.document.uri.toString())),
    vscode.workspace.onDidChangeTextDocument((e) => {
      const ref = sift.transcriptOf(e.document.uri);
      const before = tracked.get(e.document.uri.toString());
      if (!ref || !before) return;
      if (ref.model.placesWrittenByChange.has(ref.path) && e.contentChanges.length > 0) {
        // Sift's own edit of the text (it writes the places it planned): read the next change against the new text.
        ref.model.study.forgetLive(ref.path);
        track(e.document);
        return;
      }
      if (e.contentChanges.length === 0) {
        // Clean again without a save (reverted): the places are those on disk again.
        if (!e.document.isDirty && !saving.has(e.document.uri.toString())) ref.model.study.forgetLive(ref.path);
        return;
      }
      // The researcher is at work in this transcript: background work waits for a pause in the typing.
      noteActivity();
      // Changes are reported against the text before the event, non-overlapping.
      ref.model.study.moveLive(
        ref.path,
        e.contentChanges.map((c) => ({ start: before.codePointAt(c.range.start), end: before.codePointAt(c.range.end), inserted: [...normalizeText(c.text)].length })),
      );
      track(e.document);
    }),
    vscode.workspace.onDidSaveTextDocument(async (doc) => {
      saving.delete(doc.uri.toString());
      const ref = sift.transcriptOf(doc.uri);
      if (!ref || !vscode.workspace.isTrusted) return;
      const text = normalizedText(doc);
      await ref.model.history?.remember?.(text);
      const study = ref.model.study;
      // A change in progress (a tag) saved the transcript and writes the moved places itself, with its own edit.
      if (ref.model.placesWrittenByChange.has(ref.path)) return;
      if (study.hasLive(ref.path)) {
        report(await ref.model.change('Move highlights with the text', (plan, ws) => writeAnchors(plan, ws, ref.path, text, study.placeOf).then(() => undefined)));
      }
      study.forgetLive(ref.path);
    }),
  );
}
