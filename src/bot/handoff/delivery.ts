// Everything the handoff delivers (not an outbox: nothing is queued here): the card (new thread,
// updates in place), notes in the thread, and proactive messages to the resident through the
// stored conversation reference. Failures are
// logged (ids only) and reported to the caller; they never break the resident's own reply.
import { ActivityTypes, type CloudAdapter, type ConversationReference, type TurnContext } from 'botbuilder';
import type { Catalogue } from '../../domain/catalogue';
import { textFor } from '../../domain/catalogue';
import { CARD_TRANSCRIPT, firstNameForStaff, type Handoff, type HandoffRepository } from '../../domain/handoffs';
import type { OfficeHours } from '../../domain/office-hours';
import { OFFICE_TIME_ZONE } from '../../domain/office-hours';
import type { I18n } from '../../i18n';
import type { Logger } from '../../log';
import { errorFields } from '../../log';
import type { AdaptiveCard } from './adaptive-card';
import { handoffCard } from './card';
import type { StaffChannels } from './staff-channel';
import { cardActivity, createThread, inConversation, threadReference, type StaffChannel } from './teams';
import type { Translator } from './translator';

export interface HandoffDeps {
  adapter: CloudAdapter;
  /** MICROSOFT_APP_ID, or '' in anonymous local mode. */
  appId: string;
  handoffs: HandoffRepository;
  channels: StaffChannels;
  catalogue: Catalogue;
  i18n: I18n;
  staffLang: string;
  translator: Translator | null;
  isEmergency: (text: string, lang: string) => Promise<boolean>;
  hours: OfficeHours;
  renotifyMs: number;
  now: () => Date;
  log: Logger;
}

/** A text for staff, in the staff language. */
export function staffText(d: HandoffDeps, key: string, vars?: Record<string, unknown>): string {
  return d.i18n.t(d.staffLang, key, vars);
}

function format(d: HandoffDeps, date: Date, withDate: boolean): string {
  const locale = d.i18n.t(d.staffLang, 'common:meta.dateLocale');
  return new Intl.DateTimeFormat(locale, {
    timeZone: OFFICE_TIME_ZONE, hour: '2-digit', minute: '2-digit', ...(withDate ? { day: 'numeric', month: 'short' } : {}),
  }).format(date);
}

export const staffTime = (d: HandoffDeps, date: Date) => format(d, date, false);

/** "arabisk (العربية)" for Danish staff. */
export function languageName(d: HandoffDeps, lang: string): string {
  const locale = d.i18n.t(d.staffLang, 'common:meta.dateLocale');
  const inStaffLanguage = new Intl.DisplayNames(locale, { type: 'language' }).of(lang) ?? lang;
  const native = d.i18n.nativeName(lang);
  return native.toLowerCase() === inStaffLanguage.toLowerCase() ? inStaffLanguage : `${inStaffLanguage} (${native})`;
}

/** Translation for staff is on when a translator exists and the resident writes another language. */
export function translates(d: HandoffDeps, h: Handoff): boolean {
  return d.translator !== null && h.language !== d.staffLang;
}

async function activityTitle(d: HandoffDeps, id: string | undefined): Promise<string | undefined> {
  const a = id ? await d.catalogue.byId(id) : undefined;
  return a ? textFor(a, d.staffLang, d.i18n.fallback).title : id;
}

export async function buildCard(d: HandoffDeps, h: Handoff, closedBy?: string | null): Promise<AdaptiveCard> {
  const [summary, messages] = await Promise.all([d.handoffs.residentSummary(h.residentId), d.handoffs.recentMessages(h.id, CARD_TRANSCRIPT)]);
  const transcript = translates(d, h)
    ? await Promise.all(messages.map(async (m) => (m.direction === 'resident' ? { ...m, text: (await d.translator!.translate(m.text, h.language, d.staffLang, h.residentId)) ?? m.text } : m)))
    : messages;
  const registrations = await Promise.all(
    summary.registrations.map(async (r) => ({
      title: (await activityTitle(d, r.activityId)) ?? r.activityId,
      status: staffText(d, `handoff:staff.registrationStatus.${r.status}`),
      code: r.referenceCode,
    })),
  );
  return handoffCard(
    {
      handoff: h,
      firstName: firstNameForStaff(summary),
      languageName: languageName(d, h.language),
      translation: h.language === d.staffLang ? 'same' : translates(d, h) ? 'translated' : 'asIs',
      registrations,
      transcript,
      activityTitle: await activityTitle(d, h.reason.activityId),
      closedBy,
    },
    { t: (key, vars) => staffText(d, key, vars), time: (x) => staffTime(d, x), dateTime: (x) => format(d, x, true) },
  );
}

