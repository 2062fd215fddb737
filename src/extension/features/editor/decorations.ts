/**
 * Highlights coloured in transcripts: each by its first tag's codebook colour, overlaps
 * visible (translucent tints add up), a mark in the overview ruler and a gutter bar.
 * Decoration types are made once per colour and style; only the ranges change.
 */
import * as vscode from 'vscode';
import type { SiftContext } from '../../context';
import { planDecorations, type PaintedRange } from '../../../core/editor/decoration-plan';
import { positionsOf, toRange } from '../../positions';

const FALLBACK = 'sift.highlightBackground';

/** What is painted in each editor (document URI → highlight ranges), readable by tests. */
export const painted = new Map<string, { id: string; range: vscode.Range; state: PaintedRange['state'] }[]>();

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

  const typeFor = (color: string | undefined): vscode.TextEditorDecorationType => {
    const config = vscode.workspace.getConfiguration('sift');
    const style = config.get<string>('decorationStyle', 'background');
    const gutter = config.get<boolean>('showGutterMarkers', true);
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
    const byType = new Map<vscode.TextEditorDecorationType, vscode.DecorationOptions[]>();
    for (const t of types.values()) byType.set(t, []); // colours no longer used are cleared
    let fuzzy: vscode.DecorationOptions[] = [];
    let shown: { id: string; range: vscode.Range; state: PaintedRange['state'] }[] = [];
    if (ref) {
      const colors = new Map(ref.model.workspace?.codebook.map((t) => [t.id, t.color]) ?? []);
      const plan = planDecorations(sift.highlightsOf(ref), (tag) => colors.get(tag), positionsOf(editor.document));
      for (const [color, ranges] of plan.byColor) {
        const type = typeFor(color);
        byType.set(type, [...(byType.get(type) ?? []), ...ranges.map((p) => ({ range: toRange(p.range) }))]);
      }
      fuzzy = plan.fuzzy.map((p) => ({ range: toRange(p.range), hoverMessage: 'Sift found this highlight only approximately: confirm its place (see Problems).' }));
      shown = plan.painted.map((p) => ({ ...p, range: toRange(p.range) }));
    }
    for (const [type, ranges] of byType) editor.setDecorations(type, ranges);
    painted.set(editor.document.uri.toString(), shown);
    editor.setDecorations(fuzzyType, fuzzy);
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

  const resetTypes = () => {
    for (const t of types.values()) t.dispose();
    types.clear();
    refreshVisible();
  };

  refreshVisible();
  return vscode.Disposable.from(
    sift.onDidChange(refreshVisible),
    // An edit in a transcript moves the highlights after it (features/editor/tracking.ts tells the study service).
    sift.onDidMovePlaces(refreshTranscripts),
    vscode.window.onDidChangeVisibleTextEditors(refreshVisible),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('sift') && resetTypes()),
    fuzzyType,
    { dispose: () => types.forEach((t) => t.dispose()) },
  );
}

/** A thin coloured bar for the gutter, as an SVG data URI. */
function gutterBar(color: string): vscode.Uri {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"><rect x="6" y="0" width="3" height="16" rx="1" fill="${color}"/></svg>`;
  return vscode.Uri.parse(`data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`);
}
