// The router: each message either continues the active flow or is routed by what it means.
// Inside a flow, an answer that fits the question goes to the flow; otherwise an emergency,
// "stop", or a clear other request (help, a person, another language, a question about an
// activity) is answered and the flow's question is asked again.
// Outside a flow nothing goes unanswered: a typed number or title picks from the last choices
// shown, follow-ups are about the activity in focus, an acknowledgement gets a short reply, and a
// message not understood gets a clarifying question (clarify.ts), never silence or a handoff.
import {
  ComponentDialog,
  DialogTurnStatus,
  WaterfallDialog,
  type DialogContext,
  type DialogTurnResult,
  type WaterfallStepContext,
} from './sdk';
import type { TurnContext } from 'botbuilder';
import type { Activity } from '../src/domain/catalogue';
import type { I18n } from '../src/i18n';
import { SIGNUP_CATEGORIES, isSignupCategory, signupCategoryOf, type Category } from '../src/domain/categories';
import { INTENTS, type Intent, type ParseResult } from '../src/understanding';
import { askWhichActivity, menuChoices, sendActivitiesBrief, sendActivityInfo, sendActivityList, sendFollowUp, sendHelp, sendOtherActivities, sendWelcome } from './answers';
import { askToRephrase, askWhatWasMeant, rejectsMeanings } from './clarify';
import { answerBeforeFlow, answerFromKnowledge } from './knowledge';
import { clarifyingAbout, countMiss, focusOf, lastAsked, offered, setFocus, welcomeOwed } from './memory';
import { acknowledgement, asksForMore, asksWhatNext, closesTopic, closingThanks, facetsOf, isBareNumber, isQuestion, onlySmallTalk, type Facet } from './phrases';
import { choiceWords, matchChoice, matchTitle, matchTitles, type Option } from './choices';
import { saysSignup, yesOrNo } from './answer-words';
import { ASK_PROMPT, fitsAsk, type Ask } from './ask-prompt';
import { handoffOpenedThisTurn, observeRouted, staffReachable, startHandoff } from './handoff';
import { LanguageDialog, setLanguage } from './language-dialog';
import { CancelRegistrationDialog, sendMyRegistrations } from './registrations-dialog';
import { GuardianCodeDialog, beginGuardianCode } from './guardian-code';
import { say, type Choice } from './reply';
import { PrivacyRightsDialog, answerPrivacy, privacyRequest } from './privacy-rights';
import { SafetyCheckDialog, beginSafetyCheck, continueSafetyCheck } from './safety-check';
import { draftFromMessage, type Draft, type Slot } from './signup/draft';
import { SignupFlow } from './signup/signup-flow';
import { sendRecommendation } from './recommend';
import { CourseDialog, FLOW_CATEGORIES, ParentNetworkDialog, PocketMoneyJobDialog, flowForCategory } from './signup/flows';
import type { SignupServices } from './signup/services';
import { turnInfo } from './turn';

const SIGNUP_FLOW_IDS: readonly string[] = [ParentNetworkDialog.id, PocketMoneyJobDialog.id, CourseDialog.id];

/** The slot the innermost sign-up question asks ("activity", "participant", …), if any. */
function promptSlot(inner: DialogContext): string | undefined {
  let dc: DialogContext = inner;
  while (dc.child) dc = dc.child;
  if (dc.activeDialog?.id !== ASK_PROMPT) return undefined;
  return (dc.activeDialog.state as { options?: { validations?: Ask } }).options?.validations?.slot;
}

