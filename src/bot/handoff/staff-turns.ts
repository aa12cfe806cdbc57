// Turns from the staff team in Teams: the app being installed or removed, "@Kvarterbot brug denne
// kanal" (who may move the channel: staff-channel.ts), Take/Close on a card (Action.Submit or Action.Execute), and replies in a handoff thread,
// which go to the resident. Nothing here ever reaches the resident dialogs.
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { announcesTaker, staffFirstName, staffReplyPlan, type Handoff } from '../../domain/handoffs';
import type { ChannelRefusal } from './staff-channel';
import { staffText, toResident, updateCard, languageName, translates, type HandoffDeps } from './delivery';
import {
  answerInvoke,
  botMembership,
  cardActionOf,
  channelOf,
  createThread,
  mentionsBot,
  teamOf,
  tenantOf,
  textWithoutMention,
  type CardAction,
  type StaffChannel,
} from './teams';

async function reply(ctx: TurnContext, text: string): Promise<void> {
  await ctx.sendActivity({ type: ActivityTypes.Message, text, textFormat: 'plain' });
}

function channelHere(ctx: TurnContext): StaffChannel | null {
  const a = ctx.activity;
  const channelId = channelOf(a);
  if (!channelId) return null;
  return { channelId, serviceUrl: a.serviceUrl, tenantId: tenantOf(a), teamId: teamOf(a), botId: a.recipient?.id };
}

function isCommand(d: HandoffDeps, text: string, command: string): boolean {
  const said = text.toLowerCase().replace(/[.!]+$/, '').trim();
  return d.i18n.languages.some((l) => d.i18n.list(l, `handoff:staff.commands.${command}`).some((c) => c.toLowerCase() === said));
}

/** "brug denne kanal", optionally followed by the one-time code from the server log. */
function useChannelCommand(d: HandoffDeps, text: string): { code?: string } | null {
  const withCode = /^(.*?)\s+(\d{8})$/.exec(text.trim());
  if (withCode && isCommand(d, withCode[1], 'useChannel')) return { code: withCode[2] };
  return isCommand(d, text, 'useChannel') ? {} : null;
}

const REFUSED: Record<ChannelRefusal, (code?: string) => string> = {
  pinned: () => 'handoff:staff.channelPinned',
  otherTeam: () => 'handoff:staff.channelOtherTeam',
  confirm: (code) => (code === undefined ? 'handoff:staff.channelConfirm' : 'handoff:staff.channelCodeWrong'),
};

export async function handleTeamTraffic(d: HandoffDeps, ctx: TurnContext): Promise<void> {
  const a = ctx.activity;
  const log = d.log.child({ mod: 'handoff' });
  if (!(await d.channels.trusts(tenantOf(a)))) {
    log.warn('team activity from another tenant ignored', { type: a.type });
    if (a.type === ActivityTypes.Invoke) await answerInvoke(ctx, null);
    return;
  }
  const membership = botMembership(a);
  if (membership === true) return installed(d, ctx);
  if (membership === false) {
    const team = teamOf(a);
    if (team && (await d.channels.forgetTeam(team))) log.info('staff channel forgotten: app removed from the team');
    return;
  }
  const action = cardActionOf(a);
  if (action) return onCardAction(d, ctx, action);
  if (a.type === ActivityTypes.Invoke) return answerInvoke(ctx, null);
  if (a.type !== ActivityTypes.Message) return;

  const text = textWithoutMention(a);
  const command = mentionsBot(a) ? useChannelCommand(d, text) : null;
  if (command) {
    const channel = channelHere(ctx);
    if (!channel) return;
    const claim = await d.channels.claim(channel, command.code);
    if (claim.ok) log.info('staff channel set by command');
    else log.warn('staff channel not moved', { reason: claim.reason });
    return reply(ctx, staffText(d, claim.ok ? 'handoff:staff.channelSet' : REFUSED[claim.reason](command.code)));
  }
  const h = await d.handoffs.byStaffConversation(a.conversation.id);
  if (h) return fromStaff(d, ctx, h, text);
  // Staff talk among themselves in other threads; the bot answers only when addressed.
  if (mentionsBot(a)) await reply(ctx, staffText(d, 'handoff:staff.help'));
}

