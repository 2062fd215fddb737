/**
 * Words and phrases for the synthetic transcripts: interview speech about council services,
 * in roughly the frequency order people use them. Ranked lists feed a Zipf sampler, and
 * recurring phrases make the same wording turn up in many transcripts, as it does in real
 * studies (and as the anchoring decoys need).
 */
import type { Picker } from './sampling';

/** Everyday spoken English, most frequent first. */
const COMMON = `the I and to a you it that of was in they it's we know so but my he she just
like they're what for on is have with not be there me this do all at had about them
said one up if out get because then her no yes well when were would think him or can
really get got go going can't don't didn't from an our very time some people as more
thing things who how now mean say see been back would could much anything something
into only even come came over down good right yeah okay sort bit lot way little two
still before never always after again then say told asked tell ask went make made
any other take took day days week weeks month months year years first last long
nothing everything someone somebody anyone nobody everyone which where why these
those here every same new old big small next three four five six ten twenty half
need needed want wanted feel felt looked look help helped call called phone rang
ring letter letters email form forms wait waiting waited thought kind sure maybe
probably actually honestly basically obviously course quite enough most should
must might also though although while until since through around off without
again being doing having getting trying tried keep kept work working worked home
house room stairs door kitchen bathroom bath shower garden hall bedroom chair bed
son daughter husband wife sister brother mum dad family friend neighbour neighbours
grandchildren kids children carer doctor nurse hospital appointment morning
afternoon evening night today yesterday tomorrow Monday Tuesday Wednesday Thursday
Friday Saturday Sunday January February March April May June July August September
October November December money pay paid bills cost costs free pound pounds bank
account council office team person man woman lady number reference answer answered
hold minutes hours hour online website page screen computer laptop password code
post paper papers copy copies sent send sending write wrote writing read reading
understand understood explain explained clear confusing confused worried worry
stress stressed scared frightened angry upset tired fine happy glad lucky hard
easy difficult simple awful terrible brilliant lovely nice kind rude helpful
useless fair unfair wrong true true-ish quick quickly slow slowly late early soon
already almost nearly exactly really properly completely totally`.split(/\s+/);

/** What this kind of study is about; mixed into the common words at mid ranks. */
const DOMAIN = `assessment occupational therapist OT rails grab rail banister ramp stair lift
level-access shower adaptation adaptations fitting fitted fitter contractor builder
surveyor grant Disabled Facilities means test means-tested application applied
eligibility eligible criteria priority list referral referred case worker caseworker
officer manager supervisor complaint complained escalate escalated councillor MP
pension State Pension Credit Universal Credit benefit benefits Attendance Allowance
Housing Benefit Council Tax reduction payment payments statement award decision
appeal mandatory reconsideration tribunal evidence medical GP surgery prescription
physio physiotherapy hip knee wrist arthritis RA flare fall falls fell walking frame
wheelchair scooter mobility independence independent dignity privacy safety risk
helpline switchboard hold-music queue callback voicemail inbox portal login account
reference-number timescale deadline backlog delay delays waiting-list update updates
status letterhead leaflet booklet guide checklist handover transfer department
service services provider partner agency charity advocate advocacy volunteer
community centre library hub drop-in face-to-face video Zoom Teams paperwork
signature proof identity documents photocopy envelope stamp postcode address
landlord tenancy housing association repairs boiler heating radiator damp mould
budget savings overdraft debt arrears loan food bank energy bills tariff meter
transport bus taxi lift appointment slot visit visited visitor inspection quote
quotes estimate invoice approval approved rejected refused declined pending`.split(/\s+/);

/** Rare words: what makes each interview its own (names, places, brands, oddities). */
const RARE = `café naïve Zoë façade Björn São Łódź £8.99 £1,000 £250 £40 £12.50 🙂 😅 👍
Leeds Bradford Croydon Hackney Salford Wrexham Penrith Truro Grimsby Dundee Swansea
Ahmed Okafor Kowalski Nguyen Patel Murphy Fernandes Haddad Olsen Mbeki Rossi Tanaka
Argos Tesco Boots Specsavers Screwfix Aldi Greggs Amazon eBay Facebook WhatsApp
crochet allotment budgie whippet darts bingo choir snooker caravan bungalow
conservatory porch loft cellar annexe hedge fence gate pathway patio driveway`.split(/\s+/);

const SYLLABLES = ['bar', 'ton', 'ley', 'wick', 'ham', 'ford', 'mer', 'den', 'hol', 'ash', 'brook', 'field', 'cot', 'ridge', 'well', 'by', 'thorp', 'stead', 'wood', 'vale'];

/**
 * The ranked vocabulary: common words first, domain words from rank ~40 on (every few
 * ranks), then rare words and invented place and family names: the long tail.
 */
export function rankedVocabulary(picker: Picker, inventedNames = 600): string[] {
  const ranked: string[] = [];
  const domain = [...DOMAIN];
  COMMON.forEach((word, rank) => {
    ranked.push(word);
    if (rank >= 40 && rank % 3 === 0 && domain.length > 0) ranked.push(domain.shift()!);
  });
  ranked.push(...domain, ...RARE);
  const seen = new Set(ranked);
  const wanted = ranked.length + inventedNames;
  while (ranked.length < wanted) {
    const name = picker.one(SYLLABLES) + picker.one(SYLLABLES) + (picker.chance(0.3) ? picker.one(SYLLABLES) : '');
    if (seen.has(name)) continue;
    seen.add(name);
    ranked.push(name[0]!.toUpperCase() + name.slice(1));
  }
  return ranked.filter((w) => w.length > 0);
}

/** Things many residents say in the same words: they recur across transcripts. */
export const RECURRING_PHRASES = `to be honest with you
at the end of the day
I didn't know who to ask
nobody rang me back
I was on hold for forty minutes
they said someone would be in touch
I had to chase them again
the occupational therapist came out
the grab rails still aren't fitted
I'm still waiting to hear
it's the not knowing that gets you
you just get passed from pillar to post
I filled the form in twice
the letter didn't say how long
my daughter does all the online stuff for me
I don't want to be a burden
they lost my paperwork
it took months and months
I had no idea you had to claim it
the website just goes round in circles
I felt like I was begging
once they came it was brilliant
nobody explained what happens next
I gave up in the end
it's not their fault it's the system
I wrote everything down in a notebook
the money stopped before the pension started
I didn't want to make a fuss
you have to fight for everything
they were lovely on the phone
the stair lift made all the difference
I can't manage the bath any more
the reference number was no use
I'd rather see someone face to face`.split('\n');

/** Words of a short researcher's memo on a highlight. */
export const NOTE_OPENERS = ['Compare with', 'Contrast with', 'Echoes', 'Strong quote for', 'Follow up:', 'Check against', 'Possible theme:', 'Ask about', 'Same as', 'Persona evidence:'];
