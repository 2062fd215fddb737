/**
 * The research workspace as plain data. Every entity is what its YAML file says; files
 * are the truth and these objects are a read-only view of them, rebuilt on load: every
 * field and list is `readonly`, so nothing changes the loaded study in place (a reader
 * building a value uses `Draft`).
 */

/**
 * A model value while its reader builds it, its fields set one by one: the model's types are
 * read-only (the loaded study is shared, src/core/workspace/workspace.ts), a value being made
 * is not yet anyone's.
 */
export type Draft<T> = { -readonly [K in keyof T]: T[K] };

/** How a highlight relates to the current transcript text after (re-)anchoring. */
export type AnchorState = 'anchored' | 'moved' | 'fuzzy' | 'orphaned';

/** The W3C Web Annotation selectors Sift stores: a text quote and a text position. */
export interface StoredAnchor {
  readonly id: string;
  readonly quote: string;
  readonly prefix: string;
  readonly suffix: string;
  /** Code points over the normalised text, half-open [start, end). */
  readonly start: number;
  readonly end: number;
}

export interface Highlight extends StoredAnchor {
  readonly tags: readonly string[];
  readonly note?: string;
  readonly speaker?: string;
  /** Media time `HH:MM:SS` where the transcript has timestamps. */
  readonly time?: string;
  /**
   * Where the passage ends in the recording, set by hand (`HH:MM:SS`, or with tenths `HH:MM:SS.s`)
   * when it ends before its turn does: a clip stops there. Absent: the end of the turn it ends in.
   */
  readonly timeEnd?: string;
  /** Date of the diary entry the highlight sits in. */
  readonly date?: string;
  readonly coder?: string;
  /** Written by assisted coding (an auto-code rule, an accepted suggestion), not by hand; absent for hand coding. */
  readonly assisted?: Assisted;
}

/** How an assisted highlight came to be: `autocode` with its rule (`speaker: P`), or an accepted `suggestion` with its reason. */
export interface Assisted {
  readonly by: 'autocode' | 'suggestion';
  readonly rule: string;
}

export interface HighlightsFile {
  /** Path of this YAML file, e.g. `highlights/transcripts/p07.md.yaml`. */
  readonly path: string;
  /** The transcript it annotates, e.g. `transcripts/p07.md`. */
  readonly source: string;
  /** Git blob hash of the transcript's normalised text when last anchored. */
  readonly sourceHash?: string;
  readonly highlights: readonly Highlight[];
}

export interface AttributeDefinition {
  readonly type: 'enum' | 'text' | 'number' | 'boolean' | 'date';
  readonly values?: readonly string[];
  /** Bounds of a number attribute, inclusive. */
  readonly min?: number;
  readonly max?: number;
  readonly description?: string;
}

/**
 * A sampling target for one value of an attribute, in the form it was written: a share of
 * the sample (`30%`, `0.3`, `{share: 0.3}`) or a number of participants (`{count: 3}`, or a
 * whole number in a list of whole numbers). See src/core/sampling/targets.ts.
 */
export interface SamplingTarget {
  readonly unit: 'share' | 'count';
  /** A share (0–1) or a number of participants. */
  readonly value: number;
  /** Written as a bare number (the old form), so the unit was inferred from its neighbours. */
  readonly inferred?: true;
}

export interface ProjectPaths {
  readonly codebook: string;
  readonly participants: string;
  readonly highlights: string;
  readonly themes: string;
  readonly insights: string;
  readonly personas: string;
  readonly journeys: string;
}

export interface Project {
  readonly name: string;
  readonly description?: string;
  readonly sources: readonly string[];
  readonly attributes: Readonly<Record<string, AttributeDefinition>>;
  /** The sample size the study plans (research.yaml `sample: {planned: 10}`), when set. */
  readonly sample: { readonly planned?: number };
  /** Per attribute, per value: the target as written (a share or a count). Values without one are "everyone else". */
  readonly sampling: Readonly<Record<string, Readonly<Record<string, SamplingTarget>>>>;
  readonly paths: ProjectPaths;
  readonly privacy: PrivacySettings;
  /** The kinds of source the study uses: the defaults and those research.yaml declares (see src/core/sources/kinds.ts). */
  readonly kinds: Readonly<Record<string, SourceKind>>;
  /** The fieldwork period (research.yaml `period:`): weeks of the study count from its start. */
  readonly period: { readonly start?: string; readonly end?: string };
  /** Named stretches of the study (research.yaml `phases:`), in the order written. */
  readonly phases: readonly Phase[];
}

/** A kind of source (interview, diary, inspection visit …) and the front-matter fields its sources carry. */
export interface SourceKind {
  readonly label: string;
  readonly description?: string;
  /** Typed like participant attributes; `required` fields must be in every source of the kind. */
  readonly fields: Readonly<Record<string, SourceField>>;
}

