import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { journeySentimentProposals, proposalViews, studyTermsOf } from '../../src/core/assist/sentiment-journey';
import { NEGATIVE_THRESHOLD, POLAR_THRESHOLD, proposeSentiment, studyTerms } from '../../src/core/assist/sentiment';
import { indexEvidence } from '../../src/core/insights/evidence';
import { journeyView } from '../../src/core/journeys/journey';
import { assignToStage, dismissSentimentProposal } from '../../src/core/journeys/operations';
import { EditPlan } from '../../src/core/store/plan';
import { exampleFileSystem, loaded } from '../support/example-fs';
import { realFixture } from '../support/real-fixtures';

const JOURNEY = 'getting-an-adaptation-fitted';
const PATH = `journeys/${JOURNEY}.yaml`;

function proposal(text: string) {
  const p = proposeSentiment(text);
  assert.equal(p.kind, 'proposal', `${text}: ${JSON.stringify(p)}`);
  return p as Extract<typeof p, { kind: 'proposal' }>;
}

describe('sentiment proposals (engine)', () => {
  it('turns a negated word round and names the phrase: "not bad", "wouldn\'t say it was easy"', () => {
    const notBad = proposal('It was not bad at all.');
    assert.deepEqual([notBad.label, notBad.scale, notBad.reason], ['positive', 1, "'not bad'"]);
    assert.deepEqual(notBad.cues, [{ word: 'bad', start: 11, end: 14, valence: 1.85, negated: true, phrase: 'not bad' }]);
    // VADER looks three words back; speech puts the negation further off, in the same clause.
    const notGreat = proposal("I wouldn't say it was great.");
    assert.deepEqual([notGreat.label, notGreat.scale, notGreat.reason], ['negative', -1, "'wouldn't say it was great'"]);
    // A clause boundary stops it: the negation is about knowing, not the form.
    assert.equal(proposal("I don't know, the form was great.").label, 'positive');
  });

  it('a word ending in "nt" is not a negation ("important", "want"); "dont" without its apostrophe is', () => {
    // Read as a negation, "important" turned "fit" round and made this mixed.
    const p = proposal('The most important step was the fit.');
    assert.deepEqual(
      [p.label, p.cues.map((c) => [c.word, c.valence, c.negated])],
      [
        'positive',
        [
          ['fit', 1.5, false],
          ['important', 1.093, false],
        ],
      ],
    );
    assert.deepEqual(
      proposal('I want it to be great.').cues.map((c) => [c.word, c.negated]),
      [
        ['great', false],
        ['want', false],
      ],
    );
    const dont = proposal('I dont think it was great.');
    assert.deepEqual([dont.label, dont.reason], ['negative', "'dont think it was great'"]);
  });

  it('intensifiers raise the score, and strong words reach ±2', () => {
    const good = proposal('It was good.');
    const reallyGood = proposal('It was really good.');
    assert.equal(good.label, 'positive');
    assert.ok(reallyGood.score > good.score, `${reallyGood.score} > ${good.score}`);
    const frightening = proposal('It was frightening, no one told me anything.');
    assert.deepEqual([frightening.label, frightening.scale, frightening.reason], ['negative', -2, "'frightening', 'no one told'"]);
  });

  it('factual speech and the words people say while thinking are neutral', () => {
    const factual = proposal('The fitter came on Tuesday and put the rails in.');
    assert.deepEqual([factual.label, factual.scale, factual.reason, factual.cues], ['neutral', 0, 'no words of feeling', []]);
    // Plain VADER calls this positive: "yeah", "okay" and "like" are in its lexicon.
    assert.equal(proposal('Yeah, okay, like, we looked at the plots.').label, 'neutral');
    assert.equal(proposal('Sure. Well, we sort of went through it.').label, 'neutral');
    // …but "like" the verb is a feeling, also after a degree word.
    assert.deepEqual([proposal('I really like the new form.').label, proposal('I really like the new form.').reason], ['positive', "'like'"]);
    assert.equal(proposal('It was, like, really quick.').cues.length, 0);
  });

  it('proposes a polarity only outside a neutral band of ±0.4: one mild word is neutral, one clear word is not', () => {
    assert.equal(POLAR_THRESHOLD, 0.4);
    const mild = proposal('I like the new form.');
    assert.deepEqual([mild.label, mild.score, mild.scale, mild.reason], ['neutral', 0.3612, 0, "only weak words of feeling: 'like'"]);
    const good = proposal('It was good.');
    assert.deepEqual([good.label, good.score, good.scale], ['positive', 0.4404, 1]);
    const bad = proposal('It was bad.');
    assert.deepEqual([bad.label, bad.score, bad.scale], ['negative', -0.5423, -1]);
  });

  it("learns the study's terms by document frequency: a lexicon word after the same content word in 3 passages", () => {
    const study = [
      'We sorted by feature importance.',
      'The feature importance plot came first.',
      'Feature importance, then the partial plots.',
      // Twice only: not a term yet.
      'The null values were dropped.',
      'Some null values stayed.',
      // Degree words and indefinite pronouns make phrases of feeling, not terms.
      'The most important one.',
      'The most important two.',
      'Most important of all.',
      'Something interesting here.',
      'Something interesting there.',
      'Something interesting again.',
      // One passage saying it three times is one document.
      'Shapley values, Shapley values, Shapley values.',
      // Across a clause boundary it is no pair.
      'The feature, importance aside.',
    ];
    assert.deepEqual([...studyTerms(study)], ['feature importance']);
  });

  it("the study's terms carry no feeling there; the same word outside the term still scores", () => {
    const terms = studyTerms(['We sorted by feature importance.', 'The feature importance plot.', 'Feature importance first.']);
    const term = proposal('We looked at feature importance and it was great.');
    assert.deepEqual(
      term.cues.map((c) => c.word),
      ['great', 'importance'],
    );
    const inStudy = proposeSentiment('We looked at feature importance and it was great.', terms);
    assert.deepEqual(inStudy.kind === 'proposal' && inStudy.cues.map((c) => c.word), ['great']);
    // Alone, the term made a factual turn positive; in its study it is neutral with no cue.
    assert.equal(proposal('We sorted the features by feature importance.').cues[0]!.word, 'importance');
    assert.deepEqual(proposeSentiment('We sorted the features by feature importance.', terms), { kind: 'proposal', label: 'neutral', score: 0, scale: 0, cues: [], reason: 'no words of feeling' });
    // "importance" without "feature" before it is not the term.
    const alone = proposeSentiment('Its importance to us is clear.', terms);
    assert.deepEqual(alone.kind === 'proposal' && alone.cues.map((c) => c.word), ['clear', 'importance']);
  });

  it('reads the complaints of a service study: waiting and failing words, and a service that did not do its part', () => {
    // VADER's lexicon has no "waited", "chasing" or "impossible": these were neutral.
    const waited = proposal('We waited nine months for a stairlift assessment.');
    assert.deepEqual([waited.label, waited.scale, waited.reason], ['negative', -1, "'waited'"]);
    assert.deepEqual([proposal('My father is deaf, so phoning is impossible for him.').label, proposal('My father is deaf, so phoning is impossible for him.').reason], ['negative', "'impossible'"]);
    // A negated verb of a service doing its part reports a failure, named with its negation.
    const told = proposal('Nobody told us why.');
    assert.deepEqual([told.label, told.reason, told.cues.map((c) => [c.word, c.valence, c.negated, c.phrase])], ['negative', "'Nobody told'", [['told', -1.1, true, 'Nobody told']]]);
    assert.deepEqual([proposal('I could not open the online form on my phone.').label, proposal('I could not open the online form on my phone.').reason], ['negative', "'not open'"]);
    // …but knowing is not a service's part, and a hedge is not a failure.
    assert.equal(proposal("I'd never heard of it until last month.").label, 'neutral');
    assert.equal(proposal('Um, no, for now, nothing comes to mind.').label, 'neutral');
    assert.equal(proposal("I wouldn't say so, we looked at the plots.").label, 'neutral');
  });

  it('says each feeling once: a complaint word under an evaluation, a negation of a word of feeling', () => {
    // "the wait" is what the clause is about; "fine" and "awful" say how it was.
    assert.deepEqual(
      proposal('The wait was fine.').cues.map((c) => c.word),
      ['fine'],
    );
    const mixed = proposal('They were helpful but the wait was awful.');
    assert.deepEqual([mixed.label, mixed.reason], ['mixed', "'helpful' against 'awful'"]);
    // The negation is about "great", not a failure to say.
    const great = proposal("I wouldn't say it was great.");
    assert.deepEqual([great.label, great.reason], ['negative', "'wouldn't say it was great'"]);
    // Negated, a complaint word says nothing either way ("can't wait" is eager).
    assert.deepEqual(proposal("I can't wait to see it.").cues, []);
  });

  it('proposes negative from −0.2 and positive from +0.4: complaints are said softly', () => {
    assert.equal(NEGATIVE_THRESHOLD, 0.2);
    const delayed = proposal('My State Pension started late and it delayed my application.');
    assert.deepEqual([delayed.label, delayed.score, delayed.scale, delayed.reason], ['negative', -0.4404, -1, "'late', 'delayed'"]);
    const one = proposal('It was delayed.');
    assert.deepEqual([one.label, one.score], ['negative', -0.2263]);
    // The positive band is as before: one mild word is neutral.
    assert.equal(proposal('I like the new form.').label, 'neutral');
  });

  it('a question asks, it does not praise or complain; a transcriber\'s note and "honestly" are not feelings', () => {
    assert.deepEqual(proposal('Are there charities that help with the cost of a ramp?').cues, []);
    assert.deepEqual(proposal('How long is the waiting list right now?').cues, []);
    // VADER's own negative words still count in a question.
    assert.equal(proposal('Why is the letter so bad?').label, 'negative');
    // "(laughs)" is the transcriber's, and VADER rates "laughs" +2.2.
    const laughs = proposal('The form, the form was awful. (laughs) Every single time.');
    assert.deepEqual([laughs.label, laughs.cues.map((c) => c.word)], ['negative', ['awful']]);
    // A longer or capitalised aside in brackets is the speaker's own.
    assert.deepEqual(proposal('The fitter (a lovely man, very kind) came on Tuesday.').label, 'positive');
    assert.deepEqual(proposal('Honestly, it took me about forty-five minutes. To be fair, it asks everything.').cues, []);
  });

  it('a far negation stops at a conjunction; "wait," and "super" before a word are not feelings', () => {
    // "without" turned "frightened" round across "and", making it positive.
    const frightened = proposal('Workmen arrived without notice and my mother was frightened.');
    assert.deepEqual([frightened.label, frightened.reason], ['negative', "'frightened'"]);
    assert.deepEqual(proposal('Oh, wait, you said search.').cues, []);
    assert.deepEqual(proposal("We don't go super deep into the clustering.").cues, []);
    // English "a" is not Portuguese: this was declined as Portuguese.
    assert.equal(proposeSentiment('A waiting list update every month would make a huge difference.').kind, 'proposal');
  });

  it('learns terms either way round: "waiting list" as well as "feature importance"', () => {
    const terms = studyTerms(['Is the waiting list long?', 'The waiting list again.', 'On the waiting list for months.', 'We waited.']);
    assert.deepEqual([...terms], ['waiting list']);
    // On the list, "waiting" names it; waiting itself still complains.
    assert.deepEqual(proposeSentiment('I am on the waiting list for a stair lift.', terms), { kind: 'proposal', label: 'neutral', score: 0, scale: 0, cues: [], reason: 'no words of feeling' });
    const waiting = proposeSentiment('We have been waiting for a stair lift since March.', terms);
    assert.deepEqual(waiting.kind === 'proposal' && [waiting.label, waiting.reason], ['negative', "'waiting'"]);
  });

  it('calls a passage with strong words on both sides mixed, and says which', () => {
    const p = proposal('They were helpful but the wait was awful.');
    assert.deepEqual([p.label, p.scale, p.reason], ['mixed', 0, "'helpful' against 'awful'"]);
  });

  it('declines a passage in a language it has no lexicon for, rather than guess', () => {
    const german = proposeSentiment('Es war schrecklich, niemand hat mir etwas gesagt.');
    assert.deepEqual(german, { kind: 'declined', reason: "This passage looks German; Sift's sentiment lexicon is English only, so it proposes nothing rather than guess." });
    // Read as English, German "war" would score −2.3 in VADER's lexicon.
    // A real Spanish caption (Netflix, ../shared/fixtures/real/captions): "no" would score as English.
    const captions = readFileSync(realFixture('captions/netflix_chicas_del_cable.vtt'), 'utf8');
    const line = captions.split(/\r?\n/).find((l) => l.startsWith('Mírame.'))!;
    assert.equal(line, 'Mírame. Tú no tenías que estar aquí.');
    assert.deepEqual(proposeSentiment(line), { kind: 'declined', reason: "This passage looks Spanish; Sift's sentiment lexicon is English only, so it proposes nothing rather than guess." });
    // English sharing words with Spanish ("me", "no") is still English.
    assert.equal(proposeSentiment('Felt like someone finally heard me.').kind, 'proposal');
    assert.equal(proposeSentiment('Great work. Thanks.').kind, 'proposal');
  });
});

