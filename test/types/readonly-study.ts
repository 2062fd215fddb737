/**
 * "No feature mutates the loaded study", by type: compiled by `npm run typecheck`, never run.
 *
 * `Same<Workspace, Frozen<Workspace>>` holds only while every field of the study, of every
 * entity it holds (highlights, transcripts and their turns, the codebook, participants,
 * themes, insights, personas, journeys), of the anchoring results and of the problems is
 * read-only, and every list a read-only list: a field that loses `readonly`, or a new one
 * added without it, fails here. The same for what the study service hands out beside the
 * study (a placed highlight, the evidence index). The writes below are the ones features used
 * to make; each must not compile (an unused `@ts-expect-error` is itself an error).
 */
import type { AnchorResult } from '../../src/core/anchoring/anchor';
import type { PlacedHighlight } from '../../src/core/editor/decoration-plan';
import type { EvidenceIndex } from '../../src/core/insights/evidence';
import type { StudyService } from '../../src/core/workspace/study-service';
import type { Workspace } from '../../src/core/workspace/workspace';
import type { Frozen, Same } from '../support/frozen';

export const studyIsDeeplyReadonly: Same<Workspace, Frozen<Workspace>> = true;
export const placedHighlightIsDeeplyReadonly: Same<PlacedHighlight, Frozen<PlacedHighlight>> = true;
export const evidenceIsDeeplyReadonly: Same<EvidenceIndex, Frozen<EvidenceIndex>> = true;

export function writesIntoTheStudy(ws: Workspace, service: StudyService, place: AnchorResult): void {
  const file = ws.highlightFiles.get('highlights/transcripts/p01.md.yaml')!;
  const highlight = file.highlights[0]!;
  // @ts-expect-error a highlight follows an edit: the study service's `moveLive`, not the loaded highlight
  highlight.start = place.start;
  // @ts-expect-error a tag is a file edit (tagSelection), not a push into the loaded list
  highlight.tags.push('payment-gap');
  // @ts-expect-error nor a new list
  highlight.tags = ['payment-gap'];
  // @ts-expect-error a highlight added to the loaded file
  file.highlights.push(highlight);
  // @ts-expect-error or put in place of another
  file.highlights[0] = highlight;
  // @ts-expect-error the text's hash is written with the places, by writeAnchors
  file.sourceHash = 'abc';
  // @ts-expect-error the anchoring results are the load's: live places are the service's
  ws.anchoring.set(highlight.id, place);
  // @ts-expect-error nor is one changed in place
  ws.anchoring.get(highlight.id)!.state = 'moved';
  // @ts-expect-error a place as the service says it is now is a value too
  service.placeOf(highlight.id)!.start = 0;
  // @ts-expect-error the problems are the checks' (diagnostics show them, never add to them)
  ws.problems.push(ws.problems[0]!);
  // @ts-expect-error nor change one
  ws.problems[0]!.message = '';
  // @ts-expect-error a transcript's turns are read from its text
  ws.transcripts.get('transcripts/p01.md')!.turns[0]!.speaker = 'P01';
  // @ts-expect-error its front matter too
  ws.transcripts.get('transcripts/p01.md')!.meta.participant = 'P01';
  // @ts-expect-error the codebook is written by the refactors
  ws.codebook[0]!.label = 'Payment gap';
  // @ts-expect-error a participant's attributes are participants.yaml's
  ws.participants[0]!.attributes.segment = 'a';
  // @ts-expect-error research.yaml's attribute values
  ws.project!.attributes.segment!.values!.sort();
  // @ts-expect-error a theme's highlights are the theme file's
  ws.themes.get('t')!.highlights.push(highlight.id);
  // @ts-expect-error an insight's recommendations
  ws.insights.get('i')!.recommendations[0]!.status = 'done';
  // @ts-expect-error a persona's quotes
  ws.personas.get('p')!.quotes.push(highlight.id);
  // @ts-expect-error a journey's moments
  ws.journeys.get('j')!.stages[0]!.highlights[0]!.sentiment = 1;
  // @ts-expect-error the versions say what was read: never updated but by a load or `written`
  ws.versions.set(file.path, 'abc');
  // @ts-expect-error a placed highlight hands out the loaded highlight
  service.placedHighlights('transcripts/p01.md')[0]!.highlight.end = 0;
}
