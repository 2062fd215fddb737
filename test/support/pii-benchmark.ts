/**
 * The personal-data benchmark (issue 15): real public interview transcripts, read where they
 * are (../shared/fixtures/real: seven MAXQDA interviews, a Zoom meeting), rewritten in memory
 * into five speaker conventions — `I:`/`P:`, `Interviewer:`/`Respondent:`, `Q:`/`A:`, names as
 * labels, caption voices (`<v Name>`) — with UK and US personal data planted into the
 * participants' turns, and look-alikes that are not personal data (years, versions, room
 * numbers, case ids, invalid check digits, organisations) planted beside them.
 *
 * Every planted item is labelled by construction; so are the real names already in the texts
 * (the interviewer's, the meeting's speakers), found by their words. Anything else the
 * detectors report is a false alarm. Deterministic: the same set on every run.
 */
import { readFileSync } from 'node:fs';
import { mulberry32 } from '../../src/core/random';
import type { PiiFinding, PiiKind } from '../../src/core/privacy/findings';
import { scanFiles } from '../../src/core/privacy/scan';
import { realFixture, realPdfText } from './real-fixtures';
import { scoreFindings, stripMarks, type Evaluation, type Label } from './pii-labelled';

export type Convention = 'I:/P:' | 'Interviewer:/Respondent:' | 'Q:/A:' | 'names as labels' | 'caption voices';
export const CONVENTIONS: readonly Convention[] = ['I:/P:', 'Interviewer:/Respondent:', 'Q:/A:', 'names as labels', 'caption voices'];

/** Real people named in the source texts themselves (the MAXQDA study's interviewer, the Zoom meeting's speakers). */
const REAL_NAMES = ['Johnny Doe', 'Janet Dough', 'Daniel', 'Dan', 'Janet'];

/** A made-up participant for the names-as-labels convention (the interviewer's own label, Dan, is real). */
const LABEL_NAMES = ['Maria Lopez', 'Tunde Bakare', 'Siobhan Kelly', 'Wojciech Nowak', 'Priya Raman', 'Grace Adeyemi', 'Hannah Byrne'];

const FIRST = ['Steve', 'Aleksandra', 'Margaret', 'Oluwaseun', 'Declan', 'Fatima', 'Wei', 'Bernadette', 'Kwame', 'Agnieszka', 'Rhys', 'Precious', 'Imran', 'Maureen'];
const LAST = ['Harrington', 'Nowak', 'Okafor', 'Thompson', 'Kowalczyk', 'Brennan', 'Achebe', 'Gallagher', 'Nguyen', 'Haddad', 'Lindqvist', 'Murphy'];
const STREETS = ['Maple Avenue', 'Station Road', 'Larkspur Close', 'Orchard Rise', 'Elm Street', 'Church Lane', 'Victoria Terrace', 'Oak Drive'];
const UK_TOWNS = [
  ['Leeds', 'LS6 2QT'],
  ['Bristol', 'BS1 4DJ'],
  ['Manchester', 'M14 5RA'],
  ['Cardiff', 'CF10 3AT'],
] as const;
const US_TOWNS = [
  ['Springfield', 'IL', '62704'],
  ['Austin', 'TX', '78701'],
  ['Portland', 'OR', '97205'],
  ['Columbus', 'OH', '43215'],
] as const;

type Pick = <T>(list: readonly T[]) => T;

