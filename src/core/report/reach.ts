/**
 * What a report or a site of a study can say: its findings, only who was heard so far (a
 * study under way: transcripts and coding, nothing concluded yet), or nothing at all. The
 * report and the site say which at the top; an empty study gets neither (`sift report` and
 * `sift site` exit 1), since a document of empty headings tells a stakeholder nothing.
 */
import { isAccepted } from '../personas/status';
import { segmentAttributes } from '../segments/segment';
import type { Workspace } from '../workspace/workspace';

export type StudyReach = 'findings' | 'heard' | 'nothing';

export function studyReach(ws: Workspace): StudyReach {
  // Any insight counts, drafts and those set aside too: the report shows them, marked as such.
  const concluded = ws.insights.size > 0 || ws.themes.size > 0 || ws.journeys.size > 0 || [...ws.personas.values()].some(isAccepted) || segmentAttributes(ws).length > 0;
  if (concluded) return 'findings';
  const heard = ws.transcripts.size > 0 || [...ws.highlightFiles.values()].some((f) => f.highlights.length > 0);
  return heard ? 'heard' : 'nothing';
}
