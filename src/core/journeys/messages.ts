/**
 * The journey map as the webview receives it: a snapshot of the journey (stages, cards,
 * means and low points from journeyView) and the candidate pool one window at a time, each
 * message kept under the protocol's size limit however large the study is.
 */
import { themesInOrder } from '../board/board';
import type { Evidence, EvidenceIndex } from '../insights/evidence';
import type { Journey } from '../model';
import type { Workspace } from '../workspace/workspace';
import { MAX_POOL_WINDOW, type PoolFilter, type ProposalView, type PoolMessage, type QuoteCard, type SnapshotMessage } from '../../protocol/journey';
import { fillWithin } from '../../protocol/validate';
import { journeyView } from './journey';

/** Longest quote a card carries: a card shows a few lines, and a snapshot holds every card of the journey. */
const MAX_QUOTE = 800;

export interface SnapshotOptions {
  /** Sentiment proposals by highlight id, for the cards without a sentiment (src/core/assist/sentiment-journey.ts). */
  proposals?: ReadonlyMap<string, ProposalView>;
  revision: number;
  filter: PoolFilter;
  poolSize: number;
  writable: boolean;
  evidence: EvidenceIndex;
}

export function journeySnapshot(ws: Workspace, journey: Journey, options: SnapshotOptions): SnapshotMessage {
  const view = journeyView(ws, journey, options.evidence);
  return {
    type: 'snapshot',
    revision: options.revision,
    journey: { id: view.id, title: view.title, path: view.path, ...(view.persona !== undefined ? { persona: ws.personas.get(view.persona)?.name ?? view.persona } : {}) },
    stages: view.stages.map((s) => ({
      ...s,
      moments: s.moments.map((m) => {
        const proposal = m.sentiment === undefined ? options.proposals?.get(m.id) : undefined;
        return { ...quoteCard(options.evidence.byId.get(m.id)!), ...(m.sentiment !== undefined ? { sentiment: m.sentiment } : {}), ...(proposal ? { proposal } : {}) };
      }),
    })),
    lowPoints: view.lowPoints,
    missing: view.missing.length,
    withdrawn: view.withdrawn.length,
    tags: ws.codebook.map((t) => ({ id: t.id, label: t.label, ...(t.color ? { color: t.color } : {}) })),
    themes: themesInOrder(ws).map(([id, t]) => ({ id, label: t.title })),
    filter: options.filter,
    poolSize: options.poolSize,
    writable: options.writable,
  };
}

/** Pool cards `start …`, at most `count` (≤ MAX_POOL_WINDOW), fewer when the message would pass the size limit. */
export function poolWindow(evidence: EvidenceIndex, pool: readonly string[], revision: number, start: number, count: number): PoolMessage {
  const message: PoolMessage = { type: 'pool', revision, start, cards: [] };
  fillWithin(
    message,
    message.cards,
    pool.slice(start, start + Math.min(count, MAX_POOL_WINDOW)).map((id) => quoteCard(evidence.byId.get(id)!)),
  );
  return message;
}

/** A highlight as a card: its words only when consent lets them be shown (the evidence index decides). */
export function quoteCard(e: Evidence): QuoteCard {
  const quote = e.highlight.quote.length > MAX_QUOTE ? `${e.highlight.quote.slice(0, MAX_QUOTE - 1)}…` : e.highlight.quote;
  return {
    id: e.highlight.id,
    ...(e.quotable ? { quote } : {}),
    ...(e.participant !== undefined ? { participant: e.participant } : {}),
    source: e.source,
    tags: e.highlight.tags,
  };
}
