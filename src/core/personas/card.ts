/**
 * A persona for a card or a page: as plain data with its quotes placed (to open the
 * passage), and as Markdown. Withdrawn participants are left out; quotes carry whether
 * consent lets them leave the workspace.
 */
import { evidenceStrength, indexEvidence, type EvidenceIndex, type EvidenceStrength } from '../insights/evidence';
import { quoteViews, type QuoteView } from '../insights/view';
import type { Persona } from '../model';
import { QuoteMasking, reportPersona, type ReportPersona } from '../report/build';
import { NO_GUARD, type SharingGuard } from '../privacy/share';
import { layoutPersona } from '../report/layout';
import type { Block } from '../report/document';
import { renderHtml } from '../report/html';
import { renderMarkdown } from '../report/markdown';
import type { Workspace } from '../workspace/workspace';

export interface PersonaCard extends Omit<ReportPersona, 'quotes'> {
  path: string;
  /** Participant ids (withdrawn ones left out). */
  members: string[];
  /** Share as written in the file (it may predate a change in the sample). */
  recordedShare?: number;
  quotes: QuoteView[];
  /** Strength of the persona's quotes as evidence. */
  strength: EvidenceStrength;
}

export function personaCard(ws: Workspace, persona: Persona, index: EvidenceIndex = indexEvidence(ws)): PersonaCard {
  const counted = new Set(index.participants);
  const { quotes: _shown, ...rest } = reportPersona(ws, persona, index);
  return {
    ...rest,
    path: persona.path,
    members: persona.participants.filter((id) => counted.has(id)),
    ...(persona.share !== undefined ? { recordedShare: persona.share } : {}),
    quotes: quoteViews(ws, index, persona.quotes),
    strength: evidenceStrength(index, persona.quotes),
  };
}

/** The persona as a Markdown page: what a researcher pastes into a wiki or a slide. */
export function personaMarkdown(ws: Workspace, persona: Persona, guard: SharingGuard = NO_GUARD): string {
  return renderMarkdown(layoutPersona(reportPersona(ws, persona, indexEvidence(ws), new QuoteMasking(guard))));
}

/**
 * The persona as one self-contained, printable HTML page (the report's look, this persona
 * alone): VS Code cannot print a webview, a browser can. Its heading becomes the page's title.
 */
export function personaHtml(ws: Workspace, persona: Persona, guard: SharingGuard = NO_GUARD): string {
  const page = layoutPersona(reportPersona(ws, persona, indexEvidence(ws), new QuoteMasking(guard))).flatMap((b): Block[] => {
    const [first, ...rest] = b.kind === 'group' ? b.blocks : [];
    return b.kind === 'group' && first?.kind === 'heading'
      ? [
          { kind: 'heading', level: 1, text: first.text },
          { ...b, blocks: rest },
        ]
      : [b];
  });
  return renderHtml(page);
}