/**
 * Starts the handoff's thread in the staff channel with its card. Without a channel, or when
 * Teams fails, the claim is given back and the reminder timer tries again.
 */
export async function postCard(d: HandoffDeps, h: Handoff): Promise<boolean> {
  const log = d.log.child({ mod: 'handoff', handoffId: h.id });
  const channel = await d.channels.current();
  try {
    if (!channel) {
      log.warn('no staff channel yet: install the Teams app in a team or set STAFF_TEAMS_CHANNEL_ID');
      await d.handoffs.releaseNotification(h.id);
      return false;
    }
    const card = await buildCard(d, h);
    const thread = await createThread(d.adapter, d.appId, channel, cardActivity(card, staffText(d, h.urgent ? 'handoff:staff.card.titleUrgent' : 'handoff:staff.card.title')));
    await d.handoffs.attachThread(h.id, thread.conversationId, thread.activityId, d.now());
    log.info('handoff card posted', { urgent: h.urgent });
    return true;
  } catch (err) {
    log.error('handoff card failed', errorFields(err));
    await d.handoffs.releaseNotification(h.id).catch((e) => log.error('release failed', errorFields(e)));
    return false;
  }
}

async function threadOf(d: HandoffDeps, h: Handoff): Promise<{ channel: StaffChannel; ref: Partial<ConversationReference> } | null> {
  const channel = await d.channels.current();
  if (!channel || !h.staffConversationId) return null;
  return { channel, ref: threadReference(channel, h.staffConversationId) };
}

/** Updates the card in place (PUT …/activities/{id}), from the thread's own turn when there is one. */
export async function updateCard(d: HandoffDeps, h: Handoff, closedBy?: string | null, here?: TurnContext): Promise<AdaptiveCard> {
  const card = await buildCard(d, h, closedBy);
  const id = h.staffActivityId ?? here?.activity.replyToId;
  if (!id) return card;
  const update = async (ctx: TurnContext) => {
    await ctx.updateActivity({ ...cardActivity(card), id });
  };
  try {
    if (here && here.activity.conversation.id === h.staffConversationId) await update(here);
    else {
      const thread = await threadOf(d, h);
      if (thread) await inConversation(d.adapter, d.appId, thread.ref, update);
    }
  } catch (err) {
    d.log.error('handoff card update failed', { handoffId: h.id, ...errorFields(err) });
  }
  return card;
}

/** A note in the handoff's thread (the resident's message, a reminder, …). */
export async function toThread(d: HandoffDeps, h: Handoff, text: string): Promise<boolean> {
  const thread = await threadOf(d, h);
  if (!thread) return false;
  try {
    await inConversation(d.adapter, d.appId, thread.ref, async (ctx) => {
      await ctx.sendActivity({ type: ActivityTypes.Message, text, textFormat: 'plain' });
    });
    return true;
  } catch (err) {
    d.log.error('thread post failed', { handoffId: h.id, ...errorFields(err) });
    return false;
  }
}

/** A message to the resident, wherever they write from, in the handoff's language. */
export async function toResident(d: HandoffDeps, h: Handoff, text: string): Promise<boolean> {
  try {
    const ref = JSON.parse(h.conversationRef) as Partial<ConversationReference>;
    // The adapter hands a failure inside the callback to onTurnError, which apologises and swallows
    // it (as in proactive.ts): it is caught here, so a failed send is never counted as delivered.
    let failure: unknown;
    await inConversation(d.adapter, d.appId, ref, async (ctx) => {
      try {
        await ctx.sendActivity({ type: ActivityTypes.Message, text, locale: h.language, inputHint: 'acceptingInput' });
      } catch (err) {
        failure = err;
      }
    });
    if (failure) throw failure;
    return true;
  } catch (err) {
    d.log.error('resident message failed', { handoffId: h.id, ...errorFields(err) });
    return false;
  }
}
