// Answers beyond the catalogue: what the plan says, the practical facts staff keep, and where to go
// for what the programme does not do (repairs → the estate office, Danish classes → the language
// school …). The router asks here before a clarifying question. Every answer names its source; a
// fact or contact nobody has set is said to be unknown, with a person offered — never guessed.
import type { TurnContext } from 'botbuilder';
import { answerFrom, CONTACT_FIELDS, type Contact, type Knowledge, type KnowledgeAnswer, type KnowledgeEntry, type UnansweredLog, type UnansweredReason } from '../src/domain/knowledge';
import { errorFields } from '../src/log';
import { maskPersonalData } from '../src/understanding/mask';
import type { LlmAnswerer, Passage } from '../src/understanding/llm';
import { textFor, type Activity } from '../src/domain/catalogue';
import { isolate, type I18n } from '../src/i18n';
import type { Intent } from '../src/understanding';
import { KnowledgeRanker, withoutWordsOf, type KnowledgeDoc, type KnowledgeMatch, type RankerOptions } from '../src/understanding/knowledge';
import { countMiss } from './memory';
import { afterGreeting, namesAPerson } from './phrases';
import { say, type Choice } from './reply';
import { turnInfo, type DialogServices } from './turn';

/** A weaker match for a message nobody understood, when it is this many times the next best. */
const LENIENT = 0.4;
const MARGIN = 1.8;

/** Keys of the catalogue's activities in the ranker: they compete with the entries for a question. */
const CATALOGUE = 'catalogue:';
const isActivityKey = (key: string) => key.startsWith(CATALOGUE);
/** How many ranked documents are looked at to find the best entry and the best activity. */
const RANKED = 12;

/**
 * An activity as the ranker sees it: its titles ask for it, and so does a title's head before a
 * colon or a bracket ("Makerspace", "Lommepengejob"); its descriptions answer.
 */
