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
  let tagged = 0;
  let anybody = false;
  for (const e of indexEvidence(ws).byId.values()) {
    if (e.highlight.tags.length === 0) continue;
    tagged++;
    anybody ||= e.participant !== undefined;
    if (e.participant !== undefined && !listed.has(e.participant)) unlisted.add(e.participant);
  }
  // Coded, yet said by nobody: transcripts without a participant or participant labels (comments, a REFI-QDA project without cases).
  if (tagged > 0 && !anybody)
    return `None of the ${tagged} tagged highlight${tagged === 1 ? '' : 's'} belongs to a participant, so there is nothing to ${what}: the transcripts name no participant. Give each transcript its participant (\`participant: P07\` in its front matter, as \`sift import transcript --participant P07\` writes it) or label its turns with participant ids, and list them in participants.yaml.`;
  if (unlisted.size === 0) return `No participant has tagged highlights yet, so there is nothing to ${what}.`;
  const ids = [...unlisted].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return `No participant in participants.yaml has tagged highlights, so there is nothing to ${what}. The tagged highlights are of ${ids.length} participant${ids.length === 1 ? '' : 's'} the transcripts name but participants.yaml does not list (${ids.join(', ')}): add them there.`;
}
