/**
 * The research workspace as plain data. Every entity is what its YAML file says; files
 * are the truth and these objects are a read-only view of them, rebuilt on load.
 */

/** How a highlight relates to the current transcript text after (re-)anchoring. */
export type AnchorState = 'anchored' | 'moved' | 'fuzzy' | 'orphaned';

/** The W3C Web Annotation selectors Sift stores: a text quote and a text position. */
export interface StoredAnchor {
  id: string;
  quote: string;
  prefix: string;
  suffix: string;
  /** Code points over the normalised text, half-open [start, end). */
  start: number;
  end: number;
}

export interface Highlight extends StoredAnchor {
  tags: string[];
  note?: string;
  speaker?: string;
  /** Media time `HH:MM:SS` where the transcript has timestamps. */
  time?: string;
  /**
   * Where the passage ends in the recording, set by hand (`HH:MM:SS`, or with tenths `HH:MM:SS.s`)
   * when it ends before its turn does: a clip stops there. Absent: the end of the turn it ends in.
   */
  timeEnd?: string;
  /** Date of the diary entry the highlight sits in. */
  date?: string;
  coder?: string;
  /** Written by assisted coding (an auto-code rule, an accepted suggestion), not by hand; absent for hand coding. */
  assisted?: Assisted;
}

/** How an assisted highlight came to be: `autocode` with its rule (`speaker: P`), or an accepted `suggestion` with its reason. */
export interface Assisted {
  by: 'autocode' | 'suggestion';
  rule: string;
}

export interface HighlightsFile {
  /** Path of this YAML file, e.g. `highlights/transcripts/p07.md.yaml`. */
  path: string;
  /** The transcript it annotates, e.g. `transcripts/p07.md`. */
  source: string;
  /** Git blob hash of the transcript's normalised text when last anchored. */
  sourceHash?: string;
  highlights: Highlight[];
}

export interface AttributeDefinition {
  type: 'enum' | 'text' | 'number' | 'boolean' | 'date';
  values?: string[];
  /** Bounds of a number attribute, inclusive. */
  min?: number;
  max?: number;
  description?: string;
}

/**
 * A sampling target for one value of an attribute, in the form it was written: a share of
 * the sample (`30%`, `0.3`, `{share: 0.3}`) or a number of participants (`{count: 3}`, or a
 * whole number in a list of whole numbers). See src/core/sampling/targets.ts.
 */
export interface SamplingTarget {
  unit: 'share' | 'count';
  /** A share (0–1) or a number of participants. */
  value: number;
  /** Written as a bare number (the old form), so the unit was inferred from its neighbours. */
  inferred?: true;
}

export interface ProjectPaths {
  codebook: string;
  participants: string;
  highlights: string;
  themes: string;
  insights: string;
  personas: string;
  journeys: string;
}

export interface Project {
  name: string;
  description?: string;
  sources: string[];
  attributes: Record<string, AttributeDefinition>;
  /** The sample size the study plans (research.yaml `sample: {planned: 10}`), when set. */
  sample: { planned?: number };
  /** Per attribute, per value: the target as written (a share or a count). Values without one are "everyone else". */
  sampling: Record<string, Record<string, SamplingTarget>>;
  paths: ProjectPaths;
  privacy: PrivacySettings;
  /** The kinds of source the study uses: the defaults and those research.yaml declares (see src/core/sources/kinds.ts). */
  kinds: Record<string, SourceKind>;
  /** The fieldwork period (research.yaml `period:`): weeks of the study count from its start. */
  period: { start?: string; end?: string };
  /** Named stretches of the study (research.yaml `phases:`), in the order written. */
  phases: Phase[];
}

/** A kind of source (interview, diary, inspection visit …) and the front-matter fields its sources carry. */
export interface SourceKind {
  label: string;
  description?: string;
  /** Typed like participant attributes; `required` fields must be in every source of the kind. */
  fields: Record<string, SourceField>;
}

export interface SourceField extends AttributeDefinition {
  required?: boolean;
}

/** A phase of the study: the days from `from` to `to`, both included. */
export interface Phase {
  id: string;
  label: string;
  from: string;
  to: string;
}

/** research.yaml `privacy:` — see src/core/privacy. */
export interface PrivacySettings {
  /** The transcripts are already pseudonymised: made-up names are expected, so names are not guessed from context. */
  pseudonymised: boolean;
  /** The private key file (git-ignored). */
  key: string;
  /** The team's names list. */
  names: string;
  /** Decisions about findings (not personal data, or accepted): tracked, reviewed in git. */
  decisions: string;
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
  id: string;
  label: string;
  description?: string;
  color?: string;
  parent?: string;
  aliases?: string[];
}

export type ConsentScope = 'verbatim' | 'anonymised' | 'analysis-only' | 'withdrawn';

export interface Consent {
  by: 'participant' | 'carer' | 'advocate';
  date?: string;
  scope: ConsentScope;
  note?: string;
}

export interface Participant {
  id: string;
  attributes: Record<string, string | number | boolean>;
  consent?: Consent;
  note?: string;
}

export interface Theme {
  id: string;
  path: string;
  title: string;
  summary?: string;
  highlights: string[];
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
  name: string;
  before: number;
  after: number;
  unit?: string;
}

/** What changed because of a recommendation, with a measure where there is one and the evidence of it. */
export interface Outcome {
  change: string;
  measure?: Measure;
  /** Links (`https://…`), files inside the study (`outcomes/waits.csv`) or later highlights (`h-…`). */
  evidence: string[];
}

