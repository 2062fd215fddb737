/**
 * An analysis diff for people: plain text for the terminal, Markdown ready to paste as a
 * pull-request comment. Counts first, then grouped by kind (codebook, highlights, themes,
 * insights, personas, journeys); every highlight is shown by its words, who said them and
 * where, so a reviewer never needs to open the YAML. One renderer, two styles.
 */
import type { AnalysisDiff, EntityRef, FieldChange, HighlightRef, TagRef } from './semantic-diff';
import { isEmptyDiff } from './semantic-diff';
import { MARKDOWN, quoted, TEXT, type Style } from './style';

export type DiffFormat = 'text' | 'md' | 'json';

export interface DiffLabels {
  before: string;
  after: string;
  /** Where a highlight's words can be opened (Markdown only): its quote becomes a link there. */
  linkOf?: (h: HighlightRef) => string | undefined;
}

export function renderDiff(diff: AnalysisDiff, format: DiffFormat, labels: DiffLabels): string {
  if (format === 'json') return JSON.stringify({ before: labels.before, after: labels.after, summary: summaryCounts(diff), ...diff }, null, 2);
  const s = format === 'md' ? MARKDOWN : TEXT;
  const out: string[] = [s.heading(1, `Analysis changes: ${s.code(labels.before)} → ${s.code(labels.after)}`), ''];
  if (isEmptyDiff(diff)) {
    out.push('No changes to the analysis (codebook, highlights, themes, insights, personas, journeys).');
    return out.join('\n');
  }
  out.push(
    summaryCounts(diff)
      .map((c) => `${c.count} ${c.what}`)
      .join(' · '),
  );
  const r = new Renderer(s, format === 'md' ? labels.linkOf : undefined);
  out.push(...r.tags(diff), ...r.highlights(diff), ...r.themes(diff), ...r.insights(diff), ...r.personas(diff), ...r.journeys(diff));
  return out.join('\n').replace(/\n{3,}/g, '\n\n') + '\n';
}

/** The counts that open the report, in reading order; zero counts are left out. */
export function summaryCounts(d: AnalysisDiff): { what: string; count: number }[] {
  const n = (count: number, one: string, many = one.replace(/^(\w+)/, '$1s')) => ({ what: count === 1 ? one : many, count });
  const cardChanges = d.themes.cards.reduce((sum, c) => sum + c.added.length + c.removed.length, 0);
  return [
    n(d.highlights.added.length, 'highlight added', 'highlights added'),
    n(d.highlights.removed.length, 'highlight removed', 'highlights removed'),
    n(d.highlights.retagged.length, 'highlight re-tagged', 'highlights re-tagged'),
    n(d.highlights.reanchored.length, 'highlight re-anchored', 'highlights re-anchored'),
    n(d.highlights.memos.length, 'memo changed', 'memos changed'),
    n(d.tags.added.length, 'tag added', 'tags added'),
    n(d.tags.removed.length, 'tag removed', 'tags removed'),
    n(d.tags.renamed.length, 'tag renamed', 'tags renamed'),
    n(
      d.tags.merged.reduce((sum, m) => sum + m.from.length, 0),
      'tag merged',
      'tags merged',
    ),
    n(d.tags.edited.length, 'tag edited', 'tags edited'),
    n(d.themes.created.length, 'theme created', 'themes created'),
    n(d.themes.removed.length, 'theme removed', 'themes removed'),
    n(d.themes.renamed.length, 'theme renamed', 'themes renamed'),
    n(d.themes.moved.length, 'card moved between themes', 'cards moved between themes'),
    n(cardChanges, 'card added to or taken from a theme', 'cards added to or taken from themes'),
    n(d.insights.created.length, 'insight created', 'insights created'),
    n(d.insights.removed.length, 'insight removed', 'insights removed'),
    n(d.insights.changed.length + d.insights.renamed.length, 'insight changed', 'insights changed'),
    n(d.personas.created.length, 'persona created', 'personas created'),
    n(d.personas.removed.length, 'persona removed', 'personas removed'),
    n(d.personas.changed.length + d.personas.renamed.length, 'persona changed', 'personas changed'),
    n(d.journeys.created.length + d.journeys.removed.length + d.journeys.changed.length + d.journeys.renamed.length, 'journey map changed', 'journey maps changed'),
  ].filter((c) => c.count > 0);
}

class Renderer {
  constructor(
    private readonly s: Style,
    private readonly linkOf?: DiffLabels['linkOf'],
  ) {}