describe('sentiment proposals on a journey', () => {
  /** The example with the sentiment taken off two moments of the journey (as if dragged on without one). */
  function unrated() {
    const fs = exampleFileSystem();
    const text = fs.text(PATH)!;
    fs.write(PATH, text.replace('- {id: h-1z6nbggp, sentiment: -1}', '- {id: h-1z6nbggp}').replace('- {id: h-4yfqcv9s, sentiment: -2}', '- {id: h-4yfqcv9s} # the worst of it'));
    return fs;
  }

  it("proposes only for quotes without a sentiment, and the stage means count only the researcher's values", async () => {
    const fs = unrated();
    const ws = await loaded(fs);
    const journey = ws.journeys.get(JOURNEY)!;
    const found = journeySentimentProposals(journey, indexEvidence(ws));
    assert.deepEqual(
      found.map((p) => [p.highlight, p.stage, p.proposal.kind === 'proposal' ? `${p.proposal.label} ${p.proposal.scale} ${p.proposal.reason}` : p.proposal.reason]),
      [
        ['h-1z6nbggp', 'noticing-the-need', "negative -1 'dangerous'"],
        ['h-4yfqcv9s', 'waiting-after-assessment', "negative -2 'worst'"],
      ],
    );
    assert.deepEqual(proposalViews(found).get('h-4yfqcv9s'), { label: 'negative', value: -2, reason: "'worst'" });
    const v = journeyView(ws, journey);
    // Noticing the need: −1, −1 and one unrated → −1 (not −2/3 as if the unrated one were 0).
    assert.equal(v.stages[0]!.mean, -1);
    assert.equal(v.stages[0]!.moments.find((m) => m.id === 'h-1z6nbggp')!.sentiment, undefined);
  });

  it('confirm writes the value and dismiss records it, comments kept; neither is offered again', async () => {
    const fs = unrated();
    let ws = await loaded(fs);
    let plan = new EditPlan(fs, ws.versions);
    assert.deepEqual(await dismissSentimentProposal(plan, ws, JOURNEY, 'h-4yfqcv9s'), []);
    fs.apply(plan.result().edits);
    assert.match(fs.text(PATH)!, /- \{ id: h-4yfqcv9s, proposal: dismissed \} # the worst of it\n|- \{id: h-4yfqcv9s, proposal: dismissed\} # the worst of it\n/);
    ws = await loaded(fs);
    plan = new EditPlan(fs, ws.versions);
    assert.deepEqual(await assignToStage(plan, ws, JOURNEY, 'h-1z6nbggp', 'noticing-the-need', -1), []);
    fs.apply(plan.result().edits);
    assert.ok(fs.text(PATH)!.includes('- {id: h-1z6nbggp, sentiment: -1}\n'));
    ws = await loaded(fs);
    assert.deepEqual(journeySentimentProposals(ws.journeys.get(JOURNEY)!, indexEvidence(ws)), []);
    // Setting a sentiment after a dismissal clears the mark: nothing is left to propose.
    plan = new EditPlan(fs, ws.versions);
    assert.deepEqual(await assignToStage(plan, ws, JOURNEY, 'h-4yfqcv9s', 'waiting-after-assessment', -2), []);
    fs.apply(plan.result().edits);
    assert.ok(fs.text(PATH)!.includes('- {id: h-4yfqcv9s, sentiment: -2} # the worst of it\n'), fs.text(PATH));
    // A moment that has a sentiment has no proposal to dismiss.
    ws = await loaded(fs);
    plan = new EditPlan(fs, ws.versions);
    const refused = await dismissSentimentProposal(plan, ws, JOURNEY, 'h-4yfqcv9s');
    assert.deepEqual(
      refused.map((p) => p.message),
      ['Highlight h-4yfqcv9s already has a sentiment (-2) on journey getting-an-adaptation-fitted; there is no proposal to dismiss.'],
    );
  });

  it("learns the study's terms once per evidence index, from its quotes", async () => {
    const ws = await loaded(exampleFileSystem());
    const evidence = indexEvidence(ws);
    const terms = studyTermsOf(evidence);
    assert.equal(studyTermsOf(evidence), terms);
    // The example's quotes repeat no lexicon word after the same content word three times.
    assert.deepEqual([...terms], []);
  });

  it('a quote put on a stage without a sentiment gets none, not 0', async () => {
    const fs = exampleFileSystem();
    const ws = await loaded(fs);
    const plan = new EditPlan(fs, ws.versions);
    assert.deepEqual(await assignToStage(plan, ws, JOURNEY, 'h-bgtjrrje', 'asking-for-help'), []);
    fs.apply(plan.result().edits);
    assert.ok(fs.text(PATH)!.includes('      - {id: h-760wgws9, sentiment: -1}\n      - {id: h-bgtjrrje}\n'));
  });
});
