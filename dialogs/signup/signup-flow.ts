// The shared engine of the sign-up flows. Each flow names its questions in order; the engine
// asks the first one not yet answered, stores the answer in the draft and loops, so answers
// given up front (a birth year in the first message) are never asked again, and "change the
// phone number" from the summary simply clears that answer.
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from '../sdk';
import type { TurnContext } from 'botbuilder';
import { textFor, seatsLeft, seriesRuns, upcomingSessions, type Activity, type SeriesRun } from '../../src/domain/catalogue';
import { joinableThrough, type SignupCategory } from '../../src/domain/categories';
import { alternativesForAge, bestForAge, checkAge, isPlausibleBirthYear } from '../../src/domain/eligibility';
import { asksGuardianContact, guardianRole } from '../../src/domain/guardian';
import type { RegistrationView } from '../../src/domain/registrations';
import { AskPrompt, ASK_PROMPT, askOptions, EXTRAS_ONLY, recogniseAnswer, recogniseName, type Ask, type ChoiceSpec, type LocalText } from '../ask-prompt';
import { afterCorrection, introducedName, isImplausibleName } from '../answer-words';
import { say } from '../reply';
import { turnInfo } from '../turn';
import { CHANGEABLE, type Draft, type Slot } from './draft';
import type { SignupServices } from './services';
import { sendConfirmation, sendAlreadyRegistered } from './confirmation';
import { endedOffer, formatMeetings, formatWhen, sendEnded } from '../answers';
import { foldText } from '../../src/understanding';
import { periodVars, whenOver } from '../privacy-rights';

type Need = { ask: Ask } | { end: true } | { set: Partial<Draft> };

/** Questions whose answer may come with a correction of an earlier one in the same message. */
const CORRECTED_WITH_ANSWER: readonly Slot[] = ['birthYear', 'session', 'consent', 'activity'];

