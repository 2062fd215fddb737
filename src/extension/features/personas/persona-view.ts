/**
 * A persona as the card and the Personas view show it: the core's persona card, trimmed to
 * the card's contract. The share is the one the file records (what the researcher reviewed
 * and may hand on); the current sample's share is added when the sample has moved since.
 */
import { evidenceIndex } from '../../../core/insights/evidence';
import { derivedOf } from '../../../core/workspace/study-service';
import type { Persona } from '../../../core/model';
import { personaCard } from '../../../core/personas/card';
import { separationSentence } from '../../../core/report/layout';
import type { Workspace } from '../../../core/workspace/workspace';
import type { PersonaView } from '../../../protocol/persona';
import { formatLift, formatShare } from '../../../core/format';

export function personaView(ws: Workspace, persona: Persona): PersonaView {
  const card = personaCard(ws, persona, derivedOf(ws, evidenceIndex));
  const share = card.recordedShare ?? card.share;
  return {
    id: card.id,
    path: card.path,
    name: card.name,
    ...(card.label ? { label: card.label } : {}),
    ...(card.summary ? { summary: card.summary } : {}),
    members: card.members,
    share,
    shareText: formatShare(share),
    ...(formatShare(share) !== formatShare(card.share) ? { currentShare: card.share, currentShareText: formatShare(card.share) } : {}),
    status: card.status,
    distinguishing: card.distinguishing.map((t) => ({ ...t, liftText: formatLift(t.lift) })),
    ...(card.separation ? { separation: { words: card.separation.words, sentence: separationSentence(card.separation) } } : {}),
    quotes: card.quotes.map((q) => ({ id: q.id, quote: q.quote, ...(q.participant !== undefined ? { participant: q.participant } : {}), source: q.source, quotable: q.quotable })),
    goals: card.goals,
    frustrations: card.frustrations,
    behaviours: card.behaviours,
    ...(card.method ? { method: card.method } : {}),
    study: ws.project?.name ?? '',
  };
}

/** Personas largest first, then by name: the order of the view and of pickers. */
export function personasInOrder(ws: Workspace): { persona: Persona; view: PersonaView }[] {
  return [...ws.personas.values()].map((persona) => ({ persona, view: personaView(ws, persona) })).sort((a, b) => b.view.share - a.view.share || a.view.name.localeCompare(b.view.name) || (a.persona.id < b.persona.id ? -1 : 1));
}

/** The personas as quick-pick items (name; label and share of the sample), in the view's order. */
export function personaPickItems(ws: Workspace): { label: string; description: string; id: string }[] {
  return personasInOrder(ws).map(({ persona, view }) => ({ label: view.name, description: [view.label, view.shareText].filter(Boolean).join(' · '), id: persona.id }));
}
