/**
 * What every command says about itself: one entry per command, read by `sift --help` (the
 * summary of all), `sift <command> --help` and `sift help <command>` (usage, options, an
 * example), and by usage errors (the command's usage after the sentence saying what was
 * wrong). A new command adds its entry here and its function to COMMANDS in main.ts.
 */

export interface CommandHelp {
  /** The forms of the command, each without the leading `sift `. */
  usage: string[];
  /** What it does, in a sentence or two. */
  summary: string;
  /** Each option (or argument) with what it does. */
  options?: [string, string][];
  /** Command lines to copy, each without the leading `sift `. */
  examples: string[];
}

const FOLDER: [string, string] = ['dir', 'the workspace folder (the one holding research.yaml); default: the current folder'];

export const HELP: Record<string, CommandHelp> = {
  init: {
    usage: ['init [dir] [--name "Study name"] [--git]'],
    summary: 'Create a research workspace (never overwrites).',
    options: [
      ['dir', 'where to create it; default: the current folder'],
      ['--name "…"', "the study's name; default: the folder's name"],
      ['--git', 'also set up git to merge the analysis by id (.gitattributes and the merge driver); works on an existing workspace too'],
    ],
    examples: ['init interviews-2026 --name "Home adaptations" --git'],
  },
  check: {
    usage: ['check [dir] [--format text|json|github] [--no-cache] [--strict]'],
    summary: 'Validate files, references and highlight anchors; overdue actions are a warning, and so is personal data (an error with --strict). In a library: every study, library.yaml and codebook drift.',
    options: [FOLDER, ['--format', 'text (default), json for tools, github for annotations in GitHub Actions'], ['--no-cache', 'read every file again, ignoring .sift/cache'], ['--strict', 'personal data found is an error']],
    examples: ['check', 'check studies/adaptations --format github --no-cache'],
  },
  stats: {
    usage: ['stats [dir] [--format text|json]'],
    summary: 'Transcripts, coding coverage, sources by kind, tags, the sample against its targets, and diary completion (entries per week of the study, gaps). In a library: per study, totals, global tags and insights across studies.',
    options: [FOLDER, ['--format', 'text (default) or json']],
    examples: ['stats --format json'],
  },
  fmt: {
    usage: ['fmt [dir] [--check]'],
    summary: 'Rewrite YAML files in canonical form, comments kept.',
    options: [FOLDER, ['--check', 'change nothing; list the files that would change and exit 1 if any']],
    examples: ['fmt --check'],
  },
  anchor: {
    usage: ['anchor [dir]'],
    summary: 'Write the new places of highlights whose text moved, and move the highlights of a renamed transcript.',
    options: [FOLDER],
    examples: ['anchor'],
  },
  pii: {
    usage: ['pii [dir | file…] [--format text|json|github] [--in-workspace]', 'pii --staged [--format text|json|github]'],
    summary: 'Find personal data (names, emails, phone numbers, postcodes, NI numbers, dates of birth, addresses) in transcripts and YAML prose.',
    options: [
      ['dir | file…', 'a workspace, or files to scan; default: the current folder'],
      ['--format', 'text (default), json, or github annotations'],
      ['--in-workspace', 'skip files that are not in a workspace'],
      ['--staged', "scan what is staged for the next commit (git's index), as the pre-commit hook does"],
    ],
    examples: ['pii', 'pii transcripts/interviews/p07.md --format json'],
  },
  autocode: {
    usage: ['autocode [dir] (--speaker NAME | --match PATTERN [--regex] [--scope turn|sentence|match] | --by-question [--question-as attribute|tag] [--interviewer NAME]) --tag TAG [--dry-run] [--format text|json]'],
    summary:
      'Code every passage a rule picks out — the turns of a speaker, the answers to each interview question, the passages with some words — after showing how many, where, with examples and what was skipped. The new highlights record the rule (assisted: {by: autocode, rule: …}).',
    options: [
      FOLDER,
      ['--speaker NAME', 'every turn of this speaker (accents and case ignored)'],
      ['--match PATTERN', 'passages with one of these words or phrases, separated by commas (wait*, "grab rails"); accents and case ignored'],
      ['--regex', 'PATTERN is a regular expression'],
      ['--scope', 'what a match codes: its turn (default; its line outside turns), its sentence, or the matched words'],
      ['--by-question', "each answer under the question it answers: the transcript's Markdown headings, or the interviewer's turns asking something"],
      ['--question-as', "attribute (default): the question becomes the answer's note; tag: a tag for each question, under TAG"],
      ['--interviewer NAME', 'who asks the questions; default: a speaker named I, Interviewer, Moderator…, else whoever speaks first'],
      ['--tag TAG', 'the tag to code with: a tag of the codebook (id or label), or a new one'],
      ['--dry-run', 'show what would be coded and write nothing'],
      ['--format', 'text (default) or json'],
    ],
    examples: ['autocode --speaker P07 --tag participant-voice --dry-run', 'autocode --match "wait*, queue, delay" --tag waiting-time', 'autocode --by-question --question-as tag --tag guide'],
  },
  redact: {
    usage: ['redact [dir] [--dry-run] [--reverse]'],
    summary: 'Pseudonymise transcripts ([P07], [Name-3], [Phone]), highlights kept on their words; the key goes to .sift/private/.',
    options: [FOLDER, ['--dry-run', 'print the changed lines and write nothing'], ['--reverse', 'put the originals back from the key']],
    examples: ['redact --dry-run'],
  },
  personas: {
    usage: ['personas [dir] [--k N] [--attributes a,b] [--seed N] [--update-similar] [--dry-run]', 'personas accept|draft <id>… [dir]'],
    summary: 'Cluster participants by their coding into draft personas (reports leave drafts out until you accept them); refreshes generated fields and keeps the ones you wrote.',
    options: [
      FOLDER,
      ['--k N', 'how many personas; default: the number with the best silhouette, from 2 to 8'],
      ['--attributes a,b', 'participant attributes to group by as well as the coding'],
      ['--seed N', 'the random seed (the same seed gives the same personas)'],
      ['--update-similar', 'update the persona you wrote that a new group resembles, instead of adding a twin'],
      ['--dry-run', 'print the change as a diff and write nothing'],
      ['accept|draft <id>…', 'accept personas (reports include them), or put them back to draft'],
    ],
    examples: ['personas --k 3 --attributes age-band,channel --dry-run', 'personas accept the-reluctant-phoner'],
  },
  segments: {
    usage: ['segments [dir] --by tags|ATTR,… [--k N] [--name ATTR] [--seed N] [--dry-run]'],
    summary: "Divide participants into segments by their coding and/or attributes, and write each one's segment as an attribute, so matrices, filters, coverage and the report work by segment.",
    options: [
      FOLDER,
      ['--by tags|ATTR,…', 'what to segment by: the coding (tags), participant attributes, or both'],
      ['--k N', 'how many segments; default: the number with the best silhouette'],
      ['--name ATTR', 'the attribute to write; default: segment'],
      ['--seed N', 'the random seed (the same seed gives the same segments)'],
      ['--dry-run', 'print the change and write nothing'],
    ],
    examples: ['segments --by tags,age-band --k 3 --dry-run'],
  },
  sentiment: {
    usage: ['sentiment [dir] [--journey ID] [--format text|json]', 'sentiment confirm <h-id> [negative|neutral|positive|-2…2] [dir] [--journey ID]', 'sentiment dismiss <h-id> [dir] [--journey ID]'],
    summary:
      "Sift's sentiment proposals for the journey quotes without a sentiment, each with the words that drove it; confirm one to write it, or dismiss it. Nothing is written without confirm. English only: passages in other languages get no proposal. Exit 1 when no journey holds a quote.",
    options: [
      FOLDER,
      ['--journey ID', 'only this journey'],
      ['--format text|json', 'text (default) or JSON'],
      ['confirm <h-id> [value]', "write the quote's sentiment: the proposal's value, or the one named (negative, neutral, positive, or -2 to 2)"],
      ['dismiss <h-id>', 'do not propose a sentiment for this quote again'],
    ],
    examples: ['sentiment --journey getting-an-adaptation-fitted', 'sentiment confirm h-7f3k2q9m negative'],
  },
  sampling: {
    usage: ['sampling import <table.csv> [dir] --attribute a --column "Area" [--map "Category=value"]… [--sample N] [--dry-run]'],
    summary: "Sampling targets from a census table: the shares of one column, its categories mapped to the attribute's values (unmapped ones fall to everyone else).",
    options: [
      ['<table.csv>', 'a population table: a category per row, counts or percentages per area in columns'],
      FOLDER,
      ['--attribute a', 'the participant attribute the targets are for'],
      ['--column "Area"', 'the column to take the shares from'],
      ['--map "Category=value"', "map a category to one of the attribute's values (repeat as needed); others are matched by their words"],
      ['--sample N', 'also plan the number of people per group for a sample of N'],
      ['--dry-run', 'print the change and write nothing'],
    ],
    examples: ['sampling import ethnic-group.csv --attribute ethnicity --column "Leeds" --sample 12'],
  },
  insight: {
    usage: [
      'insight list [dir] [--by status|theme]',
      'insight new "<statement>" [dir] [--evidence h-…,h-…] [--theme id,…] [--from-theme id]',
      'insight status <id> draft|in-review|accepted|actioned|rejected [dir]',
      'insight recommend <id> "<action>" [dir] [--owner "team"]',
    ],
    summary: 'Insights with their evidence strength: list them, create one, move it along its lifecycle, add recommendations.',
    options: [
      ['--by', 'list by status (default) or by theme'],
      ['--evidence', 'the highlights an insight rests on, by id'],
      ['--theme / --from-theme', 'the themes it draws on / take the evidence of a theme'],
      ['--owner', 'who owns a recommendation'],
    ],
    examples: ['insight new "Residents read silence as being forgotten." --evidence h-7f3k2q9m,h-2b8x1c4d', 'insight status silence-during-waits accepted'],
  },
  actions: {
    usage: [
      'actions [dir] [--owner NAME] [--status S] [--format text|json]',
      'actions set <insight>#<n> [dir] [--status S] [--reason "…"] [--owner NAME] [--due YYYY-MM-DD] [--outcome "…"] [--measure "what: before -> after unit"] [--evidence REF]…',
    ],
    summary: 'Recommendations as actions: who owns each, where it stands, what is overdue, what changed (before → after), and the roll-up ("4 of 8 recommendations done"); set a status, owner or due date, and record the outcome.',
    options: [
      FOLDER,
      ['--owner NAME', 'only the actions this team or person owns'],
      ['--status S', 'list: proposed, agreed, in-progress, done, declined, open or overdue; set: the new status (declined needs --reason)'],
      ['--format', 'text (default) or json'],
      ['--reason "…"', 'why it is declined'],
      ['--due YYYY-MM-DD', 'when it is due (empty to remove)'],
      ['--outcome "…"', 'what changed as a result (empty to remove the outcome)'],
      ['--measure "…"', 'a measure before and after, e.g. "average wait: 183 -> 52 days" (empty for none)'],
      ['--evidence REF', 'evidence of the outcome, repeatable: a web address, a file of the study or a highlight id'],
      ['SIFT_TODAY', 'environment: the day overdue is counted from (YYYY-MM-DD); default: today'],
    ],
    examples: [
      'actions --status open --owner "adaptations team"',
      'actions set silence-during-waits-feels-like-being-forgotten#3 --status in-progress --due 2026-10-31',
      'actions set means-test#1 --status done --outcome "The first call now gives a rough estimate." --measure "residents self-funding within a month: 4 -> 11" --evidence outcomes/adaptations-performance-2026.csv',
    ],
  },
  report: {
    usage: ['report [dir] [--format md|html] [--out file]'],
    summary: "The research report: findings with evidence and recommendations, themes, personas, journeys, sample coverage and method (consent respected). In a library: insights across studies, then each study's report.",
    options: [FOLDER, ['--format', 'md (default) or html; an --out file ending .html means html'], ['--out file', 'write to a file instead of standard output']],
    examples: ['report --out report.html'],
  },
  site: {
    usage: ['site [dir] --out folder [--title text]'],
    summary: 'A static insight site for people without VS Code: findings with evidence and recommendations, themes, personas, journeys, sample coverage and search; consent and masking as in the report. Opens from disk or any web server.',
    options: [FOLDER, ['--out folder', 'where to write the site (replaced whole; a folder holding other files is refused)'], ['--title text', "the name shown in the header (default: the study's name)"]],
    examples: ['site --out site', 'site examples/home-adaptations --out /tmp/site'],
  },
  clip: {
    usage: ['clip <h-id> [dir] [--out FILE.mp4]'],
    summary:
      "A highlight's passage cut from its transcript's recording (its turn's span, or to its timeEnd; 0.2 s either side), as an MP4, kept in .sift/clips/ where the report and the site link its quote to it. Only of participants who agreed to be quoted verbatim: a voice cannot be pseudonymised.",
    options: [['<h-id>', 'the highlight'], FOLDER, ['--out FILE.mp4', 'write the clip there instead of .sift/clips/<h-id>.mp4']],
    examples: ['clip h-2ptpdxb3', 'clip h-2ptpdxb3 --out p05-no-one-told-me.mp4'],
  },
  reel: {
    usage: ['reel <theme|insight> [dir] --out FILE.mp4'],
    summary: "A theme's highlights (or an insight's evidence) as one video: each clip in order after a title card of its quote and who said it, each clip kept in .sift/clips/ too. Consent as in the report; what is left out is listed.",
    options: [['<theme|insight>', 'the id of a theme or an insight'], FOLDER, ['--out FILE.mp4', 'where to write the reel']],
    examples: ['reel waiting-without-word --out waiting.mp4'],
  },
  diff: {
    usage: ['diff [<rev>[..<rev>] | <rev>...<rev>] [--format text|md|json] [-C dir]'],
    summary: 'What changed in the analysis between two revisions, in research terms.',
    options: [
      ['<rev>', 'nothing: HEAD to the working tree; A: A to the working tree; A..B: A to B; A...B: what B changed since it branched off A (as a pull request shows it)'],
      ['--format', 'text (default), md (a pull-request comment) or json'],
      ['-C, --dir dir', 'the workspace folder inside the repository; default: the current folder'],
    ],
    examples: ['diff main...feature --format md'],
  },
  agreement: {
    usage: ['agreement <revA> <revB> [--hand-only] [--format text|md|json] [-C dir]', 'agreement [--coders a,b] [<rev>] [--hand-only] [--format text|md|json] [-C dir]'],
    summary: "How far two coders agree, tag by tag: percent agreement, Cohen's kappa, Krippendorff's alpha, and the passages where they differ.",
    options: [
      ['<revA> <revB>', "two coders' branches"],
      ['--coders a,b', 'two coder names in one workspace (at a revision, or in the working tree)'],
      ['--hand-only', 'compare hand coding only: leave out highlights written by auto-code or accepted suggestions (assisted:)'],
      ['--format', 'text (default), md or json'],
      ['-C, --dir dir', 'the workspace folder inside the repository'],
    ],
    examples: ['agreement coder-a coder-b', 'agreement --coders researcher-1,researcher-2'],
  },
  suggest: {
    usage: ['suggest [dir] --source PATH --start N --end N [--limit N] [--format text|json]', 'suggest [dir] --tag TAG --more [--limit N] [--format text|json]'],
    summary:
      'Suggestions from your own coding, each with its reason; nothing is written. For a passage: the tags of the coded passages most like it. With --more: find more like this, the passages of the transcripts not yet coded TAG most like its coded passages. Suggestions turned down in suggestions.yaml are not offered. Exit 1 when there is nothing to suggest from.',
    options: [
      FOLDER,
      ['--source PATH', 'the transcript, as the study names it (transcripts/p07.md)'],
      ['--start N --end N', 'the passage, in characters (code points) from the start of the transcript, as a highlight stores them'],
      ['--tag TAG --more', 'find more passages like those coded TAG'],
      ['--limit N', 'at most N suggestions (default 3 tags, 20 passages)'],
      ['--format', 'text (default) or json'],
    ],
    examples: ['suggest --source transcripts/p07.md --start 1043 --end 1097', 'suggest --tag waiting-time --more --limit 10'],
  },
  search: {
    usage: ['search QUERY [dir] [--format text|json] [--limit N] [--no-cache]'],
    summary: "Highlights matching a query, in a study or across every study of a library, with Find Highlights' query language. Exit 0 found, 1 none, 2 a malformed query.",
    options: [
      [
        'QUERY',
        'words (all must match), "exact phrase", tag:id (sub-tags and, in a library, tags mapped onto a global tag count), participant:P07, an attribute (age-band:65+, channel:"face to face"), study:id in a library; - before any leaves it out',
      ],
      ['dir', 'a study or a library (the folder holding library.yaml); default: the current folder'],
      ['--format', 'text (default) or json'],
      ['--limit N', 'show the best N highlights (default 50); the count covers all'],
      ['--no-cache', "read every file again and build each study's search index, ignoring .sift/cache"],
    ],
    examples: ['search "nobody rang" tag:waiting-time -study:housing-repairs', 'search age-band:65+ tag:status-updates research-library --format json'],
  },
  library: {
    usage: ['library init [dir] [--name "…"]', 'library related <study-id:theme-or-insight | library-insight> [dir] [--format text|json] [--limit N]'],
    summary: 'Research libraries: write a library.yaml listing the studies under a folder (never overwrites), or find where else a theme or insight was heard in the other studies (same global tags or words), best first.',
    options: [
      ['dir', 'the library folder; default: the current folder'],
      ['--name "…"', "init: the library's name; default: the folder's name"],
      ['--format', 'related: text (default) or json'],
      ['--limit N', 'related: how many passages (default 10)'],
    ],
    examples: ['library init research-library --name "Council research"', 'library related housing-repairs:nobody-says-where-the-repair-is'],
  },
  'merge-driver': {
    usage: ['merge-driver %O %A %B %P'],
    summary: "Git's merge driver for Sift's YAML: merges by id (set up by `sift init --git`; git runs it, not you).",
    examples: ['merge-driver .merge_file_base .merge_file_ours .merge_file_theirs codebook.yaml   (as git runs it)'],
  },
  export: {
    usage: [
      'export qdpx [dir] [--out study.qdpx]',
      'export qdc [dir] [--out codebook.qdc]',
      'export csv [dir] [--format long|wide|codebook|tag-participant|tag-attribute|tag-tag|tag-week|tag-phase|tag-kind] [--attribute a] [--out file.csv] [--bom]',
    ],
    summary: 'The workspace for other tools: a REFI-QDA project or codebook (NVivo, ATLAS.ti, MAXQDA, QualCoder), or CSV for R, pandas and spreadsheets.',
    options: [
      FOLDER,
      ['--out file', 'where to write; default for qdpx/qdc: <folder name>.qdpx/.qdc here; csv goes to standard output without it'],
      ['--format', 'csv: long (one row per highlight and tag, default), wide, codebook, or a matrix (tag-participant, tag-attribute, tag-tag, tag-week, tag-phase, tag-kind)'],
      ['--attribute a', 'the attribute of --format tag-attribute'],
      ['--bom', 'csv for spreadsheets: a byte-order mark for Excel, formulas guarded'],
    ],
    examples: ['export qdpx --out study.qdpx', 'export csv --format wide --out highlights.csv'],
  },
  import: {
    usage: [
      'import qdpx <file.qdpx|project.qde> --into <new-dir> [--skip-missing-sources]',
      'import qdc <file.qdc|project.qde> [dir]',
      'import transcript <file>… [--participant P07] [--into dir]',
      'import survey <file.csv|file.xlsx> [--into dir] --text COLUMN [--id COLUMN] [--attributes COLUMN,…]',
    ],
    summary:
      "Bring work in from other tools: a REFI-QDA project as a new workspace, a REFI-QDA codebook's codes, transcripts (.vtt .srt .sbv captions, .txt from Zoom and Otter, .docx) as clean Markdown, or a sheet of open-ended comments (one card per comment, respondents as participants; again after editing the sheet to update).",
    options: [
      ['--into dir', 'qdpx: the new workspace to create (new or empty); transcript: the workspace to add to'],
      ['--skip-missing-sources', 'qdpx: import the project without the sources whose text cannot be found (their coding is left out); without it, the import is refused'],
      ['--participant P07', 'transcript: the participant of every file given'],
      ['--text COLUMN', "survey: the column holding each comment's words"],
      ['--id COLUMN', 'survey: the column of respondent ids; default: R001, R002… kept stable on re-import'],
      ['--attributes A,B', "survey: columns to keep as the respondents' attributes"],
    ],
    examples: ['import qdpx nvivo-export.qdpx --into imported-study', 'import transcript call-p07.vtt --participant P07', 'import survey webinar-qa.csv --text Comment --attributes "Age band,Channel"'],
  },
};