  tags(d: AnalysisDiff): string[] {
    const { s } = this;
    const t = d.tags;
    const lines = [
      ...t.renamed.map((r) => s.item(`${s.strong('Renamed')} ${this.tag(r.from)} → ${this.tag(r.to)}`)),
      ...t.merged.map((m) => s.item(`${s.strong('Merged')} ${m.from.map((f) => this.tag(f)).join(', ')} into ${m.intoIsNew ? 'the new tag ' : ''}${this.tag(m.into)}`)),
      ...t.added.map((a) => s.item(`${s.strong('Added')} ${this.tag(a)}`)),
      ...t.removed.map((a) => s.item(`${s.strong('Removed')} ${this.tag(a)}`)),
      ...t.edited.map((e) => s.item(`${s.strong('Edited')} ${this.tag(e.tag)}: ${e.changes.map((c) => this.field(c)).join('; ')}`)),
    ];
    return this.section('Codebook', lines);
  }

  highlights(d: AnalysisDiff): string[] {
    const { s } = this;
    const h = d.highlights;
    const groups: [string, string[]][] = [
      ['Added', h.added.map((x) => s.item(`${this.highlight(x)}${this.tagList(x.tags)}${x.coder ? ` · by ${s.words(x.coder)}` : ''}`))],
      ['Removed', h.removed.map((x) => s.item(`${this.highlight(x)}${this.tagList(x.tags)}`))],
      ['Re-tagged', h.retagged.map((x) => s.item(`${this.highlight(x.highlight)} — ${[...x.added.map((t) => `+${s.code(t)}`), ...x.removed.map((t) => `−${s.code(t)}`)].join(' ')}`))],
      [
        'Re-anchored',
        h.reanchored.map((x) =>
          s.item(
            x.before.quote === x.after.quote
              ? `${this.highlight(x.highlight)}: same words, now at ${x.after.start}–${x.after.end} (was ${x.before.start}–${x.before.end})`
              : `${this.who(x.highlight)}${this.quote(x.before.quote)} → ${this.quote(x.after.quote)}`,
          ),
        ),
      ],
      ['Memos', h.memos.map((x) => s.item(`${this.highlight(x.highlight)} — memo ${this.change(x.before, x.after)}`))],
    ];
    return this.section(
      'Highlights',
      groups.flatMap(([title, lines]) => this.group(title, lines)),
    );
  }

  themes(d: AnalysisDiff): string[] {
    const { s } = this;
    const t = d.themes;
    const lines = [
      ...t.created.flatMap((c) => [s.item(`${s.strong('Created')} ${this.entity(c)} with ${plural(c.highlights.length, 'card')}`), ...c.highlights.map((h) => s.item(this.highlight(h), 1))]),
      ...t.removed.map((c) => s.item(`${s.strong('Removed')} ${this.entity(c)}`)),
      ...t.renamed.map((r) => s.item(`${s.strong('Renamed')} ${this.entity(r.from)} → ${this.entity(r.to)}`)),
      ...t.summaries.map((c) => s.item(`${s.strong('Summary')} of ${this.entity(c.theme)} ${this.change(c.before, c.after)}`)),
      ...t.moved.map((m) => s.item(`${s.strong('Moved')} ${this.highlight(m.highlight)} from ${this.entity(m.from)} to ${this.entity(m.to)}`)),
      ...t.cards.flatMap((c) => [
        s.item(`${this.entity(c.theme)}: ${[c.added.length > 0 ? `${plural(c.added.length, 'card')} added` : '', c.removed.length > 0 ? `${plural(c.removed.length, 'card')} taken out` : ''].filter(Boolean).join(', ')}`),
        ...c.added.map((h) => s.item(`+ ${this.highlight(h)}`, 1)),
        ...c.removed.map((h) => s.item(`− ${this.highlight(h)}`, 1)),
      ]),
    ];
    return this.section('Themes', lines);
  }

  insights(d: AnalysisDiff): string[] {
    const { s } = this;
    const i = d.insights;
    const lines = [
      ...this.entityLines('insight', i),
      ...i.changed.flatMap((c) => [
        s.item(`${s.strong('Changed')}: ${this.entity(c.insight)}`),
        ...(c.statement ? [s.item(`statement was: ${quoted(s, c.statement.before, Infinity)}`, 1)] : []),
        ...c.fields.map((f) => s.item(this.field(f), 1)),
        ...c.evidence.added.map((h) => s.item(`evidence added: ${this.highlight(h)}`, 1)),
        ...c.evidence.removed.map((h) => s.item(`evidence removed: ${this.highlight(h)}`, 1)),
        ...this.listLines('theme', c.themes, 1),
        ...this.listLines('persona', c.personas, 1),
        ...c.recommendations.added.map((r) => s.item(`recommendation added: ${this.quote(r.action)}${r.owner ? ` (${s.words(r.owner)})` : ''}, ${r.status}`, 1)),
        ...c.recommendations.removed.map((r) => s.item(`recommendation removed: ${this.quote(r.action)}`, 1)),
        ...c.recommendations.changed.map((r) => s.item(`recommendation ${this.quote(r.action)}: ${r.changes.map((f) => this.field(f)).join('; ')}`, 1)),
      ]),
    ];
    return this.section('Insights', lines);
  }

