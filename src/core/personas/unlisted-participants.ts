/**
 * Why clustering participants found nobody when the study plainly has coding: personas and
 * segments count the participants listed in participants.yaml, and an imported study's
 * transcripts often name participants (front matter) that nobody has listed yet.
 */
import { indexEvidence } from '../insights/evidence';
import type { Workspace } from '../workspace/workspace';

/** The sentence for "nothing to `what`", naming the coded participants participants.yaml leaves out. */
export function nobodyTaggedSentence(ws: Workspace, what: string): string {
  const listed = new Set(ws.participants.map((p) => p.id));
  const unlisted = new Set<string>();
  for (const e of indexEvidence(ws).byId.values()) if (e.participant !== undefined && e.highlight.tags.length > 0 && !listed.has(e.participant)) unlisted.add(e.participant);
  if (unlisted.size === 0) return `No participant has tagged highlights yet, so there is nothing to ${what}.`;
  const ids = [...unlisted].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return `No participant in participants.yaml has tagged highlights, so there is nothing to ${what}. The tagged highlights are of ${ids.length} participant${ids.length === 1 ? '' : 's'} the transcripts name but participants.yaml does not list (${ids.join(', ')}): add them there.`;
}
