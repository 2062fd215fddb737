/**
 * What every feature needs: the research workspaces open in this window, and how to find
 * the one a document belongs to.
 */
import * as vscode from 'vscode';
import { placedHighlights, type PlacedHighlight } from '../core/editor/decoration-plan';
import type { ResearchModel } from './research-model';

export interface TranscriptRef {
  model: ResearchModel;
  /** Workspace-relative path of the transcript. */
  path: string;
}

export type { PlacedHighlight };

export class SiftContext {
  readonly models: ResearchModel[] = [];
  private readonly modelsChanged = new vscode.EventEmitter<void>();
  /** Fires when any workspace reloads. */
  readonly onDidChange = this.modelsChanged.event;

  constructor(
    readonly extension: vscode.ExtensionContext,
    /** Sift's output channel: what a notification has no room for (refusals, data-loss reports). */
    readonly log: vscode.LogOutputChannel,
  ) {}

  add(model: ResearchModel): void {
    this.models.push(model);
    model.onDidChange(() => this.modelsChanged.fire());
  }

  /** A study closed (its library no longer lists it): the views drop it. */
  remove(model: ResearchModel): void {
    const at = this.models.indexOf(model);
    if (at < 0) return;
    this.models.splice(at, 1);
    this.modelsChanged.fire();
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

  /** The highlights of a transcript with their current places, in text order. */
  highlightsOf(ref: TranscriptRef): PlacedHighlight[] {
    const ws = ref.model.workspace;
    return ws ? placedHighlights(ws, ref.path) : [];
  }
}
