/**
 * What the `name:value` filters of a search query mean in a study, shared by Find
 * Highlights and `sift search`: `participant:P07`, a participant attribute declared in
 * research.yaml (`age-band:65+`, `channel:"face to face"`), and `-` before either to leave
 * those out. A highlight's participant is its speaker when a participant, else its
 * transcript's only participant (as evidence counts it). Values compare ignoring case.
 * `week:3`, `phase:baseline` (or its label, `phase:"baseline week"`) and `kind:diary` select
 * by when a highlight is from and what kind of source (core/sources/dimensions.ts).
 * `study:` is the library's (see core/library/search.ts) and passes here.
 */
import { tagAndDescendants } from '../codebook/hierarchy';
import { dimensionHint, dimensionKey, DIMENSIONS, highlightDimensions, isDimension, type Dimension } from '../sources/dimensions';
import { participantOfHighlight, type Workspace } from '../workspace/workspace';
import type { FieldFilter, ParsedQuery, SearchDoc, SearchOptions } from './fulltext';

/** Filter names every study knows, besides its attributes. */
export const PARTICIPANT_FIELD = 'participant';
export const STUDY_FIELD = 'study';

/** The options that make a parsed query mean in this study what its words say: sub-tags and filters. */
export function studySearchOptions(ws: Workspace, query: ParsedQuery): Pick<SearchOptions, 'descendantsOf' | 'accept'> {
  const accept = fieldsFilter(
    ws,
    query.fields.filter((f) => f.name !== STUDY_FIELD),
  );
  return { descendantsOf: (tag) => tagAndDescendants(ws.codebook, tag), ...(accept ? { accept } : {}) };
}

/** A test of a search document against the filters, or undefined when there are none. */
export function fieldsFilter(ws: Workspace, fields: readonly FieldFilter[]): ((doc: SearchDoc) => boolean) | undefined {
  if (fields.length === 0) return undefined;
  const people = new Map(ws.participants.map((p) => [p.id.toLowerCase(), p]));
  // A week, phase or kind is compared by its key, whichever way the query names it.
  const keys = new Map(fields.filter((f) => isDimension(f.name)).map((f) => [f, dimensionKey(ws, f.name as Dimension, f.value)]));
  const dimensions = keys.size > 0 ? highlightDimensions(ws) : undefined;
  return (doc) => {
    const participant = participantOfHighlight(ws, doc.source, doc.speaker);
    const attributes = participant === undefined ? undefined : people.get(participant.toLowerCase())?.attributes;
    return fields.every((f) => {
      if (keys.has(f)) {
        const key = keys.get(f);
        return (key !== undefined && dimensions!.get(doc.id)?.[f.name as Dimension] === key) !== f.negated;
      }
      const actual = f.name === PARTICIPANT_FIELD ? participant : attributes?.[f.name];
      const matches = actual !== undefined && String(actual).toLowerCase() === f.value.toLowerCase();
      return matches !== f.negated;
    });
  };
}

/**
 * Sentences for what the query asks that no study here can answer: a tag in no codebook, a
 * filter naming no attribute. The search box shows no hits for these; the CLI refuses them,
 * since "nothing found" would be an answer to a question nobody asked.
 */
export function unknownNamesIn(query: ParsedQuery, known: KnownNames): string[] {
  const problems: string[] = [];
  for (const tag of new Set([...query.tags, ...query.excludeTags])) {
    if (!known.tags.has(tag)) problems.push(`There is no tag "${tag}" in the codebook${nearest(tag, known.tags)}.`);
  }
  for (const name of new Set(query.fields.map((f) => f.name))) {
    if (!known.fields.has(name))
      problems.push(
        `"${name}:" is not a filter here: use ${[...known.fields]
          .sort()
          .map((f) => `${f}:`)
          .join(', ')}.`,
      );
  }
  for (const f of query.fields) {
    const check = known.values?.get(f.name);
    if (check && !check.accepts(f.value)) problems.push(`${f.name}:${/\s/.test(f.value) ? `"${f.value}"` : f.value} names nothing here: ${check.hint}.`);
  }
  return problems;
}

/**
 * What a study knows: its tag ids, its filter names, and for the filters whose values are the
 * study's own (weeks, phases, kinds) a test of a value with a hint of the right ones.
 */
export interface KnownNames {
  tags: ReadonlySet<string>;
  fields: ReadonlySet<string>;
  values?: ReadonlyMap<string, ValueCheck>;
}

export interface ValueCheck {
  accepts(value: string): boolean;
  hint: string;
}

/** The filter names and tag ids a study knows. */
export function namesKnownIn(ws: Workspace): { tags: Set<string>; fields: Set<string>; values: Map<string, ValueCheck> } {
  return {
    tags: new Set(ws.codebook.map((t) => t.id)),
    fields: new Set([PARTICIPANT_FIELD, ...DIMENSIONS, ...Object.keys(ws.project?.attributes ?? {})]),
    values: new Map(DIMENSIONS.map((d) => [d, { accepts: (value: string) => dimensionKey(ws, d, value) !== undefined, hint: dimensionHint(ws, d) }])),
  };
}

/** Either check accepts: the value checks of two studies searched together. */
export function eitherAccepts(a: ValueCheck | undefined, b: ValueCheck): ValueCheck {
  return a ? { accepts: (v) => a.accepts(v) || b.accepts(v), hint: a.hint.split('; ').includes(b.hint) ? a.hint : `${a.hint}; ${b.hint}` } : b;
}

/** ` (did you mean "waiting-time"?)` when one known name contains or starts like the unknown one. */
function nearest(name: string, known: ReadonlySet<string>): string {
  const close = [...known].filter((k) => k.includes(name) || name.includes(k) || k.slice(0, 4) === name.slice(0, 4)).sort();
  return close.length > 0 && close.length <= 3 ? ` (did you mean ${close.map((c) => `"${c}"`).join(' or ')}?)` : '';
}
