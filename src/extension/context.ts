/**
 * What every feature needs: the research workspaces open in this window, and how to find
 * the one a document belongs to.
 */
import * as vscode from 'vscode';
import type { PlacedHighlight } from '../core/editor/decoration-plan';
import type { SharingGuard } from '../core/privacy/share';
import type { Workspace } from '../core/workspace/workspace';
import type { Adapters } from './adapters';
import { reportingListenerFailures } from './host/failures';
import type { FilesChanged, ResearchModel } from './research-model';

export interface TranscriptRef {
  model: ResearchModel;
  /** Workspace-relative path of the transcript. */
  path: string;
}

export type { PlacedHighlight };

/** The files of a study changed: which (or 'all', after a load from disk). */
export interface StudyFilesChanged extends FilesChanged {
  readonly model: ResearchModel;
}

export class SiftContext {
  readonly models: ResearchModel[] = [];
  private readonly modelsChanged = new vscode.EventEmitter<StudyFilesChanged | undefined>();
  /** Fires when the files of any study changed (a write, a reload), with which; undefined when a study closed. */
  readonly onDidChange: vscode.Event<StudyFilesChanged | undefined>;
  private readonly placesMoved = new vscode.EventEmitter<TranscriptRef[]>();
  /** Fires when highlights of these transcripts moved with unsaved edits in an editor. */
  readonly onDidMovePlaces: vscode.Event<TranscriptRef[]>;

  constructor(
    readonly extension: vscode.ExtensionContext,
    /** Sift's output channel: what a notification has no room for (refusals, data-loss reports). */
    readonly log: vscode.LogOutputChannel,
    /** git, the disk outside a study, ffmpeg…: made by the entry point, never by a feature. */
    readonly adapters: Adapters,
  ) {
    this.onDidChange = reportingListenerFailures(this.modelsChanged.event, log, 'A feature taking in a change of the study');
    this.onDidMovePlaces = reportingListenerFailures(this.placesMoved.event, log, 'A feature following highlights moved in an editor');
  }

  private guardOf?: (model: ResearchModel, ws: Workspace) => Promise<SharingGuard>;

  /** The privacy feature, which owns the studies' personal-data scans, says how to get a study's guard. */
  provideSharingGuard(guardOf: (model: ResearchModel, ws: Workspace) => Promise<SharingGuard>): void {
    this.guardOf = guardOf;
  }

  /**
   * What a shared output (a report, a clip, a reel) masks and refuses by: the study's open
   * personal-data findings, as `sift report` reads them. Never a guard that masks nothing by default.
   */
  sharingGuard(model: ResearchModel, ws: Workspace): Promise<SharingGuard> {
    if (!this.guardOf) throw new Error('Sift has no personal-data scan yet, so nothing can be shared.');
    return this.guardOf(model, ws);
  }

  add(model: ResearchModel): void {
    this.models.push(model);
    model.onDidChange((change) => this.modelsChanged.fire({ model, ...change }));
    model.onDidMovePlaces((paths) => this.placesMoved.fire(paths.map((path) => ({ model, path }))));
  }

  /** A study closed (its library no longer lists it): the views drop it. */
  remove(model: ResearchModel): void {
    const at = this.models.indexOf(model);
    if (at < 0) return;
    this.models.splice(at, 1);
    this.modelsChanged.fire(undefined);
  }

  /** The research workspace and transcript path of a document, if it is a transcript. */
  transcriptOf(uri: vscode.Uri): TranscriptRef | undefined {
    for (const model of this.models) {
      const path = model.fs.relative(uri);
      if (path && model.workspace?.transcripts.has(path)) return { model, path };
    }
    return undefined;
  }

  modelOf(uri: vscode.Uri): ResearchModel | undefined {
    return this.models.find((m) => m.fs.relative(uri) !== undefined);
  }

  /** The first workspace, for commands run without a document (most studies have one). */
  async pickModel(): Promise<ResearchModel | undefined> {
    const ready = this.models.filter((m) => m.workspace?.project);
    if (ready.length <= 1) return ready[0];
    const pick = await vscode.window.showQuickPick(
      ready.map((m) => ({ label: m.workspace!.project!.name, description: m.folder.name, model: m })),
      { placeHolder: 'Which research workspace?' },
    );
    return pick?.model;
  }

  /** The highlights of a transcript with their current places (moved by unsaved edits too), in text order. */
  highlightsOf(ref: TranscriptRef): PlacedHighlight[] {
    return ref.model.study.placedHighlights(ref.path);
  }
}