/** Sentences carrying personal data, marked `[[kind:words]]`; each call makes fresh values. */
const PLANTED: ((pick: Pick, digits: (n: number) => string) => string)[] = [
  (p) => `I spoke to [[name:${p(FIRST)} ${p(LAST)}]] at the council about it.`,
  (p) => `[[name:${p(FIRST)} ${p(LAST)}]] from the housing association came round.`,
  (p) => `[[name:Mrs ${p(LAST)}]] next door keeps an eye on me.`,
  (p) => `There was a woman called [[name:${p(FIRST)}]] on the phone, she was kind.`,
  (p) => `My daughter [[name:${p(FIRST)}]] does the forms for me.`,
  (_p, d) => `My NHS number is [[nhs-number:${spaced(nhsNumber(d), [3, 3, 4])}]], if that helps.`,
  (_p, d) => `They read my NHS number back, [[nhs-number:${nhsNumber(d)}]], twice.`,
  (_p, d) => `I paid with my card, [[card-number:${spaced(cardNumber(d), [4, 4, 4, 4])}]], over the phone.`,
  (_p, d) => `Ring me on [[phone:07700 ${d(6)}]] any time.`,
  (_p, d) => `My brother's number is [[phone:(415) 555-${d(4)}]] in the States.`,
  (_p, d) => `You can call [[phone:415-555-${d(4)}]] and ask.`,
  (_p, d) => `My NI number is [[ni-number:ab ${d(2)} ${d(2)} ${d(2)} c]], all lower case on the form.`,
  (p, d) => `We live at [[address:${1 + Number(d(2))} ${p(STREETS)}, ${(([t, pc]) => `${t} ${pc}`)(p(UK_TOWNS))}]] now.`,
  (p, d) => `Send it to [[address:${100 + Number(d(3))} ${p(STREETS)}, ${(([c, s, z]) => `${c}, ${s} ${z}`)(p(US_TOWNS))}]] please.`,
  (p) => `Email me at [[email:${p(FIRST).toLowerCase()}.${p(LAST).toLowerCase()}@example.org]] instead.`,
  () => `I was born on [[date-of-birth:3 May 1951]], so I'm past it.`,
  (_p, d) => `My date of birth is [[date-of-birth:${1 + (Number(d(1)) % 9)}/0${1 + (Number(d(1)) % 9)}/19${40 + (Number(d(2)) % 50)}]].`,
  // Written after the detectors, in shapes they were not tuned on.
  (p) => `The OT, [[name:${p(FIRST)} ${p(LAST)}]], came on the Tuesday.`,
  (p) => `Anyway [[name:${p(FIRST)}]] at the surgery said no.`,
  (_p, d) => `Put [[phone:+44 7700 ${d(3)} ${d(3)}]] down as my mobile.`,
  (p) => `My postcode is [[postcode:${p(UK_TOWNS)[1]}]] if you need it.`,
  (_p, d) => `The landline is [[phone:020 7946 ${d(4)}]] but nobody answers.`,
  (_p, d) => `DOB [[date-of-birth:19${40 + (Number(d(2)) % 50)}-0${1 + (Number(d(1)) % 9)}-1${d(1)}]] on the letter.`,
  (p, d) => `Our address is [[address:Flat ${1 + (Number(d(1)) % 9)}, ${1 + Number(d(2))} ${p(STREETS)}]] for now.`,
  (p) => `I asked [[name:${p(FIRST)}]] to check the paperwork.`,
  (p) => `She said [[name:Dr ${p(LAST)}]] would ring.`,
];

/** Sentences that look like personal data and are not. */
const LOOKALIKES: ((pick: Pick, digits: (n: number) => string) => string)[] = [
  (_p, d) => `Back in 20${10 + (Number(d(1)) % 9)} we used version ${d(1)}.${d(1)}.${d(1)} of it.`,
  (_p, d) => `The meeting was in room ${d(1)}.${d(2)} at 10:15.`,
  (_p, d) => `The case reference was 2024-${d(4)}, ticket #${d(5)}.`,
  (_p, d) => `The order number was ${invalidNhs(d)}, which they read out.`,
  (_p, d) => `The serial on the box is ${spaced(invalidCard(d), [4, 4, 4, 4])}.`,
  () => 'The Housing Association wrote, then Adult Social Care rang about Universal Credit.',
  (_p, d) => `It cost £${d(1)},${d(3)} and took ${d(2)} minutes on hold, page 3 of 12.`,
  () => 'We used the Monte Carlo method and Python 3.11 on the Linux box.',
  () => 'At 7:30 on 12/03 about 1,200 people rang NHS 111, some called 999.',
  () => 'The helpline is 0800 123 4567 and the A38 was shut, so I took the M1 north.',
  () => 'We met at Google and then at the British Library with the Blue Badge team.',
];

export interface BenchmarkDocument {
  path: string;
  convention: Convention;
  text: string;
  labels: Label[];
}