function activityDoc(a: Activity): KnowledgeDoc {
  const texts = Object.values(a.texts);
  const heads = texts.map((t) => t.title.split(/[:(]/)[0].trim()).filter((h, i) => h && h !== texts[i].title);
  return { key: CATALOGUE + a.id, questions: [...texts.map((t) => t.title), ...heads], answers: texts.map((t) => t.description) };
}

function entryDoc(e: KnowledgeEntry): KnowledgeDoc {
  const texts = Object.values(e.texts);
  return { key: e.key, questions: texts.flatMap((t) => [t.title, ...t.questions]), answers: texts.map((t) => t.answer) };
}

/** The best entry for a question, and how well the best activity of the catalogue fits it. */
export interface Found {
  entry: KnowledgeEntry;
  score: number;
  /** The best activity's score (0 when none): "what is Makerspace?" is the catalogue's. */
  activityScore: number;
  /** Words of the question nothing in the knowledge or the catalogue has ("pizza", "buskort"): what else it may be about. */
  foreign: string[];
}

/**
 * The knowledge and a matcher over it and the catalogue's activities, rebuilt when the entries
 * change (staff edits, a new seed) or the activities do.
 */
export class KnowledgeAnswers {
  private matcher: { version: string; ranker: KnowledgeRanker } | null = null;
  /** The activities (the catalogue's cached list) and knowledge version the matcher was last checked against. */
  private checked: { activities: readonly Activity[]; version: number } | null = null;
  /**
   * A turn asks about the same words more than once (is it for a person? which entry? before a
   * sign-up?): each turn's rankings, per text, until the turn object is gone.
   */
  private readonly ranked = new WeakMap<object, { ranker: KnowledgeRanker; byText: Map<string, KnowledgeMatch[]> }>();

  constructor(
    readonly knowledge: Knowledge,
    private readonly words: RankerOptions = {},
    private readonly unanswered?: UnansweredLog,
    /** With an LLM configured: answers written from the best passages, checked, else the offline answer. */
    readonly llm?: LlmAnswerer,
  ) {}

  /** The entries a question may be about, best first, however weakly (passages for the LLM). `turn`: see `find`. */
  async candidates(text: string, limit: number, activities: readonly Activity[] = [], turn?: object): Promise<KnowledgeEntry[]> {
    const entries = await this.knowledge.all();
    const keys = this.rank(this.ranker(entries, activities), text, turn)
      .filter((m) => m.score > 0 && !isActivityKey(m.key))
      .slice(0, limit)
      .map((m) => m.key);
    return keys.flatMap((k) => entries.filter((e) => e.key === k));
  }

  /** The ranker's RANKED best for a text, remembered for the rest of the turn when `turn` is given. */
  private rank(ranker: KnowledgeRanker, text: string, turn?: object): KnowledgeMatch[] {
    if (!turn) return ranker.rank(text, RANKED);
    let memo = this.ranked.get(turn);
    if (!memo || memo.ranker !== ranker) this.ranked.set(turn, (memo = { ranker, byText: new Map() }));
    let ranked = memo.byText.get(text);
    if (!ranked) memo.byText.set(text, (ranked = ranker.rank(text, RANKED)));
    return ranked.map((m) => ({ ...m }));
  }

  private ranker(entries: KnowledgeEntry[], activities: readonly Activity[]): KnowledgeRanker {
    // The catalogue hands out the same list until it reloads: no need to compare every title again.
    if (this.matcher && this.checked?.activities === activities && this.checked.version === this.knowledge.version) return this.matcher.ranker;
    this.checked = { activities, version: this.knowledge.version };
    const version = [this.knowledge.version, ...activities.map((a) => `${a.id}:${Object.values(a.texts).map((t) => t.title).join('|')}`)].join('\n');
    if (!this.matcher || this.matcher.version !== version) {
      this.matcher = { version, ranker: new KnowledgeRanker([...entries.map(entryDoc), ...activities.map(activityDoc)], this.words) };
    }
    return this.matcher.ranker;
  }

  /**
   * Keeps a question nobody could answer for staff (GET /api/staff/unanswered): masked (names,
   * phone numbers, e-mail addresses), with its language and time, never who asked.
   */
  async noteUnanswered(q: { lang: string; text: string; reason: UnansweredReason; entryKey?: string }): Promise<void> {
    if (!this.unanswered || !q.text.trim()) return;
    await this.unanswered.record({ ...q, text: maskPersonalData(q.text.trim()) });
  }

  /**
   * The entry a question is about, or undefined when none fits well enough. `lenient`: the message
   * was not understood at all (the alternative is a clarifying question), so a weaker match is
   * taken when it stands clearly above the next one ("der er råd i vinduet" → the estate office).
   */
  async find(text: string, opts: { lenient?: boolean; activities?: readonly Activity[]; turn?: object } = {}): Promise<Found | undefined> {
    const entries = await this.knowledge.all();
    const ranker = this.ranker(entries, opts.activities ?? []);
    const ranked = this.rank(ranker, text, opts.turn);
    const activityScore = ranked.find((m) => isActivityKey(m.key))?.score ?? 0;
    const [top, next] = ranked.filter((m) => !isActivityKey(m.key));
    const clear = top && opts.lenient && top.score >= LENIENT && top.score >= MARGIN * (next?.score ?? 0);
    const best = top && (top.score >= ranker.threshold || clear) ? top : undefined;
    const entry = best && entries.find((e) => e.key === best.key);
    return entry ? { entry, score: best.score, activityScore, foreign: ranker.foreignWords(text) } : undefined;
  }

  /**
   * What a wish for a person is about, once the words that ask for one ("someone", "احكي",
   * "medarbejder") and the ways of asking who to contact ("who is responsible", "مين المسؤول") are
   * left out: "مين المسؤول عن التدفئة" is the estate office's, "I want to talk to someone about my
   * rent" the housing organisation's. Undefined when nothing else is said.
   */
  async topicBeyondPerson(text: string, personWords: readonly string[], activities: readonly Activity[], turn?: object, lenient = false): Promise<Found | undefined> {
    const asking = (await this.knowledge.all()).filter((e) => e.key === CONTACT_PERSON).flatMap((e) => Object.values(e.texts).flatMap((t) => t.questions));
    const { rest, dropped } = withoutWordsOf(text, [...personWords, ...asking]);
    // Nothing was left out: no person or contact asked for, the message is its own topic.
    if (!rest || !dropped) return undefined;
    const found = await this.find(rest, { activities, turn, lenient });
    return found?.entry.key === CONTACT_PERSON ? undefined : found;
  }
}

/** What the router knows about the message (see Routed in main-dialog.ts). */
export interface RoutedQuestion {
  intent: Intent;
  lowConfidence: boolean;
  activityId?: string;
  category?: string;
  /** A few activities in focus together (a recommendation just shown). */
  focusIds?: readonly string[];
  picked?: boolean;
  facets?: readonly string[];
  /** The activity is the one in focus (a card just shown), not one the message named. */
  followUp?: boolean;
}

/** Intents that say nothing specific: a confident knowledge match may answer them instead. */
const GENERIC: readonly Intent[] = ['activity_info', 'list_activities', 'help', 'smalltalk'];
/** How sure the match must be to answer a message the understanding read as something else. */
const STRONG = 0.7;
/**
 * "what is your phone number?" is often read as a wish for a person or a privacy question. A
 * near-exact match to a practical fact or a referral answers it instead, when the understanding
 * is not sure (a clear "I want to talk to someone" is never taken from the resident).
 */
const MISREAD: readonly Intent[] = ['human', 'privacy'];
const NEAR_EXACT = 0.9;
const EXACT = 0.99;
const UNSURE = 0.9;
/**
 * "kan jeg ringe til jer?", "what's your number": asking how to reach the programme is a question
 * about a fact, not a wish for a person, however sure the model is. Only a message that names a
 * person ("medarbejder", "someone", "موظف") is an explicit wish and opens a handoff.
 */
const CONTACT_PERSON = 'contact-person';
const REACH_FACTS: readonly string[] = ['phone', 'email', 'address', 'opening-hours', CONTACT_PERSON];
/** Facts about activities the catalogue does not hold: "what does the pocket-money job pay?". */
const ACTIVITY_FACTS: readonly string[] = ['price', 'pocket-money-pay'];

/** What an activity pays its young people, which the catalogue's price (what it costs) does not say. */
const PAY_FACTS: readonly string[] = ['pocket-money-pay'];

/**
 * Intents that start a flow before the router answers (a sign-up, a cancellation, the resident's
 * registrations): "min dreng vil skifte skole" reads as a sign-up for the school course, "my son
 * teacher dont listen to me" as a cancellation.
 */
const FLOW_INTENTS: readonly Intent[] = ['signup', 'cancel_registration', 'my_registrations'];
/** An entry outranks the catalogue when it fits this many times better than the best activity. */
const OUTRANKS = 1.5;

/** How the router read the message, as far as the knowledge is concerned. */
type Reading = 'open' | 'generic' | 'misread' | 'reach' | 'named' | 'followUp' | 'activity' | 'flow';
/** Readings where a person or who is responsible may be asked about a topic: not a flow, not an activity in focus. */
const ASKS_WHO: readonly Reading[] = ['open', 'generic', 'misread', 'reach', 'named'];

function readingOf(r: RoutedQuestion, confidence: number, afterHello: boolean, person: boolean, beforeFlow: boolean): Reading | null {
  if (beforeFlow) return FLOW_INTENTS.includes(r.intent) ? 'flow' : null;
  const aboutActivity = Boolean(r.activityId || r.category || r.focusIds?.length);
  // "hej er der nogen der kan hjælpe med skole ting": a greeting with a question the model missed.
  if (r.lowConfidence || r.intent === 'out_of_scope' || (r.intent === 'greet' && afterHello)) return 'open';
  if (!aboutActivity && GENERIC.includes(r.intent)) return 'generic';
  // "I want a doctor" reads like a sign-up; with nothing to sign up for, a referral may fit better.
  if (!aboutActivity && r.intent === 'signup') return 'generic';
  // "who is the contact person?" names a person but asks a fact; only that exact question is taken.
  if (r.intent === 'human' && person) return aboutActivity ? null : 'named';
  if (!aboutActivity && MISREAD.includes(r.intent) && confidence < UNSURE) return 'misread';
  if (!aboutActivity && r.intent === 'human') return 'reach';
  if (r.intent !== 'activity_info' || !aboutActivity) return null;
  return r.facets?.length ? 'followUp' : 'activity';
}

/**
 * "the heater has not worked since Friday, who do I call?" reads as a request for help; a fair
 * match to a referral or fact answers it better than the bot's own help text.
 */
const FAIR = 0.5;
const UNSURE_GENERIC: readonly Intent[] = ['help', 'activity_info', 'smalltalk', 'signup'];

/** The entry explains the message clearly, and far better than any activity of the catalogue. */
const outranks = (found: Found) => found.score >= STRONG && found.score >= OUTRANKS * found.activityScore;
/**
 * A fact about an activity the resident names, asked in other words than the fact's own ("الشغل
 * بتاع مصروف الجيب بيدفع كام؟", "koster det noget at være med i forældrenetværket"): the activity's
 * name is in the message, so the entry cannot explain all of it, but it fits the rest far better
 * than the activity fits the whole. A fair match is enough then: the name says which activity, the
 * other words what is asked about it.
 */
const asksFactOfActivity = (found: Found, keys: readonly string[]) =>
  keys.includes(found.entry.key) && found.score >= FAIR && found.score >= OUTRANKS * found.activityScore;
/**
 * The understanding is sure the message is about something beyond the programme ("hvad koster en
 * pizza", "how much is a pizza in town", "شو رأيك بالطقس اليوم").
 */
const SURE_ELSEWHERE = 0.8;
/**
 * A practical fact or the plan asked about something nothing in the knowledge or the catalogue
 * names: the question words fit ("koster", "hvornår", "بكم"), but what they ask about is not the
 * programme's. A referral is different: its own words ("radiator", "الجيران") are the topic, so a
 * word it lacks ("iskold", "vinter") is detail; and so is a word beside a near-exact fit ("where
 * exactly is the residents' house").
 */
const aboutSomethingElse = (found: Found, a: KnowledgeAnswer) => a.kind !== 'referral' && found.foreign.length > 0 && found.score < NEAR_EXACT;
/**
 * The activity the understanding read out of the message is hardly in its words: "how do i get a
 * nursery place" is not the parent course "Ready for nursery and school", "the neighbours dog barks"
 * not the open workshop "for neighbours". Not for an activity in focus: "is it free?" after its card
 * is its own question.
 */
const FAINT = 0.3;
const misnamed = (found: Found, fromFocus: boolean) => !fromFocus && found.activityScore < FAINT && outranks(found);

function accepts(reading: Reading, found: Found, a: KnowledgeAnswer, unsureHelp = false, namesActivity = false, fromFocus = false, asksOtherFacet = false): boolean {
  const score = found.score;
  switch (reading) {
    case 'open':
      return true;
    case 'generic':
      return score >= STRONG || (unsureHelp && score >= FAIR);
    case 'misread':
      // "hvem samarbejder i med?" read as a wish for a person: the plan answers it when it fits exactly.
      return score >= NEAR_EXACT && (a.kind !== 'plan' || score >= EXACT);
    case 'named':
      // "بقدر احكي معكم عالتلفون": talking on the phone asks for the number.
      return score >= EXACT && REACH_FACTS.includes(a.entry.key);
    case 'reach':
      return score >= NEAR_EXACT && REACH_FACTS.includes(a.entry.key);
    case 'followUp':
      // The catalogue answers a follow-up honestly already; only a fact staff have set adds to it.
      // But its price facet is what a resident pays: "what does the job pay?" is the job's pay.
      // "when is the pocket money job?" asks when: the pay fact's words are the activity's own name there.
      return a.kind === 'fact' || (score >= STRONG && PAY_FACTS.includes(a.entry.key)) || (!asksOtherFacet && asksFactOfActivity(found, PAY_FACTS)) || misnamed(found, fromFocus);
    case 'activity':
      // "the neighbours dog barks all day" names the open workshop "for neighbours", but is about noise.
      return (score >= STRONG && (a.kind === 'fact' || a.kind === 'unknown') && ACTIVITY_FACTS.includes(a.entry.key)) || asksFactOfActivity(found, ACTIVITY_FACTS) || outranks(found);
    case 'flow':
      // "how do I sign up for the pocket money job" names the job: its pay or price is a follow-up, not the answer.
      return outranks(found) && !(namesActivity && ACTIVITY_FACTS.includes(a.entry.key));
  }
}

/**
 * Answers from the knowledge when the message is about it; true when it answered. Not understood
 * or out of scope: the best entry above the ranker's threshold. A generic reading ("help", an
 * activity question naming none) or a misreading (a phone number read as a wish for a person):
 * only a clear match. About an activity ("is it free?", "what does it pay?"): only a fact the
 * catalogue does not hold — otherwise the catalogue answers as before.
 */
export async function answerFromKnowledge(ctx: TurnContext, services: DialogServices, r: RoutedQuestion, opts: { beforeFlow?: boolean } = {}): Promise<boolean> {
  const answers = services.knowledge;
  const { parse, lang } = turnInfo(ctx);
  if (!answers || r.picked || r.intent === 'emergency' || parse?.safety) return false;
  const raw = ctx.activity.text ?? '';
  const question = afterGreeting(raw, services.i18n);
  const reading = readingOf(r, parse?.confidence ?? 1, question !== null, namesAPerson(raw, services.i18n), opts.beforeFlow ?? false);
  if (!reading) return false;
  // A wish for a person, or a question who is responsible, that is about something else: the entry
  // for that answers, and offers a person.
  const asksPerson = r.intent === 'human' || namesAPerson(raw, services.i18n);
  if (ASKS_WHO.includes(reading) && (await answerTopic(ctx, services, answers, question ?? raw, asksPerson, false))) return true;
  // Not understood at all: with an LLM, an answer written from the best passages, if it passes the checks.
  if (reading === 'open' && answers.llm && (await answerWithLlm(ctx, services, answers, question ?? raw))) return true;
  // Still not placed: the topic beside "who do I contact" is taken as leniently as the whole message would be.
  if (reading === 'open' && (await answerTopic(ctx, services, answers, question ?? raw, asksPerson, true))) return true;
  const found = await answers.find(question ?? raw, { lenient: reading === 'open', activities: await services.catalogue.all(), turn: ctx });
  if (!found) {
    // Nothing in the knowledge, and the understanding could not place it either: staff should see it.
    if (reading === 'open') await noteUnanswered(ctx, services, 'no-match');
    return false;
  }
  // "hej, hvad er lommepengejob?": an activity that fits as well is the catalogue's to answer.
  if (found.activityScore >= found.score) return false;
  const answer = answerFrom(found.entry, lang, services.i18n.fallback);
  // "hvad koster en pizza": sure to be beyond the programme, and about a thing the knowledge does not name.
  if (r.intent === 'out_of_scope' && (parse?.confidence ?? 0) >= SURE_ELSEWHERE && aboutSomethingElse(found, answer)) {
    await noteUnanswered(ctx, services, 'no-match');
    return false;
  }
  // An unsure reading that names nothing ("when do you open", "I want a doctor") takes a fair match
  // to a practical fact or a referral; a plain "what's on?" (list_activities) keeps its list.
  const unsureHelp = UNSURE_GENERIC.includes(r.intent) && (parse?.confidence ?? 1) < UNSURE && answer.kind !== 'plan';
  const asksOtherFacet = Boolean(r.facets?.length) && !r.facets?.includes('price');
  if (!accepts(reading, found, answer, unsureHelp, Boolean(r.activityId || r.category), Boolean(r.followUp || r.focusIds?.length), asksOtherFacet)) return false;
  // "jeg vil gerne skrives op til noget", "التسجيل": the words of a sign-up wish alone are no topic.
  if ((reading === 'flow' || r.intent === 'signup') && !(await fitsBeyondWish(ctx, services, answers, question ?? raw, found, Boolean(r.activityId)))) return false;
  // A first message that began with a greeting still gets the short welcome (who the bot is, privacy).
  await answerWith(ctx, services, answer, r.intent === 'greet' && turnInfo(ctx).resident.isNew);
  return true;
}

/**
 * A flow's message ("sign me up", "afmeld") fits the entry without the words of the wish too:
 * "min dreng vil skifte skole" still is the school's, "بدي سجل" or "skriv mig op til noget" (whose
 * sign-up words are what the childcare or school entry is asked with) is nobody's but the sign-up's,
 * and so is a wish to sign up for an activity the resident names.
 */
async function fitsBeyondWish(ctx: TurnContext, services: DialogServices, answers: KnowledgeAnswers, text: string, found: Found, namesActivity: boolean): Promise<boolean> {
  const { rest, dropped } = withoutWordsOf(text, wishVerbs(services.i18n));
  if (!dropped) return true;
  // "بدي سجل بكورس الاهل تبع الروضة": a wish to sign up for an activity the resident named is the sign-up's.
  if (namesActivity) return false;
  const beyond = rest ? await answers.find(rest, { activities: await services.catalogue.all(), turn: ctx }) : undefined;
  return beyond?.entry.key === found.entry.key && outranks(beyond);
}

const wishVerbCache = new WeakMap<I18n, readonly string[]>();

/** The verb of each way of saying a sign-up wish ("skriv" of "skriv min"; "min dreng vil skifte skole" keeps "min"). */
function wishVerbs(i18n: I18n): readonly string[] {
  let verbs = wishVerbCache.get(i18n);
  if (!verbs) {
    verbs = i18n.languages.flatMap((l) => i18n.list(l, 'signup:answers.words.signupVerb').map((p) => p.split(/\s+/)[0]));
    wishVerbCache.set(i18n, verbs);
  }
  return verbs;
}

/** Sends the answer of an entry, after the short welcome when owed; an unset fact is kept for staff. */
async function answerWith(ctx: TurnContext, services: DialogServices, answer: KnowledgeAnswer, welcome = false): Promise<void> {
  countMiss(ctx, false);
  if (answer.kind === 'unknown') await noteUnanswered(ctx, services, 'unset', answer.entry.key);
  if (welcome) await say(ctx, turnInfo(ctx).t('common:welcome.short'));
  await sendKnowledgeAnswer(ctx, services, answer);
}

/** A person asked for about a topic an entry answers clearly ("who is responsible for the heating"); true when it answered. */
async function answerTopic(ctx: TurnContext, services: DialogServices, answers: KnowledgeAnswers, text: string, asksPerson: boolean, open: boolean): Promise<boolean> {
  const activities = await services.catalogue.all();
  // Only a message that asks for a person, or asks as "who is responsible?" does, is looked at again.
  if (!asksPerson && !(await answers.candidates(text, 2, activities, ctx)).some((e) => e.key === CONTACT_PERSON)) return false;
  // "my son", "ابني" say who the matter concerns, not what it is about.
  const personWords = services.i18n.languages.flatMap((l) => [...services.i18n.list(l, 'common:phrases.person'), ...services.i18n.list(l, 'signup:answers.words.child')]);
  // Not understood at all ("toilettet løber hele tiden, hvem skal jeg kontakte"): the topic is
  // matched as leniently as any message nobody could place, once the asking words are out.
  const topic = await answers.topicBeyondPerson(text, personWords, activities, ctx, open);
  if (!topic || !(outranks(topic) || (open && topic.score >= OUTRANKS * topic.activityScore))) return false;
  await answerWith(ctx, services, answerFrom(topic.entry, turnInfo(ctx).lang, services.i18n.fallback));
  return true;
}

/**
 * Before a flow starts from the message (a sign-up, a cancellation): answers from the knowledge
 * when an entry outranks the catalogue ("min dreng vil skifte skole" → the school); true when it answered.
 */
export function answerBeforeFlow(ctx: TurnContext, services: DialogServices, r: RoutedQuestion): Promise<boolean> {
  return answerFromKnowledge(ctx, services, r, { beforeFlow: true });
}

const PASSAGES = 3;

/** The passages for a question: the best knowledge entries as the resident would read them, and activities it names. */
async function passagesFor(ctx: TurnContext, services: DialogServices, answers: KnowledgeAnswers, question: string): Promise<{ passages: Passage[]; entries: KnowledgeEntry[] }> {
  const { t, lang } = turnInfo(ctx);
  const fallback = services.i18n.fallback;
  const entries = await answers.candidates(question, PASSAGES, await services.catalogue.all(), ctx);
  const passages: Passage[] = entries.map((e) => {
    const a = answerFrom(e, lang, fallback);
    const text =
      a.kind === 'fact' ? a.text.answer.split('{{value}}').join(a.value)
      : a.kind === 'unknown' ? t('knowledge:unknown', { topic: a.text.title })
      : a.kind === 'referral' && a.contact ? [a.text.answer, ...CONTACT_FIELDS.flatMap((f) => (a.contact![f] ? [a.contact![f]!] : []))].join(' ')
      : a.text.answer;
    return { id: e.key, text: `${a.text.title}: ${text}` };
  });
  const words = new Set(question.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 5));
  for (const activity of await services.catalogue.all()) {
    const tx = textFor(activity, lang, fallback);
    if (tx.title.toLowerCase().split(/[^\p{L}\p{N}]+/u).some((w) => words.has(w))) passages.push({ id: `activity:${activity.id}`, text: `${tx.title}: ${tx.description}` });
  }
  return { passages, entries };
}