export interface SourceField extends AttributeDefinition {
  readonly required?: boolean;
}

/** A phase of the study: the days from `from` to `to`, both included. */
export interface Phase {
  readonly id: string;
  readonly label: string;
  readonly from: string;
  readonly to: string;
}

/** research.yaml `privacy:` — see src/core/privacy. */
export interface PrivacySettings {
  /** The transcripts are already pseudonymised: made-up names are expected, so names are not guessed from context. */
  readonly pseudonymised: boolean;
  /** The private key file (git-ignored). */
  readonly key: string;
  /** The team's names list. */
  readonly names: string;
  /** Decisions about findings (not personal data, or accepted): tracked, reviewed in git. */
  readonly decisions: string;
}

export const DEFAULT_PRIVACY: PrivacySettings = { pseudonymised: false, key: '.sift/private/keys.yaml', names: '.sift/private/names.txt', decisions: 'privacy.yaml' };

export const DEFAULT_PATHS: ProjectPaths = {
  codebook: 'codebook.yaml',
  participants: 'participants.yaml',
  highlights: 'highlights',
  themes: 'themes',
  insights: 'insights',
  personas: 'personas',
  journeys: 'journeys',
};

export const DEFAULT_SOURCES = ['transcripts/**/*.md', 'transcripts/**/*.txt', 'transcripts/**/*.vtt', 'transcripts/**/*.srt'];

export interface Tag {
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  readonly color?: string;
  readonly parent?: string;
  readonly aliases?: readonly string[];
}

export type ConsentScope = 'verbatim' | 'anonymised' | 'analysis-only' | 'withdrawn';

export interface Consent {
  readonly by: 'participant' | 'carer' | 'advocate';
  readonly date?: string;
  readonly scope: ConsentScope;
  readonly note?: string;
}

export interface Participant {
  readonly id: string;
  readonly attributes: Readonly<Record<string, string | number | boolean>>;
  readonly consent?: Consent;
  readonly note?: string;
}

export interface Theme {
  readonly id: string;
  readonly path: string;
  readonly title: string;
  readonly summary?: string;
  readonly highlights: readonly string[];
}

export type InsightStatus = 'draft' | 'in-review' | 'accepted' | 'actioned' | 'rejected';

/**
 * Where a recommendation stands: proposed → agreed → in-progress → done, or declined (with a
 * reason). Files written before 2026-12 may say `rejected`: it is read as `declined`, and
 * `sift check` says how to write it now (see src/core/actions/problems.ts).
 */
export type RecommendationStatus = 'proposed' | 'agreed' | 'in-progress' | 'done' | 'declined';

/** A figure measured before and after the change, e.g. the average wait for a major adaptation, 183 → 52 days. */
export interface Measure {
  readonly name: string;
  readonly before: number;
  readonly after: number;
  readonly unit?: string;
}

/** What changed because of a recommendation, with a measure where there is one and the evidence of it. */
export interface Outcome {
  readonly change: string;
  readonly measure?: Measure;
  /** Links (`https://…`), files inside the study (`outcomes/waits.csv`) or later highlights (`h-…`). */
  readonly evidence: readonly string[];
}

export interface Recommendation {
  readonly action: string;
  readonly owner?: string;
  readonly status: RecommendationStatus;
  /** Why it was declined (required then). */
  readonly reason?: string;
  /** `YYYY-MM-DD`: when it is due. */
  readonly due?: string;
  readonly outcome?: Outcome;
  /** The older word the file uses for the status (`rejected`, read as `declined`), until it is rewritten. */
  readonly writtenStatus?: string;
}

export interface Insight {
  readonly id: string;
  readonly path: string;
  readonly statement: string;
  readonly status: InsightStatus;
  readonly confidence?: 'low' | 'medium' | 'high';
  readonly themes: readonly string[];
  readonly evidence: readonly string[];
  readonly personas: readonly string[];
  readonly recommendations: readonly Recommendation[];
}

/**
 * A tag that sets a persona apart: lift (members' mean share of the tag over everyone's)
 * and, where generated, how many members use it against how many of the other participants.
 */
export interface DistinguishingRecord {
  readonly tag: string;
  readonly lift: number;
  readonly members?: number;
  readonly of?: number;
  readonly others?: number;
  readonly othersOf?: number;
}

export interface Persona {
  readonly id: string;
  readonly path: string;
  readonly name: string;
  readonly label?: string;
  readonly summary?: string;
  readonly participants: readonly string[];
  readonly share?: number;
  readonly distinguishing: readonly DistinguishingRecord[];
  readonly quotes: readonly string[];
  readonly goals: readonly string[];
  readonly frustrations: readonly string[];
  readonly behaviours: readonly string[];
  /**
   * `draft` until a researcher accepts it; reports and shared outputs leave drafts out.
   * Absent: a hand-written persona is accepted, a generated one a draft (see personas/status.ts).
   */
  readonly status?: PersonaStatus;
  /**
   * The set of personas this one belongs to: a participant belongs to at most one persona
   * of a set, so a set's shares add up to at most 100 %. Generated personas record the
   * run's set; absent on hand-written ones (which form one set together).
   */
  readonly set?: string;
  /** Written by `sift personas`: how, and a fingerprint of each field as last generated (see src/core/personas/write.ts). */
  readonly generated?: { readonly method?: string; readonly silhouette?: { readonly group: number; readonly set: number }; readonly fields: Readonly<Record<string, string>> };
}