/** The labelled set: two or more documents per convention. */
export function benchmarkDocuments(): BenchmarkDocument[] {
  const interviews = [1, 2, 3, 4, 5, 6, 7].map((n) => realPdfText(`maxqda-pdf/P${n}.pdf`));
  const zoom = readFileSync(realFixture('zoom/zoom-transcript-export.txt'), 'utf8');
  const random = mulberry32(15);
  const pick: Pick = (list) => list[Math.floor(random() * list.length)]!;
  const digits = (n: number) => Array.from({ length: n }, () => String(Math.floor(random() * 10))).join('');
  const docs: BenchmarkDocument[] = [];
  const add = (path: string, convention: Convention, annotated: string) => docs.push({ path, convention, ...labelRealNames(stripMarks(annotated)) });
  const plantInto = (turns: { speaker: string; words: string }[], participant: (s: string) => boolean) =>
    turns.map((t, i) => (participant(t.speaker) && i % 3 === 1 ? { ...t, words: `${t.words} ${pick(PLANTED)(pick, digits)} ${i % 2 === 0 ? pick(LOOKALIKES)(pick, digits) : ''}`.trimEnd() } : t));

  const relabel = (text: string, interviewer: string, participant: string) => maxqdaTurns(text).map((t) => ({ speaker: t.speaker === 'Dan' ? interviewer : participant, words: t.words }));
  const asLines = (turns: { speaker: string; words: string }[]) => turns.map((t) => `${t.speaker}: ${t.words}`).join('\n\n') + '\n';
  add('ip-1.txt', 'I:/P:', asLines(plantInto(relabel(interviews[0]!, 'I', 'P'), (s) => s === 'P')));
  add('ip-2.md', 'I:/P:', '---\nparticipant: P10\nkind: interview\n---\n\n' + asLines(plantInto(relabel(interviews[1]!, 'I', 'P'), (s) => s === 'P')));
  add('ir-1.txt', 'Interviewer:/Respondent:', asLines(plantInto(relabel(interviews[2]!, 'Interviewer', 'Respondent'), (s) => s === 'Respondent')));
  add('ir-2.txt', 'Interviewer:/Respondent:', asLines(plantInto(relabel(interviews[3]!, 'Interviewer', 'Respondent'), (s) => s === 'Respondent')));
  add('qa-1.txt', 'Q:/A:', asLines(plantInto(relabel(interviews[4]!, 'Q', 'A'), (s) => s === 'A')));
  add('qa-2.txt', 'Q:/A:', 'Automation: This call is now being recorded.\n\n' + asLines(plantInto(relabel(interviews[5]!, 'Q', 'A'), (s) => s === 'A')));
  // Names as labels: the interviewer's real name (Dan) and a made-up participant, each label a labelled name.
  const named = plantInto(relabel(interviews[6]!, 'Dan', '\0'), (s) => s === '\0');
  const who = LABEL_NAMES[0]!;
  add('names-1.txt', 'names as labels', named.map((t) => `${t.speaker === '\0' ? `[[name:${who}]]` : t.speaker}: ${t.words}`).join('\n\n') + '\n');
  add('names-2.txt', 'names as labels', asLines(plantInto(zoomTurns(zoom), () => true)));
  // Caption voices: the Zoom meeting, and an interview, as WebVTT cues with voice spans.
  add('voices-1.vtt', 'caption voices', asVtt(plantInto(zoomTurns(zoom), () => true)));
  add('voices-2.vtt', 'caption voices', asVtt(plantInto(relabel(interviews[0]!, 'Dan', LABEL_NAMES[3]!), (s) => s !== 'Dan')).replace(new RegExp(`<v ${LABEL_NAMES[3]}>`, 'g'), `<v [[name:${LABEL_NAMES[3]}]]>`));
  return docs;
}

/** The turns of a MAXQDA export as pdftotext gives it: paragraph numbers dropped, `Dan:`/`Participant:` turns, wrapped lines joined. */
function maxqdaTurns(text: string): { speaker: string; words: string }[] {
  const turns: { speaker: string; words: string }[] = [];
  for (const para of text.split(/\n\s*\n/)) {
    const t = para.replace(/\s*\n\s*/g, ' ').trim();
    const m = /^(Dan|Participant):\s*(.*)$/s.exec(t);
    if (m) turns.push({ speaker: m[1]!, words: m[2]! });
    else if (turns.length > 0 && t !== '' && !/^\d+$/.test(t) && t !== 'Interview') turns[turns.length - 1]!.words += ` ${t}`;
  }
  return turns;
}