/** The LLM's answer when it is sourced and invents nothing; false (the offline answer follows) otherwise. */
async function answerWithLlm(ctx: TurnContext, services: DialogServices, answers: KnowledgeAnswers, question: string): Promise<boolean> {
  const { t, lang } = turnInfo(ctx);
  const { passages, entries } = await passagesFor(ctx, services, answers, question);
  const reply = await answers.llm!.answer(question, lang, passages).catch((err: unknown) => {
    services.log.warn('llm answer failed', { mod: 'knowledge', ...errorFields(err) });
    return null;
  });
  if (!reply) return false;
  const titles = reply.sources.map((id) => passages.find((p) => p.id === id)!.text.split(':')[0]);
  const rtl = services.i18n.dir(lang) === 'rtl';
  const cited = entries.find((e) => reply.sources.includes(e.key));
  countMiss(ctx, false);
  await say(ctx, [rtl ? isolateLatin(reply.text) : reply.text, t('knowledge:source.llm', { titles: titles.map((x) => isolate(x)).join(', ') }), ...(cited ? [sourceLine(ctx, services, cited)] : [])].join('\n\n'), {
    prompt: 'next',
    choices: [{ value: 'human', title: t('common:menu.human') }, { value: 'list_activities', title: t('common:menu.activities') }],
  });
  return true;
}

