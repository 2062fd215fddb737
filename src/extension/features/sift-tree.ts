/**
 * The base of Sift's side-bar trees: each lists what its study's files hold, built afresh
 * from the loaded workspaces whenever they change (`refresh` after every load).
 */
import * as vscode from 'vscode';
import type { SiftContext } from '../context';

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
