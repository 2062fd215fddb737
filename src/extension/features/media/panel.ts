/**
 * The recording player beside a transcript (dist/player.js, loaded on first use). One player
 * per window, playing the recording of one transcript at a time:
 * - "Play from Here" plays from the timestamp, the highlight or the turn at the cursor; a lens
 *   above each highlight of a transcript with a recording plays from that highlight;
 * - while it plays, the turn being heard is marked in the transcript (and scrolled to, unless
 *   `sift.player.followPlayback` is off);
 * - the keyboard commands reach the player from the editor, and "Tag the Turn Being Heard"
 *   selects that turn and runs the ordinary tag command on it.
 * The webview plays only the local file: its resource roots are the built webview and the
 * recording's folder, and its page allows media from there alone.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { clockInLine, formatSeconds, groupAtTime, highlightSpan, recordingCandidates, timedGroups, turnSpan, type RecordingLink, type TimedGroup } from '../../../core/media';
import { turnAt } from '../../../core/transcripts';
import { parseWebviewMessage, type HostMessage, type PlayerControl, type RenderedMessage, type RenderedPlayer, type WebviewMessage } from '../../../protocol/player';
import type { SiftContext, TranscriptRef } from '../../context';
import { codePointAt, rangeOf } from '../../positions';
import { SiftPanel } from '../../webview-panel';

type Command = 'play' | 'toggle' | 'back' | 'faster' | 'slower' | 'tagHeard' | 'convert';

/** Where to play from, when a lens or a test says it instead of the cursor. */
interface PlayAt {
  uri?: string;
  seconds?: number;
}

const heard = vscode.window.createTextEditorDecorationType({
  backgroundColor: new vscode.ThemeColor('editor.rangeHighlightBackground'),
  borderColor: new vscode.ThemeColor('editorInfo.foreground'),
  borderStyle: 'none none none solid',
  borderWidth: '0 0 0 2px',
  isWholeLine: false,
  overviewRulerColor: new vscode.ThemeColor('editorInfo.foreground'),
  overviewRulerLane: vscode.OverviewRulerLane.Center,
});

class PlayerPanel extends SiftPanel<WebviewMessage | RenderedMessage, HostMessage, RenderedPlayer> {
  /** Where playback is, as the player last said. */
  seconds = 0;
  playing = false;
  /** The timed stretch of turns being heard, when there is one. */
  current: TimedGroup | undefined;
  private pending: HostMessage[] = [];

  constructor(
    panel: vscode.WebviewPanel,
    sift: SiftContext,
    public ref: TranscriptRef,
    public recording: RecordingLink,
  ) {
    super(panel, sift, { entry: 'player', name: 'Player', title: 'Recording', parse: parseWebviewMessage });
    // The one thing the player's page may load besides itself: media from its resource roots (the recording's folder).
    panel.webview.html = panel.webview.html.replace('script-src', `media-src ${panel.webview.cspSource}; script-src`);
    this.follow(ref.model);
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('sift.player') && this.mark(), undefined, this.disposables);
    vscode.window.onDidChangeVisibleTextEditors(() => this.mark(), undefined, this.disposables);
    panel.onDidDispose(() => this.unmark(), undefined, this.disposables);
  }

  /** Plays `recording` of `ref` from `seconds`: loads it first when it is another recording. */
  playFrom(ref: TranscriptRef, recording: RecordingLink, seconds: number): void {
    const changed = recording.path !== this.recording.path || ref.path !== this.ref.path;
    this.unmark();
    this.ref = ref;
    this.recording = recording;
    if (changed || !this.ready) this.pending = [this.loadMessage()];
    this.pending.push({ type: 'seek', seconds, play: true });
    this.flush();
  }

  control(control: PlayerControl): void {
    this.pending.push({ type: 'control', control });
    this.flush();
  }

  private flush(): void {
    if (!this.ready) return;
    for (const message of this.pending) this.post(message);
    this.pending = [];
  }

  private loadMessage(): HostMessage {
    const file = this.ref.model.fs.uri(this.recording.path);
    this.panel.webview.options = { ...this.panel.webview.options, localResourceRoots: resourceRoots(this.sift, file) };
    this.panel.title = `▶ ${path.basename(this.recording.path)}`;
    return { type: 'load', src: this.panel.webview.asWebviewUri(file).toString(), mime: this.recording.type, title: `${this.recording.path} — recording of ${this.ref.path}` };
  }

  protected handle(m: WebviewMessage | RenderedMessage): void {
    if (SIFT_TEST && m.type === 'rendered') return void (this.rendered = m.report);
    switch (m.type) {
      case 'ready':
        this.ready = true;
        // A new page (first load, or shown again): it needs the recording again.
        if (!this.pending.some((p) => p.type === 'load')) this.pending.unshift(this.loadMessage(), { type: 'seek', seconds: this.seconds, play: false });
        return this.flush();
      case 'time':
        this.seconds = m.seconds;
        this.playing = m.playing;
        return this.mark();
      case 'tagHeard':
        return void tagHeard(this);
      case 'convert':
        return void offerConversion(this.sift, this);
      case 'cannotPlay':
        this.sift.log.warn(`Player: ${this.recording.path}: ${m.reason}`);
        return;
    }
  }

  protected refresh(): void {
    this.mark();
  }

  /** The transcript's turns grouped by time, as loaded. */
  groups(): TimedGroup[] {
    return timedGroups(this.ref.model.workspace?.transcripts.get(this.ref.path)?.turns ?? []);
  }

  /** Marks the turn being heard in every editor showing the transcript, scrolling to it when it changes. */
  mark(): void {
    const group = groupAtTime(this.groups(), this.seconds);
    const moved = group?.first !== this.current?.first;
    this.current = group;
    const turns = this.ref.model.workspace?.transcripts.get(this.ref.path)?.turns ?? [];
    const follow = vscode.workspace.getConfiguration('sift.player').get<boolean>('followPlayback', true);
    for (const editor of vscode.window.visibleTextEditors) {
      if (this.ref.model.fs.relative(editor.document.uri) !== this.ref.path) continue;
      if (!group || editor.document.isDirty) {
        editor.setDecorations(heard, []);
        continue;
      }
      const range = rangeOf(editor.document, turns[group.first]!.start, turns[group.last - 1]!.end);
      editor.setDecorations(heard, [range]);
      if (moved && follow && this.playing) editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }
  }

  private unmark(): void {
    for (const editor of vscode.window.visibleTextEditors) editor.setDecorations(heard, []);
    this.current = undefined;
  }
}

