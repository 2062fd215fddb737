/**
 * A report in Markdown, for a pull request, a wiki or a converter. User text goes through
 * the review style's escaping, so a quote can never turn into markup.
 */
import { MARKDOWN } from '../review/style';
import { formatSentiment } from '../format';
import { gapText, haveText, targetText, wantedText } from '../sampling-summary';
import { type Block, type Inline } from './document';

const words = MARKDOWN.words;

export function renderMarkdown(blocks: readonly Block[]): string {
  return (
    blocks
      .map(block)
      .filter((b) => b !== '')
      .join('\n\n') + '\n'
  );
}

function inline(content: readonly Inline[]): string {
  return content.map((c) => (typeof c === 'string' ? words(c) : 'strong' in c ? emphasis('**', c.strong) : 'em' in c ? emphasis('*', c.em) : emphasis('**', c.badge))).join('');
}

/** `**Sources:** ` — spaces stay outside the markers, or Markdown does not see the emphasis. */
function emphasis(marker: string, text: string): string {
  const [, lead, core, trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(text)!;
  return core ? `${lead}${marker}${words(core)}${marker}${trail}` : text;
}

function table(header: readonly string[], rows: readonly string[][], numeric: readonly boolean[]): string {
  return [`| ${header.map(words).join(' | ')} |`, `|${numeric.map((n) => (n ? ' ---: ' : ' --- ')).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function block(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `${'#'.repeat(b.level)} ${words(b.text)}`;
    case 'paragraph':
      return inline(b.content);
    case 'quote':
      return `> “${words(b.text)}”${b.by ? ` — ${words(b.by)}` : ''}${b.clip ? ` · [▶ Play clip](${encodeURI(b.clip)})` : ''}`;
    case 'list':
      return [...(b.label ? [`**${words(b.label)}**`, ''] : []), ...b.items.map((i) => `- ${inline(i)}`)].join('\n');
    case 'table':
      return table(
        b.header,
        b.rows.map((r) => r.map(inline)),
        b.numeric,
      );
    case 'coverage':
      return table(
        ['Attribute', 'Value', 'Target', 'Wanted', 'Participants', 'Gap'],
        b.rows.map((r) => [words(r.attribute), words(r.value), targetText(r), wantedText(r), haveText(r, b.counted), r.status === 'on-target' ? gapText(r) : `**${gapText(r)}**`]),
        [false, false, false, false, false, false],
      );
    case 'sentiment':
      // The stage table next to it carries the numbers; Markdown gets a one-line shape of the curve.
      return `Sentiment by stage: ${b.stages.map((s) => `${words(s.title)} ${s.mean === undefined ? '—' : formatSentiment(s.mean)}${s.lowest ? ' (low point)' : ''}`).join(' → ')}`;
    case 'contents':
      return '';
    case 'group':
      return b.blocks
        .map(block)
        .filter((x) => x !== '')
        .join('\n\n');
  }
}