export interface Recommendation {
  action: string;
  owner?: string;
  status: RecommendationStatus;
  /** Why it was declined (required then). */
  reason?: string;
  /** `YYYY-MM-DD`: when it is due. */
  due?: string;
  outcome?: Outcome;
  /** The older word the file uses for the status (`rejected`, read as `declined`), until it is rewritten. */
  writtenStatus?: string;
}

export interface Insight {
  id: string;
  path: string;
  statement: string;
  status: InsightStatus;
  confidence?: 'low' | 'medium' | 'high';
  themes: string[];
  evidence: string[];
  personas: string[];
  recommendations: Recommendation[];
}

/**
 * A tag that sets a persona apart: lift (members' mean share of the tag over everyone's)
 * and, where generated, how many members use it against how many of the other participants.
 */
export interface DistinguishingRecord {
  tag: string;
  lift: number;
  members?: number;
  of?: number;
  others?: number;
  othersOf?: number;
}

export interface Persona {
  id: string;
  path: string;
  name: string;
  label?: string;
  summary?: string;
  participants: string[];
  share?: number;
  distinguishing: DistinguishingRecord[];
  quotes: string[];
  goals: string[];
  frustrations: string[];
  behaviours: string[];
  /**
   * `draft` until a researcher accepts it; reports and shared outputs leave drafts out.
   * Absent: a hand-written persona is accepted, a generated one a draft (see personas/status.ts).
   */
  status?: PersonaStatus;
  /**
   * The set of personas this one belongs to: a participant belongs to at most one persona
   * of a set, so a set's shares add up to at most 100 %. Generated personas record the
   * run's set; absent on hand-written ones (which form one set together).
   */
  set?: string;
  /** Written by `sift personas`: how, and a fingerprint of each field as last generated (see src/core/personas/write.ts). */
  generated?: { method?: string; silhouette?: { group: number; set: number }; fields: Record<string, string> };
}

export type PersonaStatus = 'draft' | 'accepted';

export interface JourneyStage {
  id: string;
  title: string;
  description?: string;
  highlights: JourneyMoment[];
}

/**
 * A quote under a stage. `sentiment` (−2 … +2) is the researcher's: absent until they set
 * or confirm one, and a stage's mean counts only the moments that have one. `proposal:
 * dismissed` records that they dismissed Sift's sentiment proposal for it, so it is not
 * offered again (src/core/assist/sentiment-journey.ts).
 */
export interface JourneyMoment {
  id: string;
  sentiment?: number;
  proposal?: 'dismissed';
}

export interface Journey {
  id: string;
  path: string;
  title: string;
  persona?: string;
  stages: JourneyStage[];
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
  start: number;
  end: number;
  speaker?: string;
  /** `HH:MM:SS` media time where the turn starts. */
  time?: string;
  /** `YYYY-MM-DD` of the diary entry containing the turn. */
  date?: string;
}

/** Where a transcript names a speaker: the name as written (`P05 (carer)`, `admin-1`), code points, half-open. */
export interface SpeakerLabel {
  speaker: string;
  start: number;
  end: number;
}

export interface TranscriptMeta {
  participant?: string;
  participants?: string[];
  /** Who speaks, as the labels write them: these are always read as speaker labels (`speakers: [mike smith]`). */
  speakers?: string[];
  date?: string;
  kind?: TranscriptKind;
  title?: string;
  /** The recording of the session (`media: recordings/p06.m4a`), as written: relative to the transcript's folder. */
  media?: string;
  /** The file an import was made from (`source: originals/calls/p06.srt`), relative to the study's root. */
  source?: string;
  /** The other front-matter keys with a single value: a kind's own fields (an inspection's `site`, its scores). */
  fields?: Record<string, string | number | boolean>;
}

/** A line and column in a file, 1-based, with where the thing ends when known. */
export interface Place {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

/**
 * A scanned page attached to a diary entry: a Markdown image on its own line
 * (`![Page 3](scans/p09-page-3.jpg)`) inside the entry. It is nobody's words: no turn
 * covers it, so it is never coded; the editor shows the picture beside the text.
 */
export interface PageScan {
  /** As written in the transcript, relative to its folder. */
  target: string;
  /** Workspace-relative path it resolves to, or undefined when it leaves the workspace. */
  path?: string;
  /** The entry it belongs to (its date), when it is inside a dated entry. */
  date?: string;
  /** Where the target is written. */
  at: Place;
}

/**
 * What the workspace keeps of a transcript. The text itself is not kept resident (a study
 * can hold 35 MB of it); read it when needed with `readText`.
 */
export interface Transcript {
  path: string;
  format: TranscriptFormat;
  /** Git blob hash of the normalised text (BOM dropped, `\n` line endings). */
  hash: string;
  /** Length of the normalised text in code points. */
  length: number;
  meta: TranscriptMeta;
  turns: Turn[];
  /** Where each front-matter key's value is written (to point at a wrong kind or field). */
  places?: Record<string, Place>;
  /** Scanned pages attached to diary entries. */
  pages?: PageScan[];
  /** The dated entries of a diary (`## 2026-03-02` headings), in file order. */
  entries?: DiaryEntry[];
}

/** A dated entry of a diary: its heading's date and line. */
export interface DiaryEntry {
  date: string;
  /** 1-based line of the heading. */
  line: number;
}
