/**
 * Codebook refactors from the Codebook view: add, rename, merge into, move under (the
 * keyboard way to what dragging in the tree does), recolour, delete.
 * Each is one edit across every file that mentions the tag, announced with an Undo
 * (./codebook-undo.ts).
 */
import * as vscode from 'vscode';
import { tagAndDescendants } from '../../../core/codebook/hierarchy';
import { TAG_PALETTE } from '../../../core/codebook/palette';
import { slugify } from '../../../core/ids';
import type { SiftContext } from '../../context';
import type { ResearchModel } from '../../research-model';
import { report } from '../tagging';
import type { TagNode } from './trees';
import type { CodebookUndo } from './codebook-undo';

/** Codebook refactors (add, rename, merge, move, recolour, delete), loaded on first use (dist/codebook-refactor.js). */
const refactor = () => require('../../../core/codebook/refactors') as typeof import('../../../core/codebook/refactors');

/** “Moved “Phone” under “Channels”” — said by the Move Under… command and by a drop in the tree. */
export function movedSummary(model: ResearchModel, id: string, under: string | undefined): (files: string) => string {
  const label = (tag: string) => model.workspace?.codebook.find((t) => t.id === tag)?.label ?? tag;
  return (files) => `Moved “${label(id)}” ${under ? `under “${label(under)}”` : 'to the top level'} in ${files}`;
}