const WIDTH = 100;

/** `sift <command> --help`: usage, what it does, options, examples. */
export function commandHelp(name: string): string {
  const h = HELP[name]!;
  const lines = ['Usage:', ...h.usage.map((u) => `  sift ${u}`), '', ...wrap(h.summary, '')];
  if (h.options?.length) {
    lines.push('', 'Options:');
    const width = Math.min(24, Math.max(...h.options.map(([o]) => o.length)) + 2);
    for (const [option, text] of h.options) lines.push(...wrap(text, ' '.repeat(width + 2), `  ${option.padEnd(width)}`));
  }
  lines.push('', h.examples.length === 1 ? 'Example:' : 'Examples:', ...h.examples.map((e) => `  sift ${e}`));
  return lines.join('\n');
}

/** What follows a usage error: the command's usage, or a pointer to the list of commands. */
export function usageOf(name: string | undefined): string {
  const h = name !== undefined ? HELP[name] : undefined;
  if (!h) return 'Run `sift --help` for the commands.';
  return ['Usage:', ...h.usage.map((u) => `  sift ${u}`), `Run \`sift ${name} --help\` for more.`].join('\n');
}

/** `sift --help`: every command with its summary. */
export function overview(): string {
  const lines = ['sift — research synthesis in plain files', '', 'Usage: sift <command> [options]    (sift <command> --help for its options and an example)', '', 'Commands:'];
  for (const [name, h] of Object.entries(HELP)) lines.push(...wrap(h.summary, ' '.repeat(16), `  ${name.padEnd(14)}`));
  lines.push('', 'dir defaults to the current folder. Exit codes: 0 fine, 1 problems found, 2 usage error (a folder that is not a', 'Sift workspace included).');
  return lines.join('\n');
}

/** Words wrapped to WIDTH, the first line after `first`, the rest after `indent`. */
function wrap(text: string, indent: string, first = indent): string[] {
  const lines: string[] = [];
  let line = first;
  for (const word of text.split(/\s+/)) {
    if (line.length + word.length + 1 > WIDTH && line.trim() !== '') {
      lines.push(line.trimEnd());
      line = indent;
    }
    line += (line === indent || line === first ? '' : ' ') + word;
  }
  lines.push(line.trimEnd());
  return lines;
}