/** The built webview, and the folder of the recording: nothing else may load in the player. */
function resourceRoots(sift: SiftContext, file: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(sift.extension.extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(file, '..')];
}

let open: PlayerPanel | undefined;
let lenses: vscode.Disposable | undefined;

export async function run(sift: SiftContext, command: Command, at?: unknown): Promise<void> {
  if (command === 'play') return play(sift, isPlayAt(at) ? at : {});
  if (!open) return void vscode.window.showInformationMessage('No recording is playing. Put the cursor on a turn of a transcript with a recording and run "Sift: Play Recording from Here".');
  if (command === 'tagHeard') return tagHeard(open, isTags(at) ? at.tags : undefined);
  if (command === 'convert') return offerConversion(sift, open);
  open.control(command);
}

/** `{ tags: [...] }`: tag the heard turn with these, without the picker (another extension, a test). */
function isTags(value: unknown): value is { tags: string[] } {
  return typeof value === 'object' && value !== null && Array.isArray((value as { tags?: unknown }).tags);
}

function isPlayAt(value: unknown): value is PlayAt {
  return typeof value === 'object' && value !== null && !(value instanceof vscode.Uri);
}

/** The recording of a transcript that exists, found as the core says (front matter, beside, caption original). */
export async function findRecording(ref: TranscriptRef): Promise<RecordingLink | undefined> {
  const transcript = ref.model.workspace?.transcripts.get(ref.path);
  if (!transcript) return undefined;
  for (const candidate of recordingCandidates(transcript)) if (await ref.model.fs.stat(candidate.path)) return candidate;
  return undefined;
}

async function play(sift: SiftContext, at: PlayAt): Promise<void> {
  const editor = at.uri ? vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === at.uri) : vscode.window.activeTextEditor;
  const uri = at.uri ? vscode.Uri.parse(at.uri) : editor?.document.uri;
  const ref = uri && sift.transcriptOf(uri);
  if (!ref) return void vscode.window.showInformationMessage('Open a transcript of a Sift study to play its recording.');
  const recording = await findRecording(ref);
  if (!recording) {
    const base = path.posix.basename(ref.path).replace(/\.[^.]+$/, '');
    return void vscode.window.showWarningMessage(`${ref.path} has no recording here. Put ${base}.mp4 (or .m4a, .mp3, .wav, .webm) beside it, or name the file in its front matter as media: recordings/${base}.mp4.`);
  }
  const seconds = at.seconds ?? (editor ? secondsAtCursor(ref, editor) : 0);
  if (seconds === undefined) return void vscode.window.showInformationMessage(`This part of ${ref.path} has no time: put the cursor on a turn with a timestamp like [00:01:23].`);
  if (open) {
    open.panel.reveal(vscode.ViewColumn.Beside, true);
    open.playFrom(ref, recording, seconds);
  } else {
    const panel = vscode.window.createWebviewPanel(
      'sift.player',
      `▶ ${path.basename(recording.path)}`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, retainContextWhenHidden: false, localResourceRoots: resourceRoots(sift, ref.model.fs.uri(recording.path)) },
    );
    const player = new PlayerPanel(panel, sift, ref, recording);
    open = player;
    panel.onDidDispose(() => {
      if (open === player) open = undefined;
      void vscode.commands.executeCommand('setContext', 'sift.playerOpen', false);
    });
    void vscode.commands.executeCommand('setContext', 'sift.playerOpen', true);
    player.playFrom(ref, recording, seconds);
  }
  showPlayLenses(sift);
}

/** The "▶ 1:18" lenses above the highlights of every transcript with a recording, from now on. */
export function showPlayLenses(sift: SiftContext): void {
  lenses ??= vscode.languages.registerCodeLensProvider([{ language: 'markdown' }, { pattern: '**/*.{vtt,srt,txt}' }], new PlayLenses(sift));
}

