/**
 * The kinds of source a study uses — interviews, diaries, focus groups, inspection visits,
 * mystery shops, consultation responses … — and the front-matter fields each carries.
 *
 * Sift knows the common kinds of public-service research by default; research.yaml
 * (`kinds:`) adds the study's own and gives any kind its fields (an inspection's site and
 * checklist scores), typed like participant attributes and checked by the same function
 * (src/core/attributes.ts), so a field and an attribute can never disagree about what a
 * number or a date is. A source whose kind the study does not know is an error naming the
 * kinds it does know; the source is still read and counted, never dropped.
 */
import { attributeValueProblem } from '../attributes';
import type { Project, SourceKind, Transcript } from '../model';
import { problem, type Problem } from '../problems';
import { FRONT_MATTER_KEYS } from '../transcripts/frontmatter';

/** The kinds every study knows, in the order lists show them. */
export const DEFAULT_SOURCE_KINDS: Readonly<Record<string, SourceKind>> = {
  interview: { label: 'Interview', fields: {} },
  diary: { label: 'Diary', fields: {} },
  'focus-group': { label: 'Focus group', fields: {} },
  observation: { label: 'Observation', fields: {} },
  'co-design-session': { label: 'Co-design session', fields: {} },
  'patient-story': { label: 'Patient story', fields: {} },
  'inspection-visit': { label: 'Inspection visit', fields: {} },
  'mystery-shop': { label: 'Mystery shop', fields: {} },
  'consultation-response': { label: 'Consultation response', fields: {} },
  // Written by `sift import survey`: one `## R017` section per comment.
  survey: { label: 'Survey comments', fields: {} },
};

/** What a source without `kind:` in its front matter is grouped under. */
export const NO_KIND = '(no kind)';

type WrittenKind = { label?: string; description?: string; fields?: SourceKind['fields'] };

/**
 * The study's kinds: the defaults, then research.yaml's `kinds:` — a default named there takes
 * its label and fields from there; a new one is added after the defaults, in the order written.
 */
export function readKinds(written: Record<string, WrittenKind | null> | undefined): Record<string, SourceKind> {
  const kinds: Record<string, SourceKind> = { ...DEFAULT_SOURCE_KINDS };
  for (const [id, k] of Object.entries(written ?? {})) {
    kinds[id] = { label: k?.label ?? kinds[id]?.label ?? labelOf(id), ...(k?.description ? { description: k.description } : {}), fields: k?.fields ?? {} };
  }
  return kinds;
}

/** `co-design-session` → `Co-design session`. */
function labelOf(id: string): string {
  const words = id.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A source's kind id as written, or {@link NO_KIND}. */
export function kindOf(t: Transcript): string {
  return t.meta.kind ?? NO_KIND;
}

/** How a kind reads in a table or a heading: its label, or the id as written when the study does not know it. */
export function kindLabel(project: Project | undefined, kind: string): string {
  if (kind === NO_KIND) return 'No kind given';
  return project?.kinds[kind]?.label ?? kind;
}

/** Kinds in the study's order (defaults, then declared), any unknown ones after them sorted, no kind last. */
export function orderKinds(project: Project | undefined, used: Iterable<string>): string[] {
  const set = new Set(used);
  const known = Object.keys(project?.kinds ?? DEFAULT_SOURCE_KINDS).filter((k) => set.has(k));
  const unknown = [...set].filter((k) => !known.includes(k) && k !== NO_KIND).sort();
  return [...known, ...unknown, ...(set.has(NO_KIND) ? [NO_KIND] : [])];
}

/** Every problem with a source's kind and its fields, at the line and column where it is written. */
export function sourceKindProblems(project: Project, t: Transcript): Problem[] {
  const kind = t.meta.kind;
  if (kind === undefined) return [];
  const at = (key: string) => t.places?.[key];
  const def = project.kinds[kind];
  if (!def) {
    const ids = Object.keys(project.kinds);
    // The enum check of typed attributes orders the known kinds nearest first: the quick fixes.
    const fixes = attributeValueProblem('kind', { type: 'enum', values: ids }, kind)?.fixes ?? [];
    const message = `"${kind}" is not a kind of source this study knows. The kinds are: ${ids.join(', ')}. Fix the spelling, or declare it under "kinds:" in research.yaml.`;
    return [problem(t.path, at('kind'), 'error', 'unknown-source-kind', message, fixes)];
  }
  const out: Problem[] = [];
  const fields = t.meta.fields ?? {};
  for (const [name, field] of Object.entries(def.fields)) {
    const value = fields[name];
    if (value === undefined) {
      if (at(name)) out.push(problem(t.path, at(name), 'error', 'bad-source-field', `${name} of ${article(def.label)} is one value (${describeType(field)}), not a list or a mapping.`));
      else if (field.required) out.push(problem(t.path, at('kind'), 'error', 'missing-source-field', `${capitalised(article(def.label))} records its ${name} (${describeType(field)}): add "${name}:" to this front matter.`));
      continue;
    }
    const wrong = attributeValueProblem(name, field, value);
    if (wrong) out.push(problem(t.path, at(name), 'error', 'bad-source-field', wrong.message, wrong.fixes));
  }
  const declared = Object.keys(def.fields);
  if (declared.length > 0) {
    for (const key of Object.keys(t.places ?? {})) {
      if (FRONT_MATTER_KEYS.has(key) || key in def.fields) continue;
      out.push(problem(t.path, at(key), 'warning', 'unknown-source-field', `"${key}" is not a field of ${article(def.label)}; its fields are ${declared.join(', ')} (research.yaml, kinds: ${kind}).`));
    }
  }
  return out;
}

/** `an inspection visit`, `a diary`. */
function article(label: string): string {
  const words = label.toLowerCase();
  return `${/^[aeiou]/.test(words) ? 'an' : 'a'} ${words}`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function describeType(field: SourceKind['fields'][string]): string {
  switch (field.type) {
    case 'enum':
      return `one of ${(field.values ?? []).join(', ')}`;
    case 'number':
      return field.min !== undefined && field.max !== undefined ? `a number from ${field.min} to ${field.max}` : 'a number';
    case 'date':
      return 'a date, YYYY-MM-DD';
    case 'boolean':
      return 'true or false';
    case 'text':
      return 'text';
  }
}
