/**
 * A report as a small document model: headings, paragraphs, quotes, lists, tables and two
 * charts, grouped into cards. The wording is decided once (layout.ts); Markdown and HTML
 * only decide how each block looks, so the two formats always say the same thing.
 * Every string in it is plain text: renderers escape it.
 */
import type { SamplingRow } from '../stats';

export type Tone = 'good' | 'warn' | 'bad' | 'neutral';

export type Inline = string | { strong: string } | { em: string } | { badge: string; tone: Tone };

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string; anchor?: string }
  | { kind: 'paragraph'; content: Inline[]; style?: 'lead' | 'muted' }
  /** `clip`: a link to the quote's clip (a relative path). */
  | { kind: 'quote'; text: string; by?: string; clip?: string }
  /** `level`: of the label's heading, 4 unless the page puts the list's item a level higher (the site). */
  | { kind: 'list'; label?: string; level?: 3 | 4; items: Inline[][] }
  | { kind: 'table'; header: string[]; rows: Inline[][][]; numeric: boolean[] }
  | { kind: 'sentiment'; stages: { title: string; mean?: number; lowest: boolean }[] }
  /** `counted`: the participants the actual shares are of. */
  | { kind: 'coverage'; rows: SamplingRow[]; counted: number }
  | { kind: 'contents'; items: { anchor: string; text: string }[] }
  | { kind: 'group'; style: 'card' | 'finding' | 'persona' | 'low-point' | 'traits'; blocks: Block[] };

/** The plain text of inline content (for Markdown tables, alt texts and tests). */
export function plainText(content: readonly Inline[]): string {
  return content.map((c) => (typeof c === 'string' ? c : 'strong' in c ? c.strong : 'em' in c ? c.em : c.badge)).join('');
}