export type PersonaStatus = 'draft' | 'accepted';

export interface JourneyStage {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly highlights: readonly JourneyMoment[];
}

/**
 * A quote under a stage. `sentiment` (−2 … +2) is the researcher's: absent until they set
 * or confirm one, and a stage's mean counts only the moments that have one. `proposal:
 * dismissed` records that they dismissed Sift's sentiment proposal for it, so it is not
 * offered again (src/core/assist/sentiment-journey.ts).
 */
export interface JourneyMoment {
  readonly id: string;
  readonly sentiment?: number;
  readonly proposal?: 'dismissed';
}

export interface Journey {
  readonly id: string;
  readonly path: string;
  readonly title: string;
  readonly persona?: string;
  readonly stages: readonly JourneyStage[];
}

/**
 * A source's kind as its front matter writes it: one of the study's kinds (src/core/sources/kinds.ts).
 * `survey`: open-ended comments imported from a spreadsheet, one `## R017` section per comment (see src/core/survey).
 */
export type TranscriptKind = string;
export type TranscriptFormat = 'markdown' | 'text' | 'vtt' | 'srt';

/** A stretch of transcript text attributed to one speaker, media time and/or diary date. */
export interface Turn {
  /** Code points, half-open. */
  readonly start: number;
  readonly end: number;
  readonly speaker?: string;
  /** `HH:MM:SS` media time where the turn starts. */
  readonly time?: string;
  /** `YYYY-MM-DD` of the diary entry containing the turn. */
  readonly date?: string;
}

/** Where a transcript names a speaker: the name as written (`P05 (carer)`, `admin-1`), code points, half-open. */
export interface SpeakerLabel {
  readonly speaker: string;
  readonly start: number;
  readonly end: number;
}

export interface TranscriptMeta {
  readonly participant?: string;
  readonly participants?: readonly string[];
  /** Who speaks, as the labels write them: these are always read as speaker labels (`speakers: [mike smith]`). */
  readonly speakers?: readonly string[];
  readonly date?: string;
  readonly kind?: TranscriptKind;
  readonly title?: string;
  /** The recording of the session (`media: recordings/p06.m4a`), as written: relative to the transcript's folder. */
  readonly media?: string;
  /** The file an import was made from (`source: originals/calls/p06.srt`), relative to the study's root. */
  readonly source?: string;
  /** The other front-matter keys with a single value: a kind's own fields (an inspection's `site`, its scores). */
  readonly fields?: Readonly<Record<string, string | number | boolean>>;
}

/** A line and column in a file, 1-based, with where the thing ends when known. */
export interface Place {
  readonly line: number;
  readonly column: number;
  readonly endLine?: number;
  readonly endColumn?: number;
}

/**
 * A scanned page attached to a diary entry: a Markdown image on its own line
 * (`![Page 3](scans/p09-page-3.jpg)`) inside the entry. It is nobody's words: no turn
 * covers it, so it is never coded; the editor shows the picture beside the text.
 */
export interface PageScan {
  /** As written in the transcript, relative to its folder. */
  readonly target: string;
  /** Workspace-relative path it resolves to, or undefined when it leaves the workspace. */
  readonly path?: string;
  /** The entry it belongs to (its date), when it is inside a dated entry. */
  readonly date?: string;
  /** Where the target is written. */
  readonly at: Place;
}

/**
 * What the workspace keeps of a transcript. The text itself is not kept resident (a study
 * can hold 35 MB of it); read it when needed with `readText`.
 */
export interface Transcript {
  readonly path: string;
  readonly format: TranscriptFormat;
  /** Git blob hash of the normalised text (BOM dropped, `\n` line endings). */
  readonly hash: string;
  /** Length of the normalised text in code points. */
  readonly length: number;
  readonly meta: TranscriptMeta;
  readonly turns: readonly Turn[];
  /** Where each front-matter key's value is written (to point at a wrong kind or field). */
  readonly places?: Readonly<Record<string, Place>>;
  /** Scanned pages attached to diary entries. */
  readonly pages?: readonly PageScan[];
  /** The dated entries of a diary (`## 2026-03-02` headings), in file order. */
  readonly entries?: readonly DiaryEntry[];
}

/** A dated entry of a diary: its heading's date and line. */
export interface DiaryEntry {
  readonly date: string;
  /** 1-based line of the heading. */
  readonly line: number;
}
