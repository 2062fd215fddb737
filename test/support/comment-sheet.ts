/**
 * A sheet of 120 open-ended comments, made the same way every time, for the tests of the
 * path a new user takes: import, suggestions, the board, the report. Eight topics a
 * council's webinar on home adaptations would hear about, fifteen comments each, in the
 * mixed order people asked them, with two attribute columns (Age band, Channel) whose
 * counts are known exactly (see COMMENT_SHEET_COUNTS).
 */

/** The topics, each with the questions its comments are made of ({} is where a subject goes). */
const TOPICS: { topic: string; questions: string[]; subjects: string[] }[] = [
  {
    topic: 'waiting',
    questions: ['Why is the waiting list for {} so long', 'How long is the wait for {} now', 'We waited months for {}: is that normal'],
    subjects: ['a grab rail', 'the stair lift', 'a level-access shower', 'the ramp', 'the assessment'],
  },
  {
    topic: 'letters',
    questions: ['What does the letter about {} mean', 'Nobody could explain the letter on {}: who can', 'Why is every letter about {} so hard to read'],
    subjects: ['the grant decision', 'my pension date', 'the means test', 'the refusal', 'the appeal'],
  },
  {
    topic: 'phone',
    questions: ['Why does nobody answer the phone line about {}', 'I rang the phone line three times about {}: will someone call', 'Can the phone line call me back about {}'],
    subjects: ['my case', 'the visit date', 'the contractor', 'the forms', 'the grant'],
  },
  {
    topic: 'online',
    questions: ['Why does the online portal not show {}', 'Could the online portal show {}', 'How do I log in to the online portal to see {}'],
    subjects: ['my application', 'the status', 'the documents', 'the next step', 'the appointment'],
  },
  {
    topic: 'contractors',
    questions: ['The contractor left {} unfinished: who checks', 'Do the contractors tidy up {} afterwards', 'Why did the contractor never finish {}'],
    subjects: ['the bathroom', 'the doorway', 'the handrail', 'the kitchen', 'the garden path'],
  },
  {
    topic: 'pension',
    questions: ['When does the State Pension change {}', 'Does the State Pension reduce {}', 'Who explains how the State Pension affects {}'],
    subjects: ['my housing benefit', 'my council tax support', 'my carer allowance', 'my savings', 'my rent'],
  },
  {
    topic: 'carers',
    questions: ['As an unpaid carer, who helps me with {}', 'Can a carer be there for the visit about {}', 'My daughter is my carer: can she ask about {}'],
    subjects: ['the hoist', 'the bath seat', 'respite', 'the paperwork', 'night care'],
  },
  { topic: 'money', questions: ['Will the grant cover {}', 'Do I have to pay towards {}', 'Is there money for {}'], subjects: ['the extra costs', 'the deposit', 'the repairs', 'the electrics', 'the survey fee'] },
];

export const AGE_BANDS = ['18-34', '35-64', '65+'] as const;
export const CHANNELS = ['phone', 'online', 'face-to-face'] as const;

/** Older people asked most, as at a council's webinar: 60 aged 65+, 40 aged 35-64, 20 aged 18-34. */
const AGE_PATTERN = ['65+', '65+', '35-64', '65+', '18-34', '35-64'] as const;
/** 48 by phone, 48 online, 24 face to face. */
const CHANNEL_PATTERN = ['phone', 'online', 'phone', 'face-to-face', 'online'] as const;

export interface SheetComment {
  text: string;
  topic: string;
  ageBand: (typeof AGE_BANDS)[number];
  channel: (typeof CHANNELS)[number];
}

/** The 120 comments in sheet order (row 2 is the first). */
export function sheetComments(): SheetComment[] {
  const comments: SheetComment[] = [];
  for (let k = 0; k < 15; k++) {
    TOPICS.forEach((t, i) => {
      const n = k * TOPICS.length + i;
      const question = t.questions[k % t.questions.length]!.replace('{}', t.subjects[(k + Math.floor(k / 3)) % t.subjects.length]!);
      // No two alike, as people's are not: the same question asked another way.
      const tail = ['?', '? Asking for my mother.', ', please?', '? It has been a long time.', '? Thank you for the webinar.'][Math.floor(k / 3) % 5]!;
      comments.push({ text: `${question}${tail}`, topic: t.topic, ageBand: AGE_PATTERN[n % AGE_PATTERN.length]!, channel: CHANNEL_PATTERN[(n + Math.floor(n / 5)) % CHANNEL_PATTERN.length]! });
    });
  }
  return comments;
}

/** The sheet as a CSV file (UTF-8, a header row, one comment per row). */
export function commentSheetCsv(): string {
  const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return ['Comment,Age band,Channel', ...sheetComments().map((c) => [c.text, c.ageBand, c.channel].map(cell).join(','))].join('\n') + '\n';
}

/** How many respondents have each attribute value (each comment is one respondent). */
export function commentSheetCounts(): { ageBand: Record<string, number>; channel: Record<string, number> } {
  const count = (values: readonly string[], of: (c: SheetComment) => string) => Object.fromEntries(values.map((v) => [v, sheetComments().filter((c) => of(c) === v).length]));
  return { ageBand: count(AGE_BANDS, (c) => c.ageBand), channel: count(CHANNELS, (c) => c.channel) };
}