/** Letters, spaces and the marks names use: what a name given in passing must look like. */
function isPlainName(name: string): boolean {
  return name.length >= 2 && name.length <= 80 && /^[\p{L}\p{M}][\p{L}\p{M}'’.\- ]*$/u.test(name);
}

export abstract class SignupFlow extends ComponentDialog {
  protected abstract readonly kind: SignupCategory;
  protected abstract readonly order: Slot[];

  constructor(id: string, protected readonly services: SignupServices) {
    super(id);
    this.addDialog(new WaterfallDialog('loop', [this.askNext.bind(this), this.storeAnswer.bind(this)]));
    this.addDialog(new AskPrompt(services));
    this.initialDialogId = 'loop';
  }

  private async askNext(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = { ...(step.options as Draft) };
    // "for my son" decides who only in a flow that asks it (a course keeps the adult's own phone).
    if (!this.order.includes('participant')) delete draft.participant;
    for (let guard = 0; guard < 20; guard++) {
      const chosen = draft.activityId ? await this.services.catalogue.byId(draft.activityId) : undefined;
      if (chosen && endedOffer(this.services, chosen)) {
        await sendEnded(step.context, this.services, chosen);
        return step.endDialog();
      }
      const slot = await this.firstOpenSlot(step.context, draft);
      if (!slot) return this.save(step, draft);
      const need = await this.need(step.context, slot, draft);
      if ('set' in need) {
        Object.assign(draft, need.set);
        continue;
      }
      if ('end' in need) return step.endDialog();
      Object.assign(step.values, { slot, draft });
      return step.prompt(ASK_PROMPT, askOptions(need.ask));
    }
    throw new Error('sign-up flow did not settle');
  }

  private async storeAnswer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { draft, slot } = step.values as { draft: Draft; slot: Slot };
    const answer = step.result as string | number;
    const typed = String(answer) !== (step.context.activity.text ?? '').trim();
    if ((slot === 'confirm' || slot === 'consent') && typed && (answer === 'no' || String(answer).startsWith('change:'))) {
      // "nej, det er til min datter", "لا الاسم غلط، اسمي ليلى حسن": an earlier answer is corrected; nothing is refused or cancelled.
      const fixed = await this.corrected(step.context, draft, slot);
      if (fixed) {
        await say(step.context, turnInfo(step.context).t('signup:corrected'));
        return step.replaceDialog('loop', fixed);
      }
    }
    if (slot === 'confirm' && typeof answer === 'string' && answer.startsWith('change:')) {
      for (const key of CHANGEABLE[answer.slice('change:'.length)] ?? []) delete draft[key];
    } else if (slot === 'confirm' && answer === 'no') {
      await say(step.context, turnInfo(step.context).t('signup:cancelledBeforeSaving'));
      return step.endDialog();
    } else {
      const next = answer === EXTRAS_ONLY ? undefined : await this.apply(step.context, slot, answer, draft);
      if (next === 'end') return step.endDialog();
      // A tapped button's value ("…-2026-12-10") holds digits that are no phone or year.
      if (typed) this.takeExtras(step.context, slot, draft);
      // "nej vent, det er til min søn. han er 14" to the birth-year question: who it is for changes too.
      const fixed = typed && CORRECTED_WITH_ANSWER.includes(slot) ? await this.corrected(step.context, draft, slot) : undefined;
      if (fixed) return step.replaceDialog('loop', fixed);
    }
    return step.replaceDialog('loop', draft);
  }

  /**
   * What the same message said besides the answer: "Leila Mansour 31570246" gives the phone with
   * the name, "han er 13" the age with who it is for. Only slots this flow asks and that are open.
   */
  private takeExtras(ctx: TurnContext, slot: Slot, d: Draft): void {
    const e = turnInfo(ctx).parse?.entities ?? {};
    if (e.phone && slot !== 'phone' && slot !== 'guardianPhone' && slot !== 'confirm') {
      // The phone goes with the person whose name was asked; a parent signing up a child gives their own.
      const guardian = slot === 'guardianName' || d.participant === 'child';
      if (guardian && this.order.includes('guardianPhone') && !d.guardianPhone) d.guardianPhone = e.phone;
      else if (!guardian && this.order.includes('phone') && !d.phone) d.phone = e.phone;
    }
    if (slot !== 'birthYear' && this.order.includes('birthYear') && d.birthYear === undefined) {
      // "my son, 13", "لبنتي ١٣": a small number beside who it is for is the age.
      const age = e.age ?? (slot === 'participant' ? bareAge(ctx.activity.text ?? '') : undefined);
      const year = e.birthYear ?? (age !== undefined ? this.services.now().getFullYear() - age : undefined);
      if (year !== undefined && isPlausibleBirthYear(year, this.services.now())) d.birthYear = year;
    }
  }

  /**
   * What a message corrects in a draft: who the sign-up is for ("nej det er til min datter"), the
   * age ("hun er 14, ikke 13"), a name given with its introduction ("nej, jeg hedder Leila Hassan"),
   * the phone at the summary, the day ("sorry wrong day, the second one"). The corrected draft, or
   * undefined when the message corrects nothing. Answers that depended on what changed are cleared,
   * so the form asks them again.
   */
  async corrected(ctx: TurnContext, draft: Draft, slot: Slot | undefined): Promise<Draft | undefined> {
    const d: Draft = { ...draft };
    const s = this.services;
    const e = turnInfo(ctx).parse?.entities ?? {};
    const text = ctx.activity.text ?? '';
    // "kan min lillebror også komme med?" asks; a correction says.
    if (/[?؟]/u.test(text)) return undefined;
    const now = s.now();
    const said = e.birthYear ?? (e.age !== undefined ? now.getFullYear() - e.age : undefined);
    const year = said !== undefined && isPlausibleBirthYear(said, now) ? said : undefined;
    let changed = false;
    if (this.order.includes('participant') && e.who && d.participant && e.who !== d.participant && slot !== 'participant') {
      // Another person: the year and the names given were the other one's.
      d.participant = e.who;
      if (year !== undefined) d.birthYear = year;
      else delete d.birthYear;
      for (const key of ['participantName', 'phone', 'guardianName', 'guardianPhone', 'pendingName'] as const) delete d[key];
      changed = true;
    } else if (this.order.includes('birthYear') && year !== undefined && d.birthYear !== undefined && year !== d.birthYear && !['birthYear', 'phone', 'guardianPhone'].includes(slot ?? '')) {
      d.birthYear = year;
      changed = true;
    }
    if (!changed && slot !== 'name' && slot !== 'guardianName' && (d.participantName || d.guardianName)) {
      const named = introducedName(text, s.i18n);
      if (named?.whose && isPlainName(named.name) && !isImplausibleName(named.name, s.i18n)) {
        d[this.nameKey('name', named.whose, d)] = named.name;
        delete d.pendingName;
        changed = true;
      }
    }
    if (slot === 'confirm' && e.phone) {
      // The one number the summary shows, when it shows one.
      if (d.phone && !d.guardianPhone) d.phone = e.phone;
      else if (d.guardianPhone && !d.phone) d.guardianPhone = e.phone;
      changed ||= d.phone === e.phone || d.guardianPhone === e.phone;
    }
    const meant = afterCorrection(text, s.i18n);
    if (d.sessionId && slot !== 'session' && meant !== undefined) {
      const need = await this.need(ctx, 'session', { ...d, sessionId: undefined });
      const picked = 'ask' in need && meant ? recogniseAnswer(ctx, need.ask, s, undefined, meant) : undefined;
      const value = picked && 'value' in picked ? String(picked.value) : undefined;
      // The same day again is no pick: the day is asked again.
      if (value && value !== d.sessionId) d.sessionId = value;
      else delete d.sessionId;
      changed = true;
    }
    if (!changed) return undefined;
    delete d.confirmed;
    return d;
  }

  /** The first slot of this flow's order that still needs something. */
  private async firstOpenSlot(ctx: TurnContext, d: Draft): Promise<Slot | undefined> {
    const activity = d.activityId ? await this.services.catalogue.byId(d.activityId) : undefined;
    const guardianNeeded = this.guardianNeeded(activity, d);
    const open: Record<Slot, boolean> = {
      activity: !activity,
      participant: d.participant === undefined,
      birthYear: d.birthYear === undefined,
      eligibility: activity !== undefined && d.birthYear !== undefined && !checkAge(activity, d.birthYear, this.services.now()).ok,
      session: d.sessionId === undefined,
      consent: !d.consent && !turnInfo(ctx).resident.consentAt,
      name: !d.participantName,
      phone: !d.phone && d.participant !== 'child',
      guardianName: guardianNeeded && !d.guardianName,
      guardianPhone: guardianNeeded && !d.guardianPhone,
      confirm: !d.confirmed,
    };
    return this.order.find((s) => open[s]);
  }

  protected async candidates(): Promise<Activity[]> {
    return (await this.services.catalogue.all()).filter((a) => joinableThrough(this.kind, a) && !endedOffer(this.services, a));
  }

  private titles(a: Activity): Record<string, string> {
    return Object.fromEntries(Object.entries(a.texts).map(([l, t]) => [l, t.title]));
  }

  private async need(ctx: TurnContext, slot: Slot, d: Draft): Promise<Need> {
    const s = this.services;
    const now = s.now();
    const retry = { key: `signup:retry.${slot}` };
    switch (slot) {
      case 'activity': {
        const all = await this.candidates();
        const named = all.filter((a) => d.among?.includes(a.id));
        const list = named.length ? named : all;
        const fit = bestForAge(list, d.birthYear ?? null, now);
        if (list.length === 1 || fit) return { set: { activityId: (fit ?? list[0]).id } };
        if (!list.length) {
          await say(ctx, turnInfo(ctx).t('signup:nothingToJoin'));
          return { end: true };
        }
        const choices = list.map((a) => ({ value: a.id, title: { byLang: this.titles(a) }, names: Object.values(a.texts).map((t) => t.schedule) }));
        if (!named.length) return { ask: { slot, kind: 'choice', text: { key: 'signup:ask.activity' }, retry, choices } };
        // The words named a few: which of those, their titles in the question itself.
        const { i18n } = this.services;
        const text = { byLang: Object.fromEntries(i18n.languages.map((l) => [l, i18n.t(l, 'signup:ask.activityAmong', { titles: list.map((a) => `• ${textFor(a, l, i18n.fallback).title}`).join('\n') })])) };
        return { ask: { slot, kind: 'choice', text, retry, choices } };
      }
      case 'participant':
        return {
          ask: {
            slot, kind: 'choice', text: { key: 'signup:ask.participant' }, retry,
            choices: [
              { value: 'self', title: { key: 'signup:participant.self' } },
              { value: 'child', title: { key: 'signup:participant.child' } },
            ],
          },
        };
      case 'birthYear':
        return { ask: { slot, kind: 'birthYear', text: { key: d.participant === 'child' ? 'signup:ask.birthYearChild' : 'signup:ask.birthYear' }, retry } };
      case 'eligibility':
        await this.explainIneligible(ctx, d);
        return { end: true };
      case 'session':
        return this.needSession(ctx, d);
      case 'consent':
        return { ask: { slot, kind: 'yesno', text: await this.consentText(d), retry } };
      case 'name':
        if (d.pendingName?.slot === slot) return { ask: surnameAsk(slot, d.pendingName, d) };
        return { ask: { slot, kind: 'name', text: { key: d.participant === 'child' ? 'signup:ask.nameChild' : 'signup:ask.name' }, retry } };
      case 'phone':
        return { ask: { slot, kind: 'phone', text: { key: 'signup:ask.phone' }, retry } };
      case 'guardianName':
        if (d.pendingName?.slot === slot) return { ask: surnameAsk(slot, d.pendingName, d) };
        return { ask: { slot, kind: 'name', text: { key: d.participant === 'child' ? 'signup:ask.parentName' : 'signup:ask.guardianName' }, retry } };
      case 'guardianPhone':
        return { ask: { slot, kind: 'phone', text: { key: d.participant === 'child' ? 'signup:ask.parentPhone' : 'signup:ask.guardianPhone' }, retry } };
      case 'confirm':
        return { ask: await this.summary(ctx, d) };
    }
  }

  /** The guardian's contact is asked by the one guardian rule (src/domain/guardian.ts). */
  private guardianNeeded(activity: Activity | undefined, d: Draft): boolean {
    return activity !== undefined && d.participant !== undefined &&
      asksGuardianContact(guardianRole(activity, d.participant, d.birthYear ?? null, this.services.now()));
  }

  /**
   * What will be kept, named exactly for this sign-up (a parents' network membership keeps no birth
   * year; a child's sign-up keeps the parent's own name and phone), in every language, so a switch
   * of language re-asks it whole.
   */
  private async consentText(d: Draft): Promise<LocalText> {
    const activity = d.activityId ? await this.services.catalogue.byId(d.activityId) : undefined;
    const items =
      d.participant === 'child'
        ? ['childName', 'childBirthYear', 'parentContact']
        : [
            'name',
            ...(this.order.includes('birthYear') ? ['birthYear'] : []),
            'phone',
            // The same rule that decides whether the guardian questions come.
            ...(this.guardianNeeded(activity, d) ? ['guardian'] : []),
          ];
    const { i18n } = this.services;
    return {
      byLang: Object.fromEntries(
        i18n.languages.map((lang) => [
          lang,
          i18n.t(lang, 'signup:ask.consent', {
            stored: i18n.joinWords(lang, items.map((item) => i18n.t(lang, `signup:stored.${item}`))),
            // The periods the retention job keeps, as /privacy and the privacy summary state them.
            ...periodVars(this.services.retention),
            whenOver: whenOver((k, v) => i18n.t(lang, k, v), this.services.retention),
          }),
        ]),
      ),
    };
  }

  private async needSession(ctx: TurnContext, d: Draft): Promise<Need> {
    // Seats change with every sign-up, on every instance: count them afresh before offering dates.
    this.services.catalogue.invalidate();
    const activity = (await this.services.catalogue.byId(d.activityId!))!;
    if (activity.signupMode !== 'session') return { set: { sessionId: null } };
    if (activity.seriesMeetings) return this.needRun(ctx, activity);
    const sessions = upcomingSessions(activity, this.services.now(), 4);
    if (!sessions.length) {
      await say(ctx, turnInfo(ctx).t('signup:noSessions'));
      return { end: true };
    }
    // The question names the activity (the opening message may have chosen it: "my son is 13, wants
    // a job") and, for a child, asks the parent about the child, not about themselves.
    const key = d.participant === 'child' ? 'signup:ask.sessionChildFor' : 'signup:ask.sessionFor';
    const { i18n } = this.services;
    const text = { byLang: Object.fromEntries(i18n.languages.map((l) => [l, i18n.t(l, key, { title: textFor(activity, l, i18n.fallback).title })])) };
    return { ask: { slot: 'session', kind: 'choice', text, retry: { key: 'signup:retry.session' }, choices: sessionChoices(this.services, sessions) } };
  }

  /** A course of N meetings is booked whole: the resident picks when to start, and sees every date. */
  private async needRun(ctx: TurnContext, activity: Activity): Promise<Need> {
    const s = this.services;
    const runs = seriesRuns(activity, s.now(), 3);
    if (!runs.length) {
      await say(ctx, turnInfo(ctx).t('signup:noSessions'));
      return { end: true };
    }
    const text = (l: string) =>
      [
        s.i18n.t(l, 'signup:ask.series', { count: activity.seriesMeetings }),
        ...runs.map((r) => s.i18n.t(l, 'signup:seriesRun', { when: formatWhen(s, l, r.meetings[0].startsAt), dates: formatMeetings(s, l, r.meetings) })),
      ].join('\n');
    const choices = runs.map((r) => ({
      value: r.id,
      when: r.meetings[0].startsAt.toISOString(),
      title: {
        byLang: Object.fromEntries(
          s.i18n.languages.map((l) => [
            l,
            s.i18n.t(l, seatsLeft(r) > 0 ? 'signup:seriesChoice' : 'signup:seriesChoiceFull', { when: formatWhen(s, l, r.meetings[0].startsAt), count: seatsLeft(r) }),
          ]),
        ),
      },
    }));
    return {
      ask: {
        slot: 'session', kind: 'choice', text: { byLang: Object.fromEntries(s.i18n.languages.map((l) => [l, text(l)])) }, retry: { key: 'signup:retry.series' }, choices,
      },
    };
  }

  /** The run a draft picked, when the activity is a series. */
  private run(activity: Activity, d: Draft): SeriesRun | undefined {
    return activity.seriesMeetings && d.sessionId ? seriesRuns(activity, this.services.now(), Infinity).find((r) => r.id === d.sessionId) : undefined;
  }

  private async summary(ctx: TurnContext, d: Draft): Promise<Ask> {
    const { t, lang } = turnInfo(ctx);
    const s = this.services;
    const activity = (await s.catalogue.byId(d.activityId!))!;
    const run = this.run(activity, d);
    const session = run ? undefined : d.sessionId ? activity.sessions.find((x) => x.id === d.sessionId) : undefined;
    const lines = [
      t('signup:summary.intro'),
      t('signup:summary.activity', { title: textFor(activity, lang, s.i18n.fallback).title }),
      ...(session ? [t('signup:summary.session', { when: formatWhen(s, lang, session.startsAt) })] : []),
      ...(run ? [t('signup:summary.series', { dates: formatMeetings(s, lang, run.meetings) })] : []),
      t(d.participant === 'child' ? 'signup:summary.child' : 'signup:summary.name', { name: d.participantName }),
      ...(d.birthYear ? [t('signup:summary.birthYear', { year: d.birthYear })] : []),
      ...(d.phone ? [t('signup:summary.phone', { phone: d.phone })] : []),
      ...(d.guardianName ? [t(d.participant === 'child' ? 'signup:summary.parent' : 'signup:summary.guardian', { name: d.guardianName, phone: d.guardianPhone })] : []),
      ...((session && seatsLeft(session) <= 0) || (run && seatsLeft(run) <= 0) ? [t('signup:summary.waitlist')] : []),
      t('signup:summary.question'),
    ];
    const choices: ChoiceSpec[] = [
      { value: 'change:name', title: { key: 'signup:change.name' } },
      ...(d.phone ? [{ value: 'change:phone', title: { key: 'signup:change.phone' } }] : []),
      ...(d.guardianName ? [{ value: 'change:guardian', title: { key: 'signup:change.guardian' } }] : []),
      ...(session || run ? [{ value: 'change:session', title: { key: run ? 'signup:change.series' : 'signup:change.session' } }] : []),
    ];
    return { slot: 'confirm', kind: 'yesno', text: { byLang: { [lang]: lines.join('\n') } }, retry: { key: 'signup:retry.confirm' }, choices };
  }

  /** Stores an answer; returns 'end' when the flow must stop (e.g. consent refused). */
  private async apply(ctx: TurnContext, slot: Slot, answer: string | number, d: Draft): Promise<'end' | void> {
    const s = this.services;
    switch (slot) {
      case 'activity': d.activityId = String(answer); return;
      case 'participant': d.participant = answer === 'child' ? 'child' : 'self'; return;
      case 'birthYear': d.birthYear = Number(answer); return;
      case 'session': {
        const activity = (await s.catalogue.byId(d.activityId!))!;
        d.sessionId = String(answer);
        const run = this.run(activity, d);
        const session = run ? undefined : activity.sessions.find((x) => x.id === answer);
        if ((session && seatsLeft(session) <= 0) || (run && seatsLeft(run) <= 0)) await say(ctx, turnInfo(ctx).t(run ? 'signup:seriesFull' : 'signup:sessionFull'));
        return;
      }
      case 'consent':
        if (answer !== 'yes') {
          await say(ctx, turnInfo(ctx).t('signup:consentRefused'));
          return 'end';
        }
        d.consent = true;
        await s.residents.recordConsent(turnInfo(ctx).resident.id, s.now());
        turnInfo(ctx).resident.consentAt = s.now();
        return;
      case 'name':
      case 'guardianName':
        this.applyName(ctx, slot, String(answer), d);
        return;
      case 'phone': d.phone = String(answer); return;
      case 'guardianPhone': d.guardianPhone = String(answer); return;
      case 'confirm': d.confirmed = answer === 'yes'; return;
      default: return;
    }
  }

  /**
   * A name goes where the sentence says it belongs: "hun hedder Aisha Ali" is the child's name even
   * when the parent's own was asked, "jeg hedder Omar" the parent's. A single first name is kept
   * after one question for the surname (the same name again, or "only one name", keeps it as is).
   */
  private applyName(ctx: TurnContext, slot: 'name' | 'guardianName', answer: string, d: Draft): void {
    const pending = d.pendingName?.slot === slot ? d.pendingName : undefined;
    delete d.pendingName;
    if (pending) {
      d[pending.key] = fullName(pending.first, answer);
      return;
    }
    const said = recogniseName(ctx, this.services);
    const whose = said && 'whose' in said ? said.whose : undefined;
    const key = this.nameKey(slot, whose, d);
    if (answer.trim().split(/\s+/).length === 1) {
      d.pendingName = { slot, key, first: answer.trim() };
      return;
    }
    d[key] = answer;
  }

  /** Which draft field a name answer fills, from the question asked and whose name the sentence says it is. */
  private nameKey(slot: 'name' | 'guardianName', whose: 'self' | 'other' | undefined, d: Draft): 'participantName' | 'guardianName' {
    const asked = slot === 'name' ? 'participantName' : 'guardianName';
    if (!whose || !this.order.includes('guardianName')) return asked;
    // A parent signing up a child: the child is the other person, the guardian is the writer.
    if (d.participant === 'child') return whose === 'other' ? 'participantName' : 'guardianName';
    // A young person alone who gives their own name when the parent's was asked.
    return slot === 'guardianName' && whose === 'self' ? 'participantName' : asked;
  }

  private async explainIneligible(ctx: TurnContext, d: Draft): Promise<void> {
    const { t, lang } = turnInfo(ctx);
    const s = this.services;
    const all = await s.catalogue.all();
    const activity = all.find((a) => a.id === d.activityId)!;
    const verdict = checkAge(activity, d.birthYear!, s.now());
    if (verdict.ok) return;
    const others = alternativesForAge(all, d.birthYear!, s.now(), activity.id);
    const title = textFor(activity, lang, s.i18n.fallback).title;
    const lines = [
      t(`signup:ineligible.${verdict.reason}`, { title, min: activity.minAge, max: activity.maxAge, age: verdict.age }),
      others.length ? t('signup:ineligible.instead') : t('signup:ineligible.askStaff'),
    ];
    await say(ctx, lines.join('\n'), {
      prompt: 'activity',
      choices: others.map((a) => ({ value: `activity_info:${a.id}`, title: textFor(a, lang, s.i18n.fallback).title })),
    });
  }

  private async save(step: WaterfallStepContext, d: Draft): Promise<DialogTurnResult> {
    const ctx = step.context;
    const s = this.services;
    // Afresh: staff may have closed the day (on any instance) since the dates were offered.
    s.catalogue.invalidate();
    const activity = (await s.catalogue.byId(d.activityId!))!;
    // A course is booked on its first meeting, which holds the run's seats.
    const run = this.run(activity, d);
    const session = run ? { id: run.id } : d.sessionId ? activity.sessions.find((x) => x.id === d.sessionId) : undefined;
    if (d.sessionId && !session) {
      // The day closed (or the offer ended) while the resident answered: nothing is booked.
      await say(ctx, turnInfo(ctx).t('signup:sessionGone'));
      return step.endDialog();
    }
    const participant = d.participant ?? 'self';
    const outcome = await s.registrations.register({
      residentId: turnInfo(ctx).resident.id,
      activityId: activity.id,
      sessionId: session?.id ?? null,
      participant,
      participantName: d.participantName!,
      participantBirthYear: d.birthYear ?? null,
      participantPhone: d.phone ?? null,
      guardianName: d.guardianName ?? null,
      guardianPhone: d.guardianPhone ?? null,
      guardianRole: guardianRole(activity, participant, d.birthYear ?? null, s.now()),
      requestKey: `${ctx.activity.channelId}:${ctx.activity.conversation.id}:${ctx.activity.id}`,
    });
    s.catalogue.invalidate();
    if (outcome.ok) await sendConfirmation(ctx, s, activity, outcome.registration, outcome.guardianInvite);
    else await sendAlreadyRegistered(ctx, s, activity, outcome.registration);
    return step.endDialog(outcome.registration satisfies RegistrationView);
  }
}

