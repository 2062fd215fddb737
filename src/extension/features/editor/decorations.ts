/**
 * Highlights coloured in transcripts: each by its first tag's codebook colour, overlaps
 * visible (translucent tints add up), a mark in the overview ruler and a gutter bar.
 * Decoration types are made once per colour and style; only the ranges change.
 */
import * as vscode from 'vscode';
import type { SiftContext, StudyFilesChanged } from '../../context';
import { planDecorations, type PaintedRange } from '../../../core/editor/decoration-plan';
import { positionsOf, toRange } from '../../positions';

const FALLBACK = 'sift.highlightBackground';

/** What is painted in each editor (document URI → highlight ranges), readable by tests. */
export const painted = new Map<string, { id: string; range: vscode.Range; state: PaintedRange['state'] }[]>();

/** How many decoration updates were sent to the window (test builds only): a keystroke sends only what it changed. */
export const decorationsSent = { count: 0 };

const paintedChanged = new vscode.EventEmitter<void>();
/** Fires after the visible editors were repainted (so `painted` is current). */
export const onDidPaint = paintedChanged.event;

export function registerDecorations(sift: SiftContext): vscode.Disposable {
  const types = new Map<string, vscode.TextEditorDecorationType>();
  const fuzzyType = vscode.window.createTextEditorDecorationType({
    border: '1px dashed',
    borderColor: new vscode.ThemeColor('sift.fuzzyHighlightBorder'),
    overviewRulerColor: new vscode.ThemeColor('sift.fuzzyHighlightBorder'),
    overviewRulerLane: vscode.OverviewRulerLane.Right,
  });

  /** The settings the types are made with: read once, and again when they change (not on every keystroke's repaint). */
  const readStyle = () => {
    const config = vscode.workspace.getConfiguration('sift');
    return { style: config.get<string>('decorationStyle', 'background'), gutter: config.get<boolean>('showGutterMarkers', true) };
  };
  let { style, gutter } = readStyle();
  /**
   * What each type last painted in each editor: a repaint sends only the types whose ranges
   * changed. Every call is a message to the window, and a keystroke used to send one per
   * colour of the codebook, used in the transcript or not.
   */
  let sent = new WeakMap<vscode.TextEditor, Map<vscode.TextEditorDecorationType, readonly vscode.Range[]>>();
  const send = (editor: vscode.TextEditor, type: vscode.TextEditorDecorationType, ranges: vscode.Range[], options: vscode.DecorationOptions[] = ranges.map((range) => ({ range }))) => {
    let last = sent.get(editor);
    if (!last) sent.set(editor, (last = new Map()));
    if (sameRanges(last.get(type), ranges)) return;
    last.set(type, ranges);
    editor.setDecorations(type, options);
    if (SIFT_TEST) decorationsSent.count++;
  };

  const typeFor = (color: string | undefined): vscode.TextEditorDecorationType => {
    const key = `${color ?? FALLBACK}|${style}|${gutter}`;
    let type = types.get(key);
    if (!type) {
      const paint = color ? `${color}38` : new vscode.ThemeColor(FALLBACK);
      type = vscode.window.createTextEditorDecorationType({
        ...(style === 'underline' ? { textDecoration: `underline 2px ${color ?? 'currentColor'}` } : { backgroundColor: paint, borderRadius: '2px' }),
        overviewRulerColor: color ?? new vscode.ThemeColor(FALLBACK),
        overviewRulerLane: vscode.OverviewRulerLane.Center,
        ...(gutter ? { gutterIconPath: gutterBar(color ?? '#d4a72c'), gutterIconSize: 'contain' } : {}),
        rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
      });
      types.set(key, type);
    }
    return type;
  };

  const refresh = (editor: vscode.TextEditor) => {
    const ref = sift.transcriptOf(editor.document.uri);
    const byType = new Map<vscode.TextEditorDecorationType, vscode.Range[]>();
    for (const t of types.values()) byType.set(t, []); // colours no longer used are cleared
    let fuzzy: vscode.Range[] = [];
    let shown: { id: string; range: vscode.Range; state: PaintedRange['state'] }[] = [];
    if (ref) {
      const colors = new Map(ref.model.workspace?.codebook.map((t) => [t.id, t.color]) ?? []);
      const plan = planDecorations(sift.highlightsOf(ref), (tag) => colors.get(tag), positionsOf(editor.document));
      // One vscode.Range per highlight, shared by its colour, the fuzzy outline and what tests read.
      shown = plan.painted.map((p) => ({ ...p, range: toRange(p.range) }));
      const rangeOf = new Map(plan.painted.map((p, i) => [p, shown[i]!.range]));
      for (const [color, ranges] of plan.byColor) {
        const type = typeFor(color);
        const into = byType.get(type) ?? [];
        for (const p of ranges) into.push(rangeOf.get(p)!);
        byType.set(type, into);
      }
      fuzzy = plan.fuzzy.map((p) => rangeOf.get(p)!);
    }
    for (const [type, ranges] of byType) send(editor, type, ranges);
    painted.set(editor.document.uri.toString(), shown);
    send(
      editor,
      fuzzyType,
      fuzzy,
      fuzzy.map((range) => ({ range, hoverMessage: 'Sift found this highlight only approximately: confirm its place (see Problems).' })),
    );
  };

  // Repainted as soon as the study service announces a change: it has moved the places
  // already, so nothing needs to wait for another listener to finish first.
  const refreshVisible = () => {
    vscode.window.visibleTextEditors.forEach(refresh);
    paintedChanged.fire();
  };
  const refreshTranscripts = (refs: readonly { model: unknown; path: string }[]) => {
    const editors = vscode.window.visibleTextEditors.filter((e) => {
      const ref = sift.transcriptOf(e.document.uri);
      return ref && refs.some((r) => r.model === ref.model && r.path === ref.path);
    });
    if (editors.length === 0) return;
    editors.forEach(refresh);
    paintedChanged.fire();
  };

  // After Sift's own write of highlights files only their transcripts' editors change: a tag
  // repaints the editor it was made in, not every visible one. Anything else repaints them all.
  const refreshChanged = (change: StudyFilesChanged | undefined) => {
    if (!change || change.paths === 'all') return refreshVisible();
    const highlights = change.study.highlightFiles;
    const sources = change.paths.flatMap((p) => {
      const source = highlights.get(p)?.source;
      return source === undefined ? [] : [{ model: change.model, path: source }];
    });
    refreshTranscripts(sources);
  };

  const resetTypes = () => {
    for (const t of types.values()) t.dispose();
    types.clear();
    ({ style, gutter } = readStyle());
    refreshVisible();
  };
  /** Editors shown anew paint everything again: what a hidden editor held is not assumed to be on screen. */
  const repaintVisible = () => {
    sent = new WeakMap();
    refreshVisible();
  };

  refreshVisible();
  return vscode.Disposable.from(
    sift.onDidChange(refreshChanged),
    // An edit in a transcript moves the highlights after it (features/editor/tracking.ts tells the study service).
    sift.onDidMovePlaces(refreshTranscripts),
    vscode.window.onDidChangeVisibleTextEditors(repaintVisible),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('sift') && resetTypes()),
    fuzzyType,
    { dispose: () => types.forEach((t) => t.dispose()) },
  );
}

/** The same ranges in the same order (a type's ranges as last sent to an editor). */
function sameRanges(a: readonly vscode.Range[] | undefined, b: readonly vscode.Range[]): boolean {
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!a[i]!.isEqual(b[i]!)) return false;
  return true;
}

/** A thin coloured bar for the gutter, as an SVG data URI. */
function gutterBar(color: string): vscode.Uri {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"><rect x="6" y="0" width="3" height="16" rx="1" fill="${color}"/></svg>`;
  return vscode.Uri.parse(`data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`);
}
