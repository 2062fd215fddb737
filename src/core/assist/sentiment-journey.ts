/**
 * Sentiment proposals for a journey map: for each quote on a stage that has no sentiment of the
 * researcher's and whose proposal they have not dismissed, what Sift proposes and why. Quotes
 * whose words consent does not let Sift show get no proposal (the words are not read). Loaded
 * on demand in the extension (dist/sentiment.js, scripts/bundles.mjs): the lexicon is 110 KB.
 */
import type { EvidenceIndex } from '../insights/evidence';
import type { Journey } from '../model';
import type { ProposalView } from '../../protocol/journey';
import { proposeSentiment, studyTerms, type SentimentProposal, type StudyTerms } from './sentiment';

export interface MomentProposal {
  highlight: string;
  stage: string;
  proposal: SentimentProposal;
}

/**
 * The study's terms ("feature importance"), learnt from the quotes of its highlights that Sift
 * may read: a study's subject words are not its participants' feelings.
 */
export function studyTermsOf(evidence: EvidenceIndex): StudyTerms {
  let terms = termsOf.get(evidence);
  if (!terms) termsOf.set(evidence, (terms = studyTerms([...evidence.byId.values()].filter((e) => e.quotable).map((e) => e.highlight.quote))));
  return terms;
}
/** Learnt once per evidence index (about 0.5 s at 50,000 highlights), not at every redraw of the map. */
const termsOf = new WeakMap<EvidenceIndex, StudyTerms>();

/** Proposals for the journey's unrated, undismissed, quotable moments, in stage order. */
export function journeySentimentProposals(journey: Journey, evidence: EvidenceIndex): MomentProposal[] {
  const out: MomentProposal[] = [];
  const terms = studyTermsOf(evidence);
  for (const stage of journey.stages) {
    for (const moment of stage.highlights) {
      if (moment.sentiment !== undefined || moment.proposal === 'dismissed') continue;
      const e = evidence.byId.get(moment.id);
      if (!e || !e.quotable) continue;
      out.push({ highlight: moment.id, stage: stage.id, proposal: proposeSentiment(e.highlight.quote, terms) });
    }
  }
  return out;
}

/** The proposals as the journey map's cards show them, by highlight id. */
export function proposalViews(proposals: readonly MomentProposal[]): Map<string, ProposalView> {
  return new Map(proposals.map(({ highlight, proposal: p }) => [highlight, p.kind === 'declined' ? { declined: p.reason } : { label: p.label, value: p.scale, reason: p.reason }]));
}
export { proposeSentiment } from './sentiment';
// Dismissing a proposal is part of this on-demand bundle too: start-up never needs it.
export { dismissSentimentProposal } from '../journeys/operations';