async function installed(d: HandoffDeps, ctx: TurnContext): Promise<void> {
  const channel = channelHere(ctx);
  if (!channel) return;
  const log = d.log.child({ mod: 'handoff' });
  const claim = await d.channels.claim(channel);
  // A refused install gets no answer: its service URL may be anyone's.
  if (!claim.ok) return log.warn('install outside the staff channel ignored', { type: ctx.activity.type, reason: claim.reason });
  log.info('staff channel learnt from install', { type: ctx.activity.type });
  // Teams sends installationUpdate and conversationUpdate for one install: greet once.
  if (ctx.activity.type === ActivityTypes.ConversationUpdate) {
    await createThread(d.adapter, d.appId, channel, { type: ActivityTypes.Message, text: staffText(d, 'handoff:staff.installed') });
  }
}

/** Tells the resident who answers now. */
async function announceTaken(d: HandoffDeps, h: Handoff, by: string): Promise<void> {
  const name = staffFirstName(by) ?? d.i18n.t(h.language, 'handoff:resident.staff');
  await toResident(d, h, d.i18n.t(h.language, 'handoff:resident.taken', { name }));
}

async function onCardAction(d: HandoffDeps, ctx: TurnContext, action: CardAction): Promise<void> {
  const who = ctx.activity.from?.name ?? '';
  const now = d.now();
  const h = await d.handoffs.byId(action.handoffId);
  let card: Record<string, unknown> | null = null;
  if (h && action.action === 'take') {
    const taken = await d.handoffs.take(h.id, who, now);
    if (taken.ok) {
      card = await updateCard(d, taken.handoff, null, ctx);
      if (announcesTaker(h, taken)) await announceTaken(d, taken.handoff, who);
    } else if (taken.handoff) {
      if (taken.reason === 'taken' && action.via === 'submit') await reply(ctx, staffText(d, 'handoff:staff.alreadyTaken', { name: taken.handoff.takenBy }));
      card = await updateCard(d, taken.handoff, null, ctx);
    }
  } else if (h) {
    const closed = await d.handoffs.close(h.id, now);
    if (closed.ok) {
      card = await updateCard(d, closed.handoff, who, ctx);
      await toResident(d, closed.handoff, d.i18n.t(closed.handoff.language, 'handoff:resident.closedByStaff'));
    } else if (closed.handoff) card = await updateCard(d, closed.handoff, null, ctx);
  }
  if (action.via === 'execute') await answerInvoke(ctx, card);
}

/** A staff reply in a handoff thread: to the resident, translated when a translator is set up. */
async function fromStaff(d: HandoffDeps, ctx: TurnContext, h: Handoff, text: string): Promise<void> {
  const plan = staffReplyPlan(h);
  if (!plan.relay) return reply(ctx, staffText(d, 'handoff:staff.alreadyClosed'));
  if (!text) return reply(ctx, staffText(d, 'handoff:staff.textOnly'));
  const who = ctx.activity.from?.name ?? '';
  let current = h;
  if (plan.takeFirst) {
    // Answering is taking: the card shows who has it, and others see it is handled.
    const taken = await d.handoffs.take(h.id, who, d.now());
    if (taken.ok) {
      current = taken.handoff;
      await updateCard(d, current, null, ctx);
      if (announcesTaker(h, taken)) await announceTaken(d, current, who);
    }
  }
  await d.handoffs.addMessage(h.id, 'staff', text, d.now());
  const translation = translates(d, current) ? await d.translator!.translate(text, d.staffLang, current.language, current.residentId) : null;
  const name = staffFirstName(who) ?? d.i18n.t(current.language, 'handoff:resident.staff');
  const delivered = await toResident(d, current, d.i18n.t(current.language, 'handoff:resident.fromStaff', { name, text: translation ?? text }));
  if (!delivered) return reply(ctx, staffText(d, 'handoff:staff.notDelivered'));
  if (translation) await reply(ctx, staffText(d, 'handoff:staff.sentTranslated', { language: languageName(d, current.language), translation }));
}