/** Its own error boundary: failing to keep the question never costs the resident their reply. */
async function noteUnanswered(ctx: TurnContext, services: DialogServices, reason: UnansweredReason, entryKey?: string): Promise<void> {
  const { lang } = turnInfo(ctx);
  try {
    await services.knowledge?.noteUnanswered({ lang, text: ctx.activity.text ?? '', reason, entryKey });
  } catch (err) {
    services.log.warn('unanswered question not kept', { mod: 'knowledge', ...errorFields(err) });
  }
}

export async function sendKnowledgeAnswer(ctx: TurnContext, services: DialogServices, a: KnowledgeAnswer): Promise<void> {
  const { t, lang } = turnInfo(ctx);
  const rtl = services.i18n.dir(lang) === 'rtl';
  const data = (s: string) => (rtl ? isolateLatin(s) : s);
  const person: Choice = { value: 'human', title: t('common:menu.human') };
  const activities: Choice = { value: 'list_activities', title: t('common:menu.activities') };
  switch (a.kind) {
    case 'plan':
      return say(ctx, [data(a.text.answer), sourceLine(ctx, services, a.entry)].join('\n\n'), { prompt: 'next', choices: [activities, person] });
    case 'fact':
      return say(ctx, [withValue(a.text.answer, a.value, rtl), sourceLine(ctx, services, a.entry)].join('\n\n'), { prompt: 'next', choices: [activities, person] });
    case 'unknown':
      return say(ctx, [t('knowledge:unknown', { topic: a.text.title }), t('knowledge:offerPerson')].join('\n\n'), { prompt: 'next', choices: [person, activities] });
    case 'referral': {
      const contact = a.contact ? contactLines(ctx, a.contact, a.text.title) : [t('knowledge:contact.unknown'), t('knowledge:contact.offerPerson')];
      return say(ctx, [data(a.text.answer), contact.join('\n'), sourceLine(ctx, services, a.entry)].join('\n\n'), { prompt: 'next', choices: [person, activities] });
    }
  }
}