/** A lone one- or two-digit number of a school child's age in a short answer ("min søn, 13"). */
function bareAge(text: string): number | undefined {
  const numbers = [...foldText(text).matchAll(/(?<![\d+])\d{1,2}(?![\d])/g)].map((m) => Number(m[0]));
  return numbers.length === 1 && numbers[0] >= 6 && numbers[0] <= 25 ? numbers[0] : undefined;
}

/** Asks once for the surname of a single first name; "only one name" is a button. */
function surnameAsk(slot: 'name' | 'guardianName', pending: NonNullable<Draft['pendingName']>, d: Draft): Ask {
  // The writer's own name, or someone else's (the child's, the parent's).
  const own = pending.key === (d.participant === 'child' ? 'guardianName' : 'participantName');
  return {
    slot,
    kind: 'name',
    text: { key: own ? 'signup:ask.surnameSelf' : 'signup:ask.surname', vars: { name: pending.first } },
    retry: { key: `signup:retry.${slot}` },
    choices: [{ value: 'single', title: { key: 'signup:onlyOneName' } }],
  };
}

/** The first name and what came back when asked for the surname. */
export function fullName(first: string, answer: string): string {
  const a = answer.trim();
  if (a === 'single' || a.toLowerCase() === first.toLowerCase()) return first;
  // "Ali" → "Aisha Ali"; a whole name written again is taken as written.
  return a.split(/\s+/).length === 1 ? `${first} ${a}` : a;
}

function sessionChoices(s: SignupServices, sessions: Activity['sessions']): ChoiceSpec[] {
  return sessions.map((x) => ({
    value: x.id,
    when: new Date(x.startsAt).toISOString(),
    title: {
      byLang: Object.fromEntries(
        s.i18n.languages.map((l) => [
          l,
          s.i18n.t(l, seatsLeft(x) > 0 ? 'signup:sessionChoice' : 'signup:sessionChoiceFull', { when: formatWhen(s, l, x.startsAt), count: seatsLeft(x) }),
        ]),
      ),
    },
  }));
}