export function registerCodebookCommands(sift: SiftContext, undo: CodebookUndo): vscode.Disposable {
  /** The tag a command is about: the tree item it was run on, or one the researcher picks. */
  const target = async (node?: TagNode): Promise<{ model: ResearchModel; id: string } | undefined> => {
    if (node) return { model: node.model, id: node.tag.id };
    const model = await sift.pickModel();
    const ws = model?.workspace;
    if (!model || !ws) return undefined;
    const pick = await vscode.window.showQuickPick(
      ws.codebook.map((t) => ({ label: t.label, description: t.id, id: t.id })),
      { placeHolder: 'Which tag?' },
    );
    return pick && { model, id: pick.id };
  };

  return vscode.Disposable.from(
    vscode.commands.registerCommand('sift.codebook.addTag', async (node?: TagNode) => {
      const model = node?.model ?? (await sift.pickModel());
      if (!model) return;
      const label = await vscode.window.showInputBox({ title: 'New tag', prompt: node ? `A new tag under "${node.tag.label}"` : 'Label of the new tag', validateInput: (v) => (v.trim() ? undefined : 'Give the tag a name.') });
      if (!label) return;
      const description = await vscode.window.showInputBox({ title: 'New tag', prompt: 'When should this tag be applied? (optional)' });
      report(
        await model.change(
          'Add tag',
          async (plan, ws) => (await refactor().addTag(plan, ws, { label: label.trim(), ...(node ? { parent: node.tag.id } : {}), ...(description ? { description } : {}) })).problems,
          undo.recording(model, () => `Added the tag “${label.trim()}”`),
        ),
      );
    }),
    vscode.commands.registerCommand('sift.codebook.rename', async (node?: TagNode) => {
      const t = await target(node);
      const tag = t?.model.workspace?.codebook.find((x) => x.id === t.id);
      if (!t || !tag) return;
      const label = await vscode.window.showInputBox({ title: `Rename "${tag.label}"`, value: tag.label, prompt: 'New label' });
      if (!label || label === tag.label) return;
      const changeId =
        slugify(label) !== tag.id &&
        (
          await vscode.window.showQuickPick(
            [
              { label: `Also change the id to "${slugify(label)}"`, yes: true },
              { label: `Keep the id "${tag.id}"`, yes: false },
            ],
            { placeHolder: 'The id is what highlight files store; the old one is kept as an alias.' },
          )
        )?.yes;
      const renamed = (files: string) => `Renamed “${tag.label}” to “${label}”${changeId ? ` (id ${slugify(label)})` : ''} in ${files}`;
      report(await t.model.change('Rename tag', (plan, ws) => refactor().renameTag(plan, ws, t.id, { label, ...(changeId ? { newId: slugify(label) } : {}) }), undo.recording(t.model, renamed)));
    }),
    vscode.commands.registerCommand('sift.codebook.merge', async (node?: TagNode) => {
      const t = await target(node);
      const ws = t?.model.workspace;
      if (!t || !ws) return;
      const into = await vscode.window.showQuickPick(
        ws.codebook.filter((x) => x.id !== t.id).map((x) => ({ label: x.label, description: x.id, id: x.id })),
        { placeHolder: `Merge "${ws.codebook.find((x) => x.id === t.id)?.label}" into which tag? Its highlights get that tag.` },
      );
      if (!into) return;
      const from = ws.codebook.find((x) => x.id === t.id)?.label ?? t.id;
      report(
        await t.model.change(
          'Merge tags',
          (plan, w) => refactor().mergeTags(plan, w, [t.id], into.id),
          undo.recording(t.model, (files) => `Merged “${from}” into “${into.label}” in ${files}`),
        ),
      );
    }),
    vscode.commands.registerCommand('sift.codebook.move', async (node?: TagNode) => {
      const t = await target(node);
      const ws = t?.model.workspace;
      if (!t || !ws) return;
      // Not under itself or anything below it (the core refuses a cycle too, with a message).
      const below = tagAndDescendants(ws.codebook, t.id);
      const label = ws.codebook.find((x) => x.id === t.id)?.label ?? t.id;
      const under = await vscode.window.showQuickPick(
        [
          { label: '$(list-tree) Top level', description: 'no parent', id: undefined as string | undefined },
          ...ws.codebook.filter((x) => !below.has(x.id)).map((x) => ({ label: x.label, description: x.id, id: x.id as string | undefined })),
        ],
        { placeHolder: `Move "${label}" under which tag?` },
      );
      if (!under) return;
      report(await t.model.change('Move tag', (plan, w) => refactor().moveTag(plan, w, t.id, under.id), undo.recording(t.model, movedSummary(t.model, t.id, under.id))));
    }),
    vscode.commands.registerCommand('sift.codebook.recolor', async (node?: TagNode) => {
      const t = await target(node);
      if (!t) return;
      const pick = await vscode.window.showQuickPick([...TAG_PALETTE.map((c) => ({ label: c, iconPath: dot(c), color: c })), { label: 'Other…', color: '' }], { placeHolder: 'Colour of the tag' });
      if (!pick) return;
      const color = pick.color || (await vscode.window.showInputBox({ prompt: 'Colour as #rrggbb', validateInput: (v) => (/^#[0-9a-fA-F]{6}$/.test(v) ? undefined : 'Write the colour as #rrggbb, e.g. #d73a49.') }));
      if (!color) return;
      const label = t.model.workspace?.codebook.find((x) => x.id === t.id)?.label ?? t.id;
      report(
        await t.model.change(
          'Recolour tag',
          (plan, ws) => refactor().recolorTag(plan, ws, t.id, color),
          undo.recording(t.model, (files) => `Recoloured “${label}” in ${files}`),
        ),
      );
    }),
    vscode.commands.registerCommand('sift.codebook.delete', async (node?: TagNode) => {
      const t = await target(node);
      const ws = t?.model.workspace;
      if (!t || !ws) return;
      const uses = [...ws.highlightFiles.values()].reduce((n, f) => n + f.highlights.filter((h) => h.tags.includes(t.id)).length, 0);
      const label = ws.codebook.find((x) => x.id === t.id)?.label ?? t.id;
      const answer = await vscode.window.showWarningMessage(
        uses === 0 ? `Delete the tag "${label}"?` : `"${label}" is used by ${uses} highlight${uses === 1 ? '' : 's'}. Remove it from them and delete it? The highlights are kept.`,
        { modal: true },
        uses === 0 ? 'Delete' : 'Untag and Delete',
      );
      if (!answer) return;
      const deleted = (files: string) => `Deleted the tag “${label}”${uses > 0 ? `, removing it from ${uses} highlight${uses === 1 ? '' : 's'},` : ''} in ${files}`;
      report(await t.model.change('Delete tag', (plan, w) => refactor().deleteTag(plan, w, t.id, { untag: uses > 0 }), undo.recording(t.model, deleted)));
    }),
  );
}

function dot(color: string): vscode.Uri {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"><circle cx="8" cy="8" r="6" fill="${color}"/></svg>`;
  return vscode.Uri.parse(`data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`);
}
