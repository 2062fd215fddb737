/**
 * Transcripts renamed outside Sift (`git mv`, the file explorer): a highlights file then
 * names a source that no longer exists, while the same text sits under a new name with no
 * highlights of its own. The text's hash, which every highlights file records as
 * `sourceHash`, recognises it. A renamed *and* edited transcript is not recognised (its
 * hash changed): its highlights stay reported as missing their source, never guessed.
 */
import type { Workspace } from './workspace';

/** The new source of each highlights file whose transcript was renamed, by highlights file path. */
export function renamedSources(ws: Workspace): Map<string, string> {
  const claimed = new Set([...ws.highlightFiles.values()].map((f) => f.source));
  const unclaimedByHash = new Map<string, string[]>();
  for (const t of ws.transcripts.values()) {
    if (!claimed.has(t.path)) unclaimedByHash.set(t.hash, [...(unclaimedByHash.get(t.hash) ?? []), t.path]);
  }
  const lost = [...ws.highlightFiles.values()].filter((f) => f.sourceHash && !ws.transcripts.has(f.source) && !ws.unreadable.has(f.source));
  const out = new Map<string, string>();
  for (const file of lost) {
    const candidates = unclaimedByHash.get(file.sourceHash!) ?? [];
    // Two copies of the text, or two highlights files of one text: not sure which is which, so nothing is moved.
    const rivals = lost.filter((f) => f.sourceHash === file.sourceHash).length;
    if (candidates.length === 1 && rivals === 1) out.set(file.path, candidates[0]!);
  }
  return out;
}