/** The turns of a Zoom text export (`[Name] hh:mm:ss`, then the words). */
function zoomTurns(text: string): { speaker: string; words: string }[] {
  const out: { speaker: string; words: string }[] = [];
  for (const block of text.split(/\n\s*\n/)) {
    const m = /^\[([^\]]+)\] [\d:]+\n([\s\S]*)$/.exec(block.trim());
    if (m) out.push({ speaker: m[1]!, words: m[2]!.replace(/\s*\n\s*/g, ' ') });
  }
  return out;
}

function asVtt(turns: { speaker: string; words: string }[]): string {
  const clock = (s: number) => `00:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}.000`;
  return 'WEBVTT\n\n' + turns.map((t, i) => `${clock(i * 5)} --> ${clock(i * 5 + 5)}\n<v ${t.speaker}>${t.words}\n`).join('\n');
}

/** Labels each whole-word occurrence of the real names already in the text (longest first), where no label is yet. */
function labelRealNames(doc: { text: string; labels: Label[] }): { text: string; labels: Label[] } {
  const labels = [...doc.labels];
  for (const name of REAL_NAMES) {
    const re = new RegExp(`(?<![\\p{L}])${name}(?![\\p{L}])`, 'gu');
    for (let m = re.exec(doc.text); m; m = re.exec(doc.text)) {
      const start = m.index;
      const end = start + name.length;
      if (!labels.some((l) => l.start < end && start < l.end)) labels.push({ kind: 'name', start, end, text: name });
    }
  }
  return { text: doc.text, labels: labels.sort((a, b) => a.start - b.start) };
}

function spaced(digits: string, groups: number[]): string {
  let at = 0;
  return groups.map((g) => digits.slice(at, (at += g))).join(' ');
}

/** A ten-digit NHS number with a valid mod-11 check digit. */
function nhsNumber(d: (n: number) => string): string {
  for (;;) {
    const body = String(4 + (Number(d(1)) % 5)) + d(8);
    const sum = [...body].reduce((s, c, i) => s + Number(c) * (10 - i), 0);
    const check = (11 - (sum % 11)) % 11;
    if (check !== 10) return body + check;
  }
}

/** Ten digits whose check digit is wrong. */
function invalidNhs(d: (n: number) => string): string {
  const good = nhsNumber(d);
  return good.slice(0, 9) + ((Number(good[9]) + 1) % 10);
}

/** A 16-digit card number passing the Luhn check. */
function cardNumber(d: (n: number) => string): string {
  const body = '4' + d(14);
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    let n = Number(body[14 - i]);
    if (i % 2 === 0) n = n * 2 > 9 ? n * 2 - 9 : n * 2;
    sum += n;
  }
  return body + ((10 - (sum % 10)) % 10);
}

function invalidCard(d: (n: number) => string): string {
  const good = cardNumber(d);
  return good.slice(0, 15) + ((Number(good[15]) + 1) % 10);
}

export interface BenchmarkResult {
  overall: Evaluation;
  byConvention: { convention: Convention; evaluation: Evaluation }[];
  documents: BenchmarkDocument[];
  findings: PiiFinding[];
}

/** Runs the detectors on the set as a study scan would (names learnt in one file looked for in all). */
export async function runBenchmark(): Promise<BenchmarkResult> {
  const documents = benchmarkDocuments();
  const byPath = new Map(documents.map((d) => [d.path, d]));
  const findings = await scanFiles(
    documents.map((d) => d.path),
    async (p) => byPath.get(p)?.text,
    { participantIds: ['P10'], names: [], guessNames: true },
  );
  const score = (docs: readonly BenchmarkDocument[]) =>
    scoreFindings(
      new Map(docs.map((d) => [d.path, d])),
      findings.filter((f) => docs.some((d) => d.path === f.path)),
    );
  return {
    overall: score(documents),
    byConvention: CONVENTIONS.map((convention) => ({ convention, evaluation: score(documents.filter((d) => d.convention === convention)) })),
    documents,
    findings,
  };
}

/** The kinds planted, for a per-kind table. */
export const PLANTED_KINDS: readonly PiiKind[] = ['name', 'email', 'phone', 'ni-number', 'nhs-number', 'card-number', 'date-of-birth', 'address'];
