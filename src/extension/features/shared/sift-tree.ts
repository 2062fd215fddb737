/**
 * The base of Sift's side-bar trees: each lists what its study's files hold, built afresh
 * from the loaded workspaces whenever they change (`refresh` after every load).
 */
import * as vscode from 'vscode';
import type { SiftContext } from '../../context';
import type { ResearchModel } from '../../research-model';
import { studyName } from '../library';

export abstract class SiftTree<T> implements vscode.TreeDataProvider<T> {
  protected readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  constructor(protected readonly sift: SiftContext) {}
  refresh(): void {
    this.changed.fire();
  }
  abstract getTreeItem(element: T): vscode.TreeItem;
  abstract getChildren(element?: T): T[];
}

/** A study at the top of a view, when several are open (a library, a multi-root workspace). */
export interface StudyNode {
  kind: 'study';
  model: ResearchModel;
}

/** The studies to list first, or undefined when one study is open (its items are then the top level, as before). */
export function studyNodes(sift: SiftContext): StudyNode[] | undefined {
  const ready = sift.models.filter((m) => m.workspace?.project);
  return ready.length > 1 ? ready.map((model) => ({ kind: 'study', model })) : undefined;
}

export function isStudyNode(node: unknown): node is StudyNode {
  return typeof node === 'object' && node !== null && (node as { kind?: unknown }).kind === 'study';
}

export function studyItem(node: StudyNode, view: string): vscode.TreeItem {
  // Collapsed: with several studies the view first lists them all, each opened with a click.
  const item = new vscode.TreeItem(studyName(node.model), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `${node.model.folder.uri.toString()}#study:${view}`;
  item.description = node.model.workspace?.project?.name;
  item.tooltip = `${node.model.workspace?.project?.name ?? node.model.folder.name}\n${node.model.folder.uri.fsPath || node.model.folder.uri.toString()}`;
  item.iconPath = new vscode.ThemeIcon('library');
  item.contextValue = 'study';
  return item;
}
