/** The codebook as a tree: a tag's branch (itself and everything below it). */
import type { Tag } from '../model';

export function tagAndDescendants(codebook: readonly Tag[], id: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const t of codebook) if (t.parent) children.set(t.parent, [...(children.get(t.parent) ?? []), t.id]);
  const branch = new Set([id]);
  // Breadth first over the set while it grows; a cycle in a hand-edited codebook ends too.
  for (const member of branch) for (const child of children.get(member) ?? []) branch.add(child);
  return branch;
}