function contactLines(ctx: TurnContext, c: Contact, name: string): string[] {
  const { t } = turnInfo(ctx);
  return [t('knowledge:contact.intro', { name }), ...CONTACT_FIELDS.flatMap((f) => (c[f] ? [t(`knowledge:contact.${f}`, { value: c[f] })] : []))];
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** "(Kilde: Helhedsplanen … afsnit 1)", "(Oplyst af medarbejderne, opdateret 3. december 2026)". */
function sourceLine(ctx: TurnContext, services: DialogServices, e: KnowledgeEntry): string {
  const { t, lang } = turnInfo(ctx);
  if (e.source === 'plan') return e.section && e.section !== 'title' ? t('knowledge:source.plan', { section: e.section }) : t('knowledge:source.planTitle');
  if (e.source === 'guidance') return t('knowledge:source.guidance');
  const locale = services.i18n.t(lang, 'common:meta.dateLocale');
  let f = dateFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone: 'Europe/Copenhagen', day: 'numeric', month: 'long', year: 'numeric' });
    dateFormats.set(locale, f);
  }
  return t('knowledge:source.staff', { date: f.format(e.updatedAt) });
}

/** A fact's sentence with its value; in a right-to-left language the value is isolated. */
function withValue(answer: string, value: string, rtl: boolean): string {
  return answer
    .split('{{value}}')
    .map((part) => (rtl ? isolateLatin(part) : part))
    .join(rtl ? isolate(value) : value);
}

/** Latin names and numbers inside Arabic text ("VIBO", "DFB v. Domea", "2020") kept whole and in order. */
export function isolateLatin(text: string): string {
  return text.replace(/[A-Za-z0-9\u00C0-\u024F][A-Za-z0-9\u00C0-\u024F .,'’&/–-]*[A-Za-z0-9\u00C0-\u024F.]|[A-Za-z0-9\u00C0-\u024F]/g, (run) => isolate(run));
}