/** What the running sign-up flow has collected (its loop's values). */
function flowDraft(inner: DialogContext): Draft | undefined {
  // The flow's loop holds it; its question (the prompt) may be on top of the loop.
  for (const instance of inner.child?.stack ?? []) {
    const draft = (instance.state as { values?: { draft?: Draft } } | undefined)?.values?.draft;
    if (draft) return draft;
  }
  return undefined;
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * After "what would you like to sign up for?", a message naming an activity or a kind of activity
 * ("the parents network", "lommepenge") answers it: a sign-up, not a description of the activity.
 */
export function afterSignupQuestion(r: Routed, choices: readonly { value: string }[]): Routed {
  const asked = choices.length > 0 && choices.every((c) => c.value.startsWith('signup:'));
  if (!asked || r.picked || (!r.activityId && !r.category)) return r;
  if (!['activity_info', 'list_activities', 'signup', 'out_of_scope', 'smalltalk', 'help'].includes(r.intent)) return r;
  return { ...r, intent: 'signup', lowConfidence: false };
}

/** Readings a sign-up verb with an activity named overrules: the model half-read "أود التسجيل في …". */
const SIGNUP_OVERRULES: readonly Intent[] = ['activity_info', 'list_activities', 'cancel_registration', 'my_registrations', 'smalltalk', 'out_of_scope', 'greet', 'help', 'signup'];

/**
 * "أود التسجيل في شبكة الأهالي", "bade sajel bi course el shoghl", "vil tilmelde mig det åbne
 * værksted": a sign-up verb and a named activity or kind start that sign-up. A question about it
 * ("can my friend join the youth platform?") stays a question.
 */
export function withSignupWords(r: Routed, text: string, saysSignupVerb: boolean, facets: readonly Facet[], joinable: ReadonlySet<string>): Routed {
  if (!saysSignupVerb || r.picked || (!r.activityId && !r.category)) return r;
  if (facets.length && /[?؟]/u.test(text)) return r;
  // "can I book a time with the job guidance?": staff arrange those; the question is answered as asked.
  if (r.activityId && !joinable.has(r.activityId)) return r;
  if (!SIGNUP_OVERRULES.includes(r.intent)) return r;
  return { ...r, intent: 'signup', lowConfidence: false };
}

/**
 * A sign-up begins on a wish to sign up, not on a question: "can my daughter do the pocket money
 * job?", "هل في شغل لابني؟" read like a sign-up to the model, but are answered (the activity, or
 * offers by who is asking, each with its sign-up button). "kan jeg melde mig til …?" asks to sign up.
 */
export function asksBeforeSigningUp(r: Routed, questionOnly: boolean): Routed {
  if (!questionOnly || r.picked || r.intent !== 'signup') return r;
  return { ...r, intent: 'activity_info' };
}

/** Unsure readings a named activity or kind settles: the resident wants to hear about it. */
const NAMED_SETTLES: readonly Intent[] = ['activity_info', 'list_activities', 'signup', 'smalltalk', 'out_of_scope', 'greet', 'help'];

/**
 * "I want to know about the parent network", "و الشبكة تبع الاهالي؟": the model is unsure of the
 * sentence and the knowledge has nothing for it, but it names an activity (or a kind) and no
 * sign-up verb: its card (or the activities of that kind) answers it, with a sign-up button,
 * rather than "did you mean …?".
 */
export function namedSettles(r: Routed, signupVerb: boolean): Routed {
  if (!r.lowConfidence || r.picked || signupVerb || (!r.activityId && !r.category) || !NAMED_SETTLES.includes(r.intent)) return r;
  return { ...r, intent: 'activity_info', lowConfidence: false };
}

/**
 * Small talk only when the message is small talk: "vi er lige flyttet hertil med to børn" or "noget
 * for min søn efter skole" read as a greeting or as chat is a message the model could not place, so
 * it goes where unsure messages go (the knowledge, offers by who is asking, "did you mean …?").
 */
export function smallTalkOnlyWhenSaid(r: Routed, onlySmall: boolean): Routed {
  if (onlySmall || r.picked || (r.intent !== 'greet' && r.intent !== 'smalltalk')) return r;
  return { ...r, lowConfidence: true };
}

/**
 * "jeg er alene mor og har brug for at snakke med andre", "I want to talk to other parents": talking
 * with other parents is the parents' network, not a wish for a staff member.
 */
export function meetingOthers(r: Routed, parse: ParseResult | null): Routed {
  if (r.intent !== 'human' || r.picked || parse?.entities.wish !== 'meet_parents') return r;
  return { ...r, intent: 'list_activities', lowConfidence: false };
}

export interface Routed {
  intent: Intent;
  activityId?: string;
  category?: Category;
  language?: string;
  registrationId?: string;
  lowConfidence: boolean;
  /** Picked from the choices just shown (a typed number or title): taken as a tap. */
  picked?: boolean;
  /** A follow-up about the activity in focus asks this ("is it free?" → price). */
  facets?: Facet[];
  /** A follow-up about the few activities just offered (a recommendation): answered for each. */
  focusIds?: string[];
  /** The activity is the one in focus, not named in the message: the question is what to answer. */
  followUp?: boolean;
}

/**
 * What the resident wants. A button's stable value ("list_activities", "signup:parent-network",
 * "signup:course", "cancel:<id>", an activity id) is taken literally; typed text goes by the understanding.
 */
export function route(text: string, parse: ParseResult | null, activityIds: ReadonlySet<string>, threshold: number): Routed {
  const value = text.trim();
  if ((INTENTS as readonly string[]).includes(value)) return { intent: value as Intent, lowConfidence: false };
  const [head, arg] = value.split(':');
  if (arg && (head === 'signup' || head === 'activity_info')) {
    if (activityIds.has(arg)) return { intent: head, activityId: arg, lowConfidence: false };
    if (isSignupCategory(arg)) return { intent: head, category: arg, lowConfidence: false };
  }
  if (head === 'cancel' && arg) return { intent: 'cancel_registration', registrationId: arg, lowConfidence: false };
  if (activityIds.has(value)) return { intent: 'activity_info', activityId: value, lowConfidence: false };
  if (!parse) return { intent: 'out_of_scope', lowConfidence: true };
  const e = parse.entities;
  return {
    intent: parse.intent,
    activityId: e.activity,
    category: e.category,
    language: e.language,
    lowConfidence: parse.intent !== 'emergency' && parse.confidence < threshold,
  };
}

/** The activity a choice's stable value is about ("signup:parent-network", "parent-network"), if any. */
function activityOfValue(value: string, activityIds: ReadonlySet<string>): string | undefined {
  const id = value.replace(/^(signup|activity_info):/, '');
  return activityIds.has(id) ? id : undefined;
}

/**
 * A menu's options as answers can name them: an activity by any word of its title in any language;
 * a step ("Sign up", "See activities", "Talk to a person") only by its whole title, its number or
 * its position, so "aktiviteter for børn" or "bade sajel ibni" is read for all it says.
 */
function menuOptions(choices: readonly Choice[], titles: ReadonlyMap<string, string[]>): Option[] {
  return choices.map((c) => (titles.has(c.value) ? { ...c, names: titles.get(c.value) } : { ...c, wholeTitleOnly: true }));
}

/**
 * An answer to the bot's own menu, the way people pick from a list: "2", "nummer 2", "٢", "den
 * første", "the last one", "التاني", a title or a part of it in any language ("det med job", "den
 * med sundhed"). A question or a "but" is not a pick (choices.ts): it is answered as new. Words that
 * fit a few activities of the menu equally ("the workshop one") are those few, answered side by side.
 */
export function pickFromOffered(ctx: TurnContext, activities: readonly Activity[], threshold: number, i18n: I18n): Routed | undefined {
  const words = choiceWords(i18n);
  const { parse } = turnInfo(ctx);
  const choices = offered(ctx);
  if (!choices.length || parse?.intent === 'emergency') return undefined;
  const ids = new Set(activities.map((a) => a.id));
  const titles = new Map(activities.map((a) => [a.id, Object.values(a.texts).map((x) => x.title)]));
  const match = matchChoice(ctx.activity.text ?? '', menuOptions(choices, titles), { number: parse?.entities.number, words, menu: true });
  if (!match) return undefined;
  if ('ambiguous' in match) {
    const few = [...new Set(match.ambiguous.map((o) => activityOfValue(o.value, ids)))];
    if (few.some((id) => id === undefined) || few.length > GROUP_FOCUS) return undefined;
    return { intent: 'activity_info', focusIds: few as string[], lowConfidence: false, picked: true };
  }
  const routed = route(match.picked.value, null, ids, threshold);
  // "بدي سجل بنتي بشبكة الاهالي" after a list names one of it and asks to sign up for it.
  if (routed.intent === 'activity_info' && routed.activityId && saysSignup(ctx.activity.text ?? '', i18n)) return { ...routed, intent: 'signup', picked: true };
  // A choice this router cannot act on (another feature's yes/no) is left to the understanding.
  return routed.intent === 'out_of_scope' ? undefined : { ...routed, picked: true };
}

/**
 * "ja", "نعم", "yes please" to "Would you like a staff member to answer you?" (an answer that
 * offered a person first): the offer is taken, not thanked for.
 */
export function acceptsOffer(ctx: TurnContext, services: Pick<SignupServices, 'i18n'>): Routed | undefined {
  const first = offered(ctx)[0];
  if (first?.value !== 'human' || lastAsked(ctx) !== 'next') return undefined;
  const text = ctx.activity.text ?? '';
  // "okay tak", "ok thanks", "تمام شكرا" close the topic; "ja tak", "yes please" take the offer.
  if (closingThanks(text, services.i18n)) return undefined;
  return yesOrNo(text, services.i18n) === 'yes' ? { intent: 'human', lowConfidence: false, picked: true } : undefined;
}

/** Intents a short follow-up may turn out to be about the activity in focus. */
const FOLLOW_UP_INTENTS: readonly Intent[] = ['activity_info', 'out_of_scope', 'smalltalk', 'list_activities', 'help'];

/** Readings of a short question after an activity that say nothing of their own. */
const SHORT_FOLLOW_UP: readonly Intent[] = ['out_of_scope', 'smalltalk'];

/** Up to four words ending in a question mark: "ok and for girls?", "و البنات؟". */
export function isShortQuestion(text: string): boolean {
  const words = text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return words.length >= 1 && words.length <= 4 && /[?؟]\s*$/u.test(text);
}

/** A few activities offered together are in focus as a group ("when and where?" about each). */
const GROUP_FOCUS = 5;

/**
 * What follow-ups are about: the activities the bot's last message offered, when they are a few
 * (a recommendation, an activity's card), else the activity shown last (within FOCUS_MINUTES).
 */
export function activitiesInFocus(ctx: TurnContext, activityIds: ReadonlySet<string>, now: Date): string[] {
  const fromChoices = [...new Set(offered(ctx).map((c) => c.value.replace(/^(signup|activity_info):/, '')).filter((v) => activityIds.has(v)))];
  if (fromChoices.length >= 1 && fromChoices.length <= GROUP_FOCUS) return fromChoices;
  const single = focusOf(ctx, now)?.activityId;
  return single && activityIds.has(single) ? [single] : [];
}

/**
 * Follow-ups are about the activity in focus: "hvornår og hvor?", "is it free?", "و وين؟" ask
 * about it; "tilmeld" alone signs up for it. A message naming something else changes the topic.
 * With a few activities in focus, a question is answered for each.
 */
export function withFocus(r: Routed, focus: readonly string[], facets: Facet[], shortQuestion = false): Routed {
  if (!focus.length || r.activityId || r.category || r.picked || r.intent === 'emergency') return r;
  // "og så?", "ok and for girls?", "و هاد؟": a short question the model cannot place, right after
  // an activity was shown, is about that activity (its card answers most of them).
  if (!facets.length && shortQuestion && focus.length === 1 && (r.lowConfidence || SHORT_FOLLOW_UP.includes(r.intent))) {
    return { intent: 'activity_info', activityId: focus[0], lowConfidence: false };
  }
  if (focus.length > 1) {
    const asks = (facets.length && (FOLLOW_UP_INTENTS.includes(r.intent) || r.intent === 'signup')) || (r.intent === 'activity_info' && !r.lowConfidence);
    return asks ? { intent: 'activity_info', focusIds: [...focus], lowConfidence: false, facets } : r;
  }
  const focusId = focus[0];
  // A question about it ("kan min ven komme med?" reads like a sign-up) is answered before anything is begun.
  if (facets.length && (FOLLOW_UP_INTENTS.includes(r.intent) || r.intent === 'signup')) return { intent: 'activity_info', activityId: focusId, lowConfidence: false, facets, followUp: true };
  if (r.intent === 'signup' && !r.lowConfidence) return { ...r, activityId: focusId };
  if (r.intent === 'activity_info' && !r.lowConfidence) return { ...r, activityId: focusId, facets, followUp: facets.length > 0 };
  return r;
}

/** "is the parents' network free?": a question naming its activity asks what a follow-up would. */
export function withAskedFacets(r: Routed, facets: Facet[]): Routed {
  if (r.picked || r.facets || !facets.length || r.intent !== 'activity_info' || !r.activityId) return r;
  return { ...r, facets };
}

/**
 * "kan min mand også komme?", "متى بتبلش؟" during a sign-up name nothing: they are about the
 * activity being signed up for, not a request for the whole catalogue.
 */
export function aboutTheFlow(r: Routed, activityId: string | undefined, facets: Facet[]): Routed {
  if (!activityId || r.intent !== 'activity_info' || r.activityId || r.category) return r;
  const asked = r.facets ?? facets;
  return { ...r, activityId, facets: asked, followUp: asked.length > 0 };
}

/** How sure the understanding must be that a message inside a flow asks for a person. */
const HUMAN_IN_FLOW = 0.75;

/** Requests that may interrupt a flow when the message is not an answer to its question. */
const INTERRUPTING: readonly Intent[] = ['help', 'human', 'change_language', 'privacy', 'list_activities', 'activity_info', 'my_registrations'];

export class MainDialog extends ComponentDialog {
  static readonly id = 'main';

  private readonly threshold: number;

  constructor(private readonly services: SignupServices) {
    super(MainDialog.id);
    this.threshold = services.threshold;
    this.addDialog(new WaterfallDialog('route', [this.routeStep.bind(this)]));
    this.addDialog(new LanguageDialog(services));
    this.addDialog(new ParentNetworkDialog(services));
    this.addDialog(new PocketMoneyJobDialog(services));
    this.addDialog(new CourseDialog(services));
    this.addDialog(new CancelRegistrationDialog(services));
    this.addDialog(new GuardianCodeDialog(services));
    this.addDialog(new SafetyCheckDialog());
    this.addDialog(new PrivacyRightsDialog(services));
    this.initialDialogId = 'route';
  }

  protected override async onContinueDialog(inner: DialogContext): Promise<DialogTurnResult> {
    const interruption = await this.interrupt(inner);
    return interruption ?? super.onContinueDialog(inner);
  }

  private async interrupt(inner: DialogContext): Promise<DialogTurnResult | undefined> {
    const ctx = inner.context;
    const { parse, t } = turnInfo(ctx);
    if (!parse) return undefined;
    const text = (ctx.activity.text ?? '').trim().toLowerCase();
    const stopWords = this.services.i18n.languages.flatMap((l) => this.services.i18n.list(l, 'common:stopWords'));
    if (stopWords.includes(text)) {
      await inner.cancelAllDialogs();
      await say(ctx, t('common:stopped'), { prompt: 'menu', choices: menuChoices(ctx) });
      return { status: DialogTurnStatus.complete };
    }
    // Safety (safety-check.ts): an answer to the bot's own question ("mig selv", a name, a year)
    // raises an alarm only on strong evidence, and never the gentle check.
    const answers = this.answersActivePrompt(inner);
    const isEmergency = parse.intent === 'emergency' && (!answers || parse.safety?.strong === true);
    if (!isEmergency) {
      const checked = await continueSafetyCheck(inner, this.services);
      if (checked) return checked;
      if (parse.safety?.tier === 'doubtful' && !answers) return beginSafetyCheck(inner);
    }
    if (!isEmergency && !answers) {
      const switched = (await this.switchFlow(inner)) ?? (await this.correctFlow(inner));
      if (switched) return switched;
    }
    if (!isEmergency && !answers && (parse.confidence < this.threshold || !INTERRUPTING.includes(parse.intent))) {
      return this.answerAboutFlow(inner);
    }
    if (!isEmergency && answers) return undefined;
    // Inside a flow a person is fetched only when asked for plainly: a short answer the model
    // half-reads as "a person" ("اول واحد" at the consent question) is not a request.
    if (parse.intent === 'human' && parse.confidence < HUMAN_IN_FLOW) return undefined;
    const routed = aboutTheFlow(route(ctx.activity.text ?? '', parse, new Set(), this.threshold), flowDraft(inner)?.activityId, facetsOf(ctx.activity.text ?? '', this.services.i18n));
    if (routed.intent === 'change_language' && !routed.language) {
      // The language question goes on top of the flow; the flow's question comes back after it.
      await inner.beginDialog(LanguageDialog.id);
      return { status: DialogTurnStatus.waiting };
    }
    if (routed.intent === 'privacy' && privacyRequest(ctx.activity.text ?? '', this.services.i18n) === 'erase') {
      // Erasing everything ends the sign-up too: its draft is personal data.
      await inner.cancelAllDialogs();
      return inner.beginDialog(PrivacyRightsDialog.id);
    }
    await this.answer(ctx, routed, inner);
    if (handoffOpenedThisTurn(ctx)) {
      // A person takes over: the flow stops here.
      await inner.cancelAllDialogs();
      return { status: DialogTurnStatus.complete };
    }
    if (inner.activeDialog) await inner.repromptDialog();
    return { status: DialogTurnStatus.waiting };
  }

  /**
   * "actually the pocket money job for my son" while a course is being chosen: a message that asks
   * for another sign-up, or names one at the "which activity?" question, starts that sign-up
   * instead, keeping who it is for and the age already given.
   */
  private async switchFlow(inner: DialogContext): Promise<DialogTurnResult | undefined> {
    const ctx = inner.context;
    const { parse } = turnInfo(ctx);
    const active = inner.activeDialog?.id;
    if (!parse || !active || !SIGNUP_FLOW_IDS.includes(active)) return undefined;
    const e = parse.entities;
    if (!e.category && !e.activity) return undefined;
    const asksSignup = (parse.intent === 'signup' && parse.confidence >= this.threshold) || saysSignup(ctx.activity.text ?? '', this.services.i18n);
    if (!asksSignup && promptSlot(inner) !== 'activity') return undefined;
    const ids = new Set((await this.services.catalogue.all()).map((a) => a.id));
    const routed = route(ctx.activity.text ?? '', parse, ids, this.threshold);
    const flow = await this.flowFor(ctx, { ...routed, intent: 'signup', lowConfidence: false });
    if (!flow || (flow.id === active && !flow.draft.activityId)) return undefined;
    const before = flowDraft(inner);
    const draft: Draft = { participant: before?.participant, birthYear: before?.birthYear, ...stripUndefined(flow.draft) };
    await inner.cancelAllDialogs();
    return inner.beginDialog(flow.id, stripUndefined(draft));
  }

  /**
   * "nej det er til min datter", "sorry wrong day", "hun er 14 ikke 13" in the middle of a form: no
   * answer to the question, but a correction of an earlier one. The draft is corrected and the form
   * goes on from the first question still open; nothing else of it is lost.
   */
  private async correctFlow(inner: DialogContext): Promise<DialogTurnResult | undefined> {
    const ctx = inner.context;
    const active = inner.activeDialog?.id;
    const draft = flowDraft(inner);
    if (!active || !SIGNUP_FLOW_IDS.includes(active) || !draft) return undefined;
    const flow = this.findDialog(active);
    if (!(flow instanceof SignupFlow)) return undefined;
    const fixed = await flow.corrected(ctx, draft, promptSlot(inner) as Slot | undefined);
    if (!fixed) return undefined;
    await say(ctx, turnInfo(ctx).t('signup:corrected'));
    await inner.cancelAllDialogs();
    return inner.beginDialog(active, fixed);
  }

  /**
   * "hvor ligger det?", "is it free?", "متى بتبلش؟" in the middle of a form, which the model cannot
   * place: a question about the activity being signed up for. Answered, then the form's question
   * is asked again; nothing of the form is lost or filled with it.
   */
  private async answerAboutFlow(inner: DialogContext): Promise<DialogTurnResult | undefined> {
    const ctx = inner.context;
    const text = ctx.activity.text ?? '';
    const facets = facetsOf(text, this.services.i18n);
    const activityId = flowDraft(inner)?.activityId;
    if (!activityId || (!facets.length && !/[?؟]\s*$/u.test(text))) return undefined;
    await this.answer(ctx, { intent: 'activity_info', activityId, facets, lowConfidence: false, followUp: facets.length > 0 }, inner);
    if (handoffOpenedThisTurn(ctx)) {
      await inner.cancelAllDialogs();
      return { status: DialogTurnStatus.complete };
    }
    if (inner.activeDialog) await inner.repromptDialog();
    return { status: DialogTurnStatus.waiting };
  }

  /** Does the text answer the question the innermost prompt asked? */
  private answersActivePrompt(inner: DialogContext): boolean {
    let dc: DialogContext = inner;
    while (dc.child) dc = dc.child;
    const active = dc.activeDialog;
    if (!active || active.id !== ASK_PROMPT) return dc.activeDialog?.id === 'languagePrompt';
    const saved = active.state as { options?: { validations?: Ask }; state?: { narrow?: string[] } };
    const ask = saved.options?.validations;
    // An answer that could mean two of the options is still an answer (the prompt asks which).
    return ask !== undefined && fitsAsk(inner.context, ask, this.services, saved.state?.narrow);
  }

  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const ctx = step.context;
    const info = turnInfo(ctx);
    const text = ctx.activity.text ?? '';
    const activities = await this.services.catalogue.all();
    const ids = new Set(activities.map((a) => a.id));
    const now = this.services.now();
    // A parent writing the code their child was given (dialogs/guardian-code.ts).
    const guardian = await beginGuardianCode(step, ctx, this.services);
    if (guardian) return guardian;
    // "ok what now" after an answer that offered next steps: those steps again, not a fact about "now".
    if (lastAsked(ctx) === 'next' && offered(ctx).length && info.parse?.intent !== 'emergency' && asksWhatNext(text, this.services.i18n)) {
      await say(ctx, info.t('common:nextSteps'), { prompt: 'next', choices: offered(ctx) });
      return step.endDialog();
    }
    const picked = pickFromOffered(ctx, activities, this.threshold, this.services.i18n) ?? acceptsOffer(ctx, this.services);
    // "nej", "ingen af dem" after "did you mean …?": other words and a person, not the same question again.
    if (!picked && clarifyingAbout(ctx) !== undefined && info.parse?.intent !== 'emergency' && rejectsMeanings(text, this.services)) {
      await askToRephrase(ctx);
      return step.endDialog();
    }
    // "more", "andre ting?", "كمان" after an answer or a menu: the activities not shown yet.
    if (!picked && info.parse?.intent !== 'emergency' && asksForMore(text, this.services.i18n) && (offered(ctx).length || focusOf(ctx, now))) {
      const focusId = focusOf(ctx, now)?.activityId;
      const shown = [...offered(ctx).flatMap((c) => activityOfValue(c.value, ids) ?? []), ...(focusId ? [focusId] : [])];
      countMiss(ctx, false);
      await sendOtherActivities(ctx, this.services, shown, focusId);
      return step.endDialog();
    }
    // "nej tak det var det", "that's all", "خلاص مش هلق": the topic is closed, kindly. Without a
    // question of the bot's before it, "خلاص" may still mean cancelling a sign-up.
    if (!picked && info.parse?.intent !== 'emergency' && closesTopic(text, this.services.i18n) && yesOrNo(text, this.services.i18n) !== 'yes' &&
      (lastAsked(ctx) !== undefined || info.parse?.intent !== 'cancel_registration')) {
      countMiss(ctx, false);
      await say(ctx, info.t('common:ack.closing'));
      return step.endDialog();
    }
    const facets = facetsOf(text, this.services.i18n);
    const joinable = new Set(activities.filter((a) => a.signupMode !== 'contact').map((a) => a.id));
    const signupVerb = saysSignup(text, this.services.i18n);
    const understood = asksBeforeSigningUp(
      withSignupWords(route(text, info.parse, ids, this.threshold), text, signupVerb, facets, joinable),
      isQuestion(text, this.services.i18n) && !signupVerb,
    );
    const routed = withAskedFacets(
      withFocus(picked ?? afterSignupQuestion(understood, offered(ctx)), activitiesInFocus(ctx, ids, now), facets, isShortQuestion(text)),
      facets,
    );
    await observeRouted(ctx, this.services);
    if (routed.intent !== 'emergency' && info.parse?.safety?.tier === 'doubtful') return beginSafetyCheck(step);
    // "hej, hvornår …" on first contact: a short welcome, then the answer. A resident welcomed in
    // another language before they wrote ("مرحبا" after the Danish welcome) is welcomed in theirs.
    const owed = welcomeOwed(ctx, info.lang);
    const welcomeFirst = (info.greeted && info.resident.isNew) || (owed && routed.intent !== 'greet' && routed.intent !== 'change_language');
    if (welcomeFirst && routed.intent !== 'emergency') await say(ctx, info.t('common:welcome.short'));
    if (owed && routed.intent === 'greet') {
      await sendWelcome(ctx, await staffReachable(this.services));
      return step.endDialog();
    }
    // "min dreng vil skifte skole" reads as a sign-up: the school (knowledge.ts) answers it better.
    if (await answerBeforeFlow(ctx, this.services, routed)) return step.endDialog();
    // "for my 10-year-old", "I am 45 and need a job": offers by who is asking (recommend.ts).
    if (await sendRecommendation(ctx, this.services, meetingOthers(routed, info.parse))) return step.endDialog();
    const flow = await this.flowFor(ctx, routed);
    if (flow) return step.beginDialog(flow.id, flow.draft);
    if (routed.intent === 'change_language' && !routed.language) return step.beginDialog(LanguageDialog.id);
    if (routed.intent === 'cancel_registration' && !routed.lowConfidence) {
      return step.beginDialog(CancelRegistrationDialog.id, { registrationId: routed.registrationId });
    }
    if (routed.intent === 'privacy' && !routed.lowConfidence && privacyRequest(text, this.services.i18n) === 'erase') {
      return step.beginDialog(PrivacyRightsDialog.id);
    }
    await this.answer(ctx, routed, step);
    return step.endDialog();
  }

  /** A sign-up that can start now, with what the first message already told us. */
  private async flowFor(ctx: TurnContext, r: Routed): Promise<{ id: string; draft: Draft } | undefined> {
    if (r.intent !== 'signup' || r.lowConfidence) return undefined;
    const draft = draftFromMessage(turnInfo(ctx).parse?.entities ?? {}, this.services.now());
    if (r.activityId) {
      const activity = await this.services.catalogue.byId(r.activityId);
      // "a course" may name a course staff arrange by hand; the category still has ones to join here.
      if ((!activity || activity.signupMode === 'contact') && r.category) return { id: flowForCategory(r.category), draft };
      if (!activity || activity.signupMode === 'contact') return undefined;
      setFocus(ctx, activity, this.services.now());
      draft.activityId = activity.id;
      return { id: flowForCategory(signupCategoryOf(activity.category)), draft };
    }
    if (r.category) {
      const id = flowForCategory(r.category);
      // "det åbne værksted": the kind is known, and the words name one of its activities.
      // "det med værkstedet" with two workshops: the question is which of those two.
      const named = await this.namedIn(ctx, FLOW_CATEGORIES[id] ?? []);
      if (named.length === 1) draft.activityId = named[0];
      else if (named.length) draft.among = named;
      return { id, draft };
    }
    return undefined;
  }

  /** The activity of these kinds the message names by its title's own words, or the few its words fit. */
  private async namedIn(ctx: TurnContext, categories: readonly Category[]): Promise<string[]> {
    const list = (await this.services.catalogue.all()).filter((a) => categories.includes(a.category) && a.signupMode !== 'contact');
    const options = list.map((a) => ({ value: a.id, title: a.texts[turnInfo(ctx).lang]?.title ?? a.id, names: Object.values(a.texts).map((x) => x.title) }));
    const { i18n } = this.services;
    const kinds = i18n.languages.flatMap((l) => categories.filter(isSignupCategory).map((c) => i18n.t(l, `signup:category.${c}`)));
    const text = ctx.activity.text ?? '';
    const one = matchTitle(text, options, choiceWords(i18n), kinds);
    return one ? [one.value] : matchTitles(text, options, choiceWords(i18n), kinds).map((o) => o.value);
  }

  private async answer(ctx: TurnContext, routed: Routed, dc: DialogContext): Promise<void> {
    const { t, resident } = turnInfo(ctx);
    const s = this.services;
    const text = ctx.activity.text ?? '';
    const r = smallTalkOnlyWhenSaid(routed, onlySmallTalk(text, s.i18n));
    if (r.intent !== 'emergency' && !r.picked) {
      // "tak", "ok", 👍: a short line, whatever the model made of it.
      const ack = acknowledgement(text, s.i18n);
      if (ack) {
        countMiss(ctx, false);
        return say(ctx, t(`common:ack.${ack}`));
      }
      // "2012", "1" with no menu to pick from: not thanks, not understood.
      if (isBareNumber(text)) return askWhatWasMeant(ctx, s, { outOfScope: false, number: text.trim() });
      // "what's your phone number?" right after a card asks how to reach the programme: the
      // practical fact (or an honest "not known yet") answers it, not the activity in focus.
      if (r.followUp && r.facets?.includes('contact') && (await answerFromKnowledge(ctx, s, { intent: 'human', lowConfidence: false }))) return;
      // Beyond the catalogue: the plan, practical facts, where to go instead (knowledge.ts).
      if (await answerFromKnowledge(ctx, s, r)) return;
      const settled = namedSettles(r, saysSignup(text, s.i18n));
      if (settled !== r) return this.answer(ctx, settled, dc);
      // "we just moved here, 2 kids 5 and 9", "ابني عمره ١٥ وقاعد بالبيت": unsure what is asked, but
      // who is asking is said: what fits them, rather than "did you mean …?" — also when the model is
      // sure the message is off-topic ("vi er lige flyttet hertil og har 3 børn").
      if ((r.lowConfidence || r.intent === 'out_of_scope') && !r.activityId && (await sendRecommendation(ctx, s, { intent: 'list_activities', category: r.category, lowConfidence: false }))) return;
      if (r.lowConfidence || r.intent === 'out_of_scope') return askWhatWasMeant(ctx, s, { outOfScope: !r.lowConfidence });
    }
    countMiss(ctx, false);
    switch (r.intent) {
      case 'greet':
        if (resident.isNew) await sendWelcome(ctx, await staffReachable(s));
        else await say(ctx, t('common:greet'), { prompt: 'menu', choices: menuChoices(ctx) });
        return;
      case 'help':
        return sendHelp(ctx);
      case 'list_activities':
        return sendActivityList(ctx, s);
      case 'activity_info': {
        const all = await s.catalogue.all();
        const matches = r.activityId ? all.filter((a) => a.id === r.activityId) : r.category ? all.filter((a) => a.category === r.category) : [];
        if (matches.length === 1 && r.followUp && r.facets?.length) return sendFollowUp(ctx, s, matches[0], r.facets);
        if (matches.length === 1) return sendActivityInfo(ctx, s, matches[0], r.facets);
        if (!matches.length && r.focusIds?.length) return sendActivitiesBrief(ctx, s, all.filter((a) => r.focusIds!.includes(a.id)), r.facets);
        // "hvornår er kurset?" with three courses: when (where, …) for each, rather than "which one?".
        const asked = r.facets ?? facetsOf(text, s.i18n);
        if (matches.length > 1 && matches.length <= GROUP_FOCUS && asked.length) return sendActivitiesBrief(ctx, s, matches, asked);
        if (matches.length > 1) return askWhichActivity(ctx, s, matches);
        return sendActivityList(ctx, s);
      }
      case 'signup': {
        // Reaching here: no flow could start (nothing named, or an activity staff arrange).
        const activity = r.activityId ? await s.catalogue.byId(r.activityId) : undefined;
        if (activity) return startHandoff(ctx, s, { trigger: 'staff_decision', activityId: activity.id });
        return say(ctx, t('signup:askCategory'), {
          prompt: 'category',
          choices: SIGNUP_CATEGORIES.map((c) => ({ value: `signup:${c}`, title: t(`signup:category.${c}`) })),
        });
      }
      case 'my_registrations':
      case 'cancel_registration':
        return sendMyRegistrations(ctx, s);
      case 'human':
        return startHandoff(ctx, s, { trigger: 'asked' });
      case 'change_language':
        if (r.language && s.i18n.languages.includes(r.language)) return setLanguage(ctx, s, r.language);
        await dc.beginDialog(LanguageDialog.id);
        return;
      case 'privacy':
        return answerPrivacy(ctx, s);
      case 'emergency':
        // The numbers first; a person is told in addition.
        await say(ctx, t('safety:emergency'));
        return startHandoff(ctx, s, { trigger: 'emergency' });
      case 'smalltalk':
        return say(ctx, t('common:ack.chat'), { prompt: 'menu', choices: menuChoices(ctx) });
    }
  }
}
