/**
 * The report's "What changed as a result": every recommendation that has an outcome, with the
 * change in a sentence, the measure before → after (figures through src/core/format.ts), and
 * the evidence of it. A later highlight given as evidence is quoted exactly as any quote in
 * the report: only with the participant's consent, masked as the sharing guard says, never a
 * withdrawn participant's; otherwise it is counted as withheld.
 */
import { describeRollup, listActions, rollUp } from '../actions/list';
import { ACTION_STATUS_LABELS, evidenceKind } from '../actions/recommendation';
import { describeMeasure } from '../actions/view';
import { pickQuotes, type EvidenceIndex } from '../insights/evidence';
import type { RecommendationStatus } from '../model';
import type { Workspace } from '../workspace/workspace';
import type { QuoteMasking, ReportQuote } from './build';
import type { Block, Inline } from './document';

export type ReportOutcomeEvidence = { kind: 'link' | 'file'; ref: string } | { kind: 'quote'; quote: ReportQuote } | { kind: 'withheld' };

export interface ReportOutcome {
  action: string;
  owner?: string;
  status: RecommendationStatus;
  /** The insight it came from. */
  insight: string;
  change: string;
  /** `average wait for a major adaptation: 183 → 52 days (−72%)`. */
  measure?: string;
  evidence: ReportOutcomeEvidence[];
}

export interface ReportActions {
  /** `4 of 8 recommendations done, 2 in progress, 1 agreed, 1 declined` (with what is overdue on the report's date, when it has one). */
  summary: string;
  outcomes: ReportOutcome[];
}

/** `today`: the report's date (YYYY-MM-DD), or empty when it has none, so nothing is counted overdue. */
export function reportActions(ws: Workspace, index: EvidenceIndex, masking: QuoteMasking, withheld: Set<string>, today: string): ReportActions {
  const actions = listActions(ws, today);
  const outcomes = actions.flatMap((a): ReportOutcome[] => {
    const { recommendation: r } = a;
    if (!r.outcome) return [];
    const evidence = r.outcome.evidence.flatMap((ref): ReportOutcomeEvidence[] => {
      const kind = evidenceKind(ref);
      if (kind !== 'highlight') return [{ kind, ref }];
      if (!index.byId.has(ref)) return []; // a withdrawn participant's words are in nothing; a missing id is `sift check`'s to report
      const [quoted] = pickQuotes(index, [ref], 1, masking.shareable);
      if (quoted) return [{ kind: 'quote', quote: masking.quote(quoted) }];
      withheld.add(ref);
      return [{ kind: 'withheld' }];
    });
    return [{ action: r.action, ...(r.owner ? { owner: r.owner } : {}), status: r.status, insight: a.insight.statement, change: r.outcome.change, ...(r.outcome.measure ? { measure: describeMeasure(r.outcome.measure) } : {}), evidence }];
  });
  // Changes that were measured lead: they are what a board asks for first. The sort is stable, so otherwise insight order.
  outcomes.sort((x, y) => Number(y.measure !== undefined) - Number(x.measure !== undefined));
  return { summary: actions.length > 0 ? describeRollup(rollUp(actions)) : '', outcomes };
}

/** The section's blocks: the roll-up, then one card per outcome (none when no recommendation has one). */
export function layoutOutcomes(a: ReportActions): Block[] {
  if (a.outcomes.length === 0) return [];
  return [
    { kind: 'paragraph', content: [a.summary], style: 'muted' },
    ...a.outcomes.map((o): Block => {
      const quotes = o.evidence.flatMap((e): Block[] => (e.kind === 'quote' ? [{ kind: 'quote', text: e.quote.text, ...(e.quote.participant ? { by: e.quote.participant } : {}) }] : []));
      const sources = o.evidence.flatMap((e) => (e.kind === 'link' || e.kind === 'file' ? [e.ref] : []));
      const withheld = o.evidence.filter((e) => e.kind === 'withheld').length;
      const evidence = [...sources, ...(withheld > 0 ? [`${withheld === 1 ? 'a highlight' : `${withheld} highlights`} not quoted, as consent requires`] : [])];
      return {
        kind: 'group',
        style: 'card',
        blocks: [
          { kind: 'heading', level: 3, text: o.action },
          { kind: 'paragraph', content: [{ badge: ACTION_STATUS_LABELS[o.status], tone: o.status === 'done' ? 'good' : 'neutral' }, ...(o.owner ? [` · ${o.owner}`] : [])] },
          { kind: 'paragraph', content: [{ em: 'What changed: ' }, o.change] },
          ...(o.measure ? [{ kind: 'paragraph', content: [{ strong: capitalised(o.measure) }] } as Block] : []),
          ...quotes,
          ...(evidence.length > 0 ? [{ kind: 'paragraph', content: [{ em: 'Evidence: ' }, evidence.join('; ')] as Inline[], style: 'muted' } as Block] : []),
          { kind: 'paragraph', content: [{ em: 'From the insight: ' }, o.insight], style: 'muted' },
        ],
      };
    }),
  ];
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
