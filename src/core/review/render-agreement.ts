/**
 * An agreement report for people: the overall numbers with what each one means, then the
 * tags from most to least disputed, with passages where the coders differ.
 */
import { formatDecimal, formatShare } from '../format';
import type { AgreementReport, Scores } from './agreement';
import { MARKDOWN, quoted, TEXT } from './style';

/** Tags shown with example passages: the most disputed ones. */
const EXAMPLE_TAGS = 8;

export type AgreementFormat = 'text' | 'md' | 'json';

export const EXPLANATIONS = {
  percent: 'Percent agreement: the share of characters on which both coders decided alike (tagged or not), per tag. Easy to read but flattered by the text nobody tags.',
  kappa: "Cohen's κ: agreement beyond what chance would give, given how often each coder uses the tag. 1 is perfect, 0 is chance level; above 0.8 is strong, 0.6–0.8 substantial, 0.4–0.6 moderate (Landis & Koch).",
  alpha: "Krippendorff's α: like κ, but chance is judged from both coders' pooled use of the tag, and each character is a unit (unitised text). α ≥ 0.8 is reliable; 0.667–0.8 supports tentative conclusions only (Krippendorff).",
};

export function renderAgreement(report: AgreementReport, format: AgreementFormat): string {
  if (format === 'json') return JSON.stringify({ ...report, explanations: EXPLANATIONS }, null, 2);
  const s = format === 'md' ? MARKDOWN : TEXT;
  const { a, b } = report.coders;
  const out = [s.heading(1, `Coder agreement: ${s.code(a)} and ${s.code(b)}`), ''];
  if (report.transcripts.length === 0) {
    out.push(`No transcript has highlights from both ${a} and ${b} (with the same transcript text), so there is nothing to compare yet.`);
    return out.join('\n') + '\n';
  }
  const o = report.overall;
  out.push(
    `${report.transcripts.length} transcript${report.transcripts.length === 1 ? '' : 's'} coded by both, ${report.tags.length} tag${report.tags.length === 1 ? '' : 's'}. ` +
      `Overall (pooled over tags): ${s.strong(`${pct(o.percent)} agreement, κ ${num(o.kappa)}, α ${num(o.alpha)}`)} — ${verdict(o)}.`,
    ...(report.shared > 0
      ? [
          '',
          `${report.shared} highlight${report.shared === 1 ? ' is' : 's are'} on both sides (the same id: coding both inherited, e.g. from where two branches split off). They count as agreement; compare branches that each coded the transcripts afresh for an independent measure.`,
        ]
      : []),
    '',
    ...[EXPLANATIONS.percent, EXPLANATIONS.kappa, EXPLANATIONS.alpha].map((e) => s.item(e)),
    '',
    s.heading(2, 'Tags, most disputed first'),
    '',
    ...s.table(
      ['tag', 'κ', 'α', 'agree', `only ${a}`, `only ${b}`, 'both'],
      report.tags.map((t) => [t.label ? `${s.words(t.label)} (${s.code(t.tag)})` : s.code(t.tag), num(t.kappa), num(t.alpha), pct(t.percent), chars(t.table.aOnly), chars(t.table.bOnly), chars(t.table.both)]),
    ),
    '',
    `Counts are characters. "only ${a}": text ${a} tagged with the tag and ${b} did not.`,
  );
  const disputed = report.tags.filter((t) => t.examples.length > 0).slice(0, EXAMPLE_TAGS);
  if (disputed.length > 0) {
    out.push('', s.heading(2, 'Where the coders differ'));
    for (const t of disputed) {
      out.push('', s.heading(3, `${t.label ? s.words(t.label) : t.tag} (κ ${num(t.kappa)})`), '');
      for (const e of t.examples) {
        const by = e.taggedBy === 'a' ? a : b;
        const other = e.taggedBy === 'a' ? b : a;
        out.push(s.item(`${e.participant ? `${s.strong(s.words(e.participant))} ` : ''}(${s.code(e.source)}): ${quoted(s, e.quote)} — tagged by ${s.words(by)}, not by ${s.words(other)}`));
      }
    }
  }
  if (report.codedByOneOnly.length > 0) {
    out.push('', s.heading(2, 'Not compared (coded by one coder only)'), '');
    out.push(...report.codedByOneOnly.map((t) => s.item(`${s.code(t.path)}: only ${t.coder === 'a' ? a : b}`)));
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n') + '\n';
}

function verdict(o: Scores): string {
  const k = o.alpha ?? o.kappa;
  if (k === undefined) return 'not enough coding to judge';
  if (k >= 0.8) return 'reliable';
  if (k >= 0.667) return 'good enough for tentative conclusions';
  if (k >= 0.4) return 'moderate: discuss the disputed tags and refine their descriptions';
  return 'weak: the coders read the codebook differently';
}

const num = (x: number | undefined) => (x === undefined ? '–' : formatDecimal(x, 2));
const pct = (x: number | undefined) => (x === undefined ? '–' : formatShare(x, 1));
const chars = (n: number) => n.toLocaleString('en-GB');
