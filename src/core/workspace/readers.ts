/**
 * From a YAML file's text to model objects: parse (guarded), validate against the file
 * kind's schema, then read the plain value into the model with defaults filled in. A file
 * with errors yields no value, so nothing downstream works from a half-read file.
 */
import { readRecommendation } from '../actions/recommendation';
import { hasErrors, type Problem } from '../problems';
import { DEFAULT_PATHS, DEFAULT_PRIVACY, DEFAULT_SOURCES, type Highlight, type HighlightsFile, type Insight, type Journey, type JourneyStage, type Participant, type Persona, type Project, type Tag, type Theme } from '../model';
import { readTargets, type WrittenTarget } from '../sampling/targets';
import { readKinds } from '../sources/kinds';
import { validateAgainstSchema, validatesQuietly, type FileKind } from '../validate';
import { readCanonicalHighlights } from '../yaml/fast-highlights';
import { YAML_LIMITS } from '../yaml/guard';
import { parseYaml } from '../yaml/parse';

export interface ReadResult<T> {
  value: T | undefined;
  problems: Problem[];
}

/** Parses and validates one YAML file of a known kind; the value is undefined on any error. */
export function readYamlOfKind(kind: FileKind, path: string, text: string): ReadResult<Record<string, unknown>> {
  return readCanonicalYaml(kind, text) ?? readYamlFully(kind, path, text);
}

/**
 * The fast path of `readYamlOfKind`, or undefined when it does not apply. Highlights files
 * are most of a study's YAML and Sift writes them in one narrow shape: a reader for exactly
 * that shape is ~15× faster than the full parser, and declines anything else. Only a valid
 * file is taken from it; problems always come from the full parser, which knows their lines
 * and columns. (The fast reader's fixed shape cannot nest deeply; only the size limit applies first.)
 */
export function readCanonicalYaml(kind: FileKind, text: string): ReadResult<Record<string, unknown>> | undefined {
  if (kind !== 'highlights' || text.length > YAML_LIMITS.maxBytes) return undefined;
  const fast = readCanonicalHighlights(text);
  return fast && validatesQuietly(kind, fast) ? { value: fast as unknown as Record<string, unknown>, problems: [] } : undefined;
}

/** The full parser's path of `readYamlOfKind`: any YAML, problems with their lines and columns. */
function readYamlFully(kind: FileKind, path: string, text: string): ReadResult<Record<string, unknown>> {
  const parsed = parseYaml(path, text);
  if (!parsed.doc) return { value: undefined, problems: parsed.problems };
  const value = (parsed.doc.toJS({ maxAliasCount: 0 }) ?? {}) as Record<string, unknown>;
  const problems = [...parsed.problems, ...validateAgainstSchema(kind, path, parsed, value)];
  return { value: hasErrors(problems) ? undefined : value, problems };
}

/** The id of a one-entity-per-file kind: its file name without `.yaml`. */
export function idFromPath(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).replace(/\.ya?ml$/, '');
}

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- validated by schema

export function toProject(raw: Raw): Project {
  return {
    name: raw.name,
    ...(raw.description !== undefined ? { description: raw.description } : {}),
    sources: raw.sources ?? DEFAULT_SOURCES,
    attributes: raw.attributes ?? {},
    sample: raw.sample ?? {},
    sampling: Object.fromEntries(Object.entries((raw.sampling ?? {}) as Record<string, Record<string, WrittenTarget>>).map(([attribute, written]) => [attribute, readTargets(written)])),
    paths: { ...DEFAULT_PATHS, ...(raw.paths ?? {}) },
    privacy: { ...DEFAULT_PRIVACY, ...(raw.privacy ?? {}) },
    kinds: readKinds(raw.kinds),
    period: raw.period ?? {},
    phases: Object.entries((raw.phases ?? {}) as Raw).map(([id, p]) => ({ id, label: p.label ?? id, from: p.from, to: p.to })),
  };
}

export function toCodebook(raw: Raw): Tag[] {
  return raw.tags as Tag[];
}

export function toParticipants(raw: Raw): Participant[] {
  return (raw.participants as Participant[]).map((p) => ({ ...p, attributes: p.attributes ?? {} }));
}

export function toHighlightsFile(path: string, raw: Raw): HighlightsFile {
  // A highlight read with its prefix, suffix and tags (nearly every one: Sift writes them) is
  // taken as it is. Copying each was a sixth of the objects a library of 200,000 highlights
  // builds on a warm load, and their garbage collection most of its time (docs/benchmarks.md).
  const highlights = (raw.highlights as Highlight[]).map((h) => (h.prefix !== undefined && h.suffix !== undefined && h.tags !== undefined ? h : { ...h, prefix: h.prefix ?? '', suffix: h.suffix ?? '', tags: h.tags ?? [] }));
  return { path, source: raw.source, ...(raw.sourceHash ? { sourceHash: raw.sourceHash } : {}), highlights };
}

export function toTheme(path: string, raw: Raw): Theme {
  return { id: idFromPath(path), path, title: raw.title, ...(raw.summary !== undefined ? { summary: raw.summary } : {}), highlights: raw.highlights ?? [] };
}

export function toInsight(path: string, raw: Raw): Insight {
  return {
    id: idFromPath(path),
    path,
    statement: raw.statement,
    status: raw.status ?? 'draft',
    ...(raw.confidence ? { confidence: raw.confidence } : {}),
    themes: raw.themes ?? [],
    evidence: raw.evidence ?? [],
    personas: raw.personas ?? [],
    recommendations: (raw.recommendations ?? []).map(readRecommendation),
  };
}

export function toPersona(path: string, raw: Raw): Persona {
  return {
    ...raw,
    id: idFromPath(path),
    path,
    name: raw.name,
    participants: raw.participants ?? [],
    distinguishing: raw.distinguishing ?? [],
    quotes: raw.quotes ?? [],
    goals: raw.goals ?? [],
    frustrations: raw.frustrations ?? [],
    behaviours: raw.behaviours ?? [],
  } as Persona;
}

export function toJourney(path: string, raw: Raw): Journey {
  return {
    id: idFromPath(path),
    path,
    title: raw.title,
    ...(raw.persona ? { persona: raw.persona } : {}),
    stages: (raw.stages as Raw[]).map((s) => ({
      ...s,
      highlights: (s.highlights ?? []).map((h: Raw) => ({ id: h.id, ...(h.sentiment !== undefined ? { sentiment: h.sentiment } : {}), ...(h.proposal === 'dismissed' ? { proposal: 'dismissed' } : {}) })),
    })) as JourneyStage[],
  };
}