/** The moment at the cursor: a timestamp written there, else the highlight there, else the turn there. */
function secondsAtCursor(ref: TranscriptRef, editor: vscode.TextEditor): number | undefined {
  const cursor = editor.selection.active;
  const stamp = clockInLine(editor.document.lineAt(cursor.line).text, cursor.character);
  if (stamp !== undefined) return stamp;
  const transcript = ref.model.workspace?.transcripts.get(ref.path);
  if (!transcript) return undefined;
  const offset = codePointAt(editor.document, cursor);
  const placed = ref.model.study.placedHighlights(ref.path).find((p) => p.result && p.result.state !== 'orphaned' && p.result.start <= offset && offset < p.result.end);
  if (placed?.result) return highlightSpan({ ...placed.highlight, start: placed.result.start, end: placed.result.end }, transcript.turns)?.start;
  const turn = turnAt(transcript.turns, offset) ?? transcript.turns.find((t) => t.start >= offset);
  return turn ? turnSpan(transcript.turns, transcript.turns.indexOf(turn))?.start : undefined;
}

/** Selects the turn being heard in its transcript and runs the ordinary tag command on it. */
async function tagHeard(player: PlayerPanel, tags?: string[]): Promise<void> {
  const group = player.current ?? groupAtTime(player.groups(), player.seconds);
  const turns = player.ref.model.workspace?.transcripts.get(player.ref.path)?.turns ?? [];
  if (!group) return void vscode.window.showInformationMessage('No turn is being heard yet: play the recording to where the words are.');
  const doc = await vscode.workspace.openTextDocument(player.ref.model.fs.uri(player.ref.path));
  const visible = vscode.window.visibleTextEditors.find((e) => e.document === doc);
  const editor = await vscode.window.showTextDocument(doc, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false });
  // The turn of the moment heard: the timed turn itself, not the untimed paragraphs after it.
  const turn = turns[group.first]!;
  const range = rangeOf(doc, turn.start, turn.end);
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  await vscode.commands.executeCommand('sift.tagSelection', tags ? { tags } : undefined);
}

/** Offers an MP4 copy (H.264 and AAC, which every editor plays) made by the ffmpeg Sift installs from npm. */
async function offerConversion(sift: SiftContext, player: PlayerPanel): Promise<void> {
  const source = player.recording.path;
  const target = source.replace(/\.[^./]+$/, '') + '.mp4';
  const same = target === source;
  const out = same ? source.replace(/\.mp4$/, '.h264.mp4') : target;
  const choice = await vscode.window.showWarningMessage(`${source} cannot be played in this editor. Make ${out}, an MP4 with H.264 video and AAC sound, with ffmpeg?`, { modal: true }, 'Convert');
  if (choice !== 'Convert') return;
  const { convertForEditor } = sift.adapters.media();
  const root = player.ref.model.fs.root.fsPath;
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Converting ${source}…` }, async () => {
    const result = await convertForEditor(path.join(root, source), path.join(root, out));
    if (!result.ok) return void vscode.window.showErrorMessage(`Sift could not convert ${source}: ${result.message}`);
    void vscode.window.showInformationMessage(`Made ${out}. Name it in the transcript's front matter as media: to play it.`);
  });
}

/** "▶ 1:11" above each highlight of a transcript that has a recording: plays from that highlight. */
class PlayLenses implements vscode.CodeLensProvider {
  constructor(private readonly sift: SiftContext) {}

  async provideCodeLenses(doc: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const ref = this.sift.transcriptOf(doc.uri);
    const transcript = ref && ref.model.workspace?.transcripts.get(ref.path);
    if (!ref || !transcript || !(await findRecording(ref))) return [];
    return ref.model.study.placedHighlights(ref.path).flatMap((p) => {
      if (!p.result || p.result.state === 'orphaned') return [];
      const span = highlightSpan({ ...p.highlight, start: p.result.start, end: p.result.end }, transcript.turns);
      if (!span) return [];
      const range = rangeOf(doc, p.result.start, p.result.start);
      // A hand-set end (timeEnd) is shown: it is where the highlight's clip stops.
      const title = p.highlight.timeEnd !== undefined && span.end !== undefined ? `▶ ${formatSeconds(span.start)}–${formatSeconds(span.end)}` : `▶ ${formatSeconds(span.start)}`;
      return [new vscode.CodeLens(range, { title, tooltip: `Play the recording from here (${p.highlight.id})`, command: 'sift.player.play', arguments: [{ uri: doc.uri.toString(), seconds: span.start }] })];
    });
  }
}

/** Test build only (src/protocol/test-build.ts; undefined in the product): what the player shows and where the transcript marks it. */
export const testState = SIFT_TEST
  ? (): { rendered: RenderedPlayer | undefined; seconds: number; playing: boolean; heardTurn: number | undefined; recording: string | undefined } | undefined =>
      open && { rendered: open.rendered, seconds: open.seconds, playing: open.playing, heardTurn: open.current?.first, recording: open.recording.path }
  : undefined;