  personas(d: AnalysisDiff): string[] {
    const { s } = this;
    const p = d.personas;
    const lines = [
      ...this.entityLines('persona', p),
      ...p.changed.flatMap((c) => [
        s.item(`${s.strong(c.regenerated ? 'Regenerated from the coding' : 'Edited')}: ${this.entity(c.persona)}`),
        ...c.fields.map((f) => s.item(this.field(f), 1)),
        ...c.lists.flatMap((l) => this.listLines(l.field.replace(/s$/, ''), l, 1)),
      ]),
    ];
    return this.section('Personas', lines);
  }

  journeys(d: AnalysisDiff): string[] {
    const { s } = this;
    const j = d.journeys;
    const lines = [
      ...j.created.map((c) => s.item(`${s.strong('New journey map')}: ${this.entity(c)}`)),
      ...j.removed.map((c) => s.item(`${s.strong('Removed journey map')}: ${this.entity(c)}`)),
      ...j.renamed.map((r) => s.item(`${s.strong('Moved to a new file')}: ${s.code(r.from.id)} → ${s.code(r.to.id)}`)),
      ...j.changed.map((c) => s.item(`${s.strong('Changed')} ${this.entity(c.journey)}: ${c.fields.join(', ')}`)),
    ];
    return this.section('Journey maps', lines);
  }

  private section(title: string, lines: string[]): string[] {
    return lines.length === 0 ? [] : ['', this.s.heading(2, title), '', ...lines];
  }

  private group(title: string, lines: string[]): string[] {
    if (lines.length === 0) return [];
    const heading = `${title} (${lines.length})`;
    return ['', this.s.heading(3, heading), '', ...this.s.fold(heading, lines)];
  }

  /** New, removed and moved-to-a-new-file entities of one kind (insights, personas). */
  private entityLines(noun: string, e: { created: EntityRef[]; removed: EntityRef[]; renamed: { from: EntityRef; to: EntityRef }[] }): string[] {
    const { s } = this;
    return [
      ...e.created.map((c) => s.item(`${s.strong(`New ${noun}`)}: ${this.entity(c)}`)),
      ...e.removed.map((c) => s.item(`${s.strong(`Removed ${noun}`)}: ${this.entity(c)}`)),
      ...e.renamed.map((r) => s.item(`${s.strong('Moved to a new file')}: ${s.code(r.from.id)} → ${s.code(r.to.id)}`)),
    ];
  }

  private listLines(noun: string, l: { added: string[]; removed: string[] }, depth: number): string[] {
    return [...l.added.map((x) => this.s.item(`${noun} added: ${this.s.words(x)}`, depth)), ...l.removed.map((x) => this.s.item(`${noun} removed: ${this.s.words(x)}`, depth))];
  }

  /** `P07 (transcripts/p07.md): “words”`, or the id when the highlight no longer exists. */
  private highlight(h: HighlightRef): string {
    if (h.quote === undefined) return `highlight ${this.s.code(h.id)} (no longer exists)`;
    const link = this.linkOf?.(h);
    return `${this.who(h)}${link ? `[${this.quote(h.quote)}](<${link}>)` : this.quote(h.quote)}`;
  }

  private who(h: HighlightRef): string {
    const person = h.participant ?? h.speaker;
    const where = h.source ? this.s.code(h.source) : '';
    return person ? `${this.s.strong(this.s.words(person))} (${where}): ` : where ? `${where}: ` : '';
  }

  private quote(text: string): string {
    return quoted(this.s, text);
  }

  private tag(t: TagRef): string {
    return `${this.s.em(this.s.words(t.label))} (${this.s.code(t.id)})`;
  }

  private tagList(tags: readonly string[]): string {
    return tags.length === 0 ? ' · no tags' : ` · ${tags.map((t) => this.s.code(t)).join(', ')}`;
  }

  private entity(e: EntityRef): string {
    return `${this.s.em(this.s.words(e.title))} (${this.s.code(e.id)})`;
  }

  private field(f: FieldChange): string {
    return `${f.field} ${this.change(show(f.before), show(f.after))}`;
  }

  private change(before: string | undefined, after: string | undefined): string {
    if (before === undefined) return `added: ${this.quote(after ?? '')}`;
    if (after === undefined) return `removed (was ${this.quote(before)})`;
    return `${this.quote(before)} → ${this.quote(after)}`;
  }
}

function show(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'object' && x ? Object.values(x).join(' ') : String(x))).join(', ');
  return JSON.stringify(v);
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
