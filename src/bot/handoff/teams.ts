// What Teams sends and expects for the staff side: team traffic (installs, channel messages,
// card actions), new channel threads (POST /v3/conversations with channelData.channel), posts
// and card updates in a thread (PUT …/activities/{id}) and invoke responses.
import {
  ActivityTypes,
  TurnContext,
  type Activity,
  type CloudAdapter,
  type ConversationParameters,
  type ConversationReference,
  teamsGetChannelId,
  teamsGetSelectedChannelId,
  teamsGetTeamId,
  teamsGetTeamInfo,
  teamsGetTenant,
} from 'botbuilder';
import { z } from 'zod';
import type { AdaptiveCard } from './adaptive-card';

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/** Where handoff threads are started. */
export interface StaffChannel {
  /** The Teams channel id, e.g. `19:abc@thread.tacv2`. */
  channelId: string;
  serviceUrl: string;
  tenantId?: string;
  teamId?: string;
  /** The bot's id in Teams (`28:<app id>`). */
  botId?: string;
}

export const staffChannelSchema = z.object({
  channelId: z.string().min(1),
  serviceUrl: z.string().url(),
  tenantId: z.string().optional(),
  teamId: z.string().optional(),
  botId: z.string().optional(),
});

// botbuilder's Teams helpers read channelData (team, tenant, channel, the channel an install chose);
// they take `null` for an object and would throw on it, so a missing or null one is given as {}.
const teams = (a: Partial<Activity>) => (a.channelData ? a : { ...a, channelData: {} }) as Activity;

/** Traffic from a Teams team (channel posts, installs, card actions): staff, never residents. */
export function isTeamTraffic(a: Partial<Activity>): boolean {
  return a.channelId === 'msteams' && (a.conversation?.conversationType === 'channel' || !!teamsGetTeamInfo(teams(a)));
}

export function tenantOf(a: Partial<Activity>): string | undefined {
  return teamsGetTenant(teams(a))?.id ?? a.conversation?.tenantId;
}

export function teamOf(a: Partial<Activity>): string | undefined {
  return teamsGetTeamId(teams(a)) ?? undefined;
}

/** The channel an install chose, or the channel a message was posted in (the team's General channel has the team's id). */
export function channelOf(a: Partial<Activity>): string | undefined {
  // teamsChannelId: the older field some Teams clients still send beside channel.id.
  const legacy = (a.channelData as { teamsChannelId?: string } | undefined)?.teamsChannelId;
  return teamsGetSelectedChannelId(teams(a)) || teamsGetChannelId(teams(a)) || legacy || teamOf(a);
}

/** Was the bot itself added to (true) or removed from (false) the team? undefined: neither. */
export function botMembership(a: Partial<Activity>): boolean | undefined {
  const me = a.recipient?.id;
  if (a.type === ActivityTypes.InstallationUpdate) {
    if (a.action === 'add') return true;
    if (a.action === 'remove') return false;
    return undefined;
  }
  if (a.type !== ActivityTypes.ConversationUpdate || !me) return undefined;
  if (a.membersAdded?.some((m) => m.id === me)) return true;
  if (a.membersRemoved?.some((m) => m.id === me)) return false;
  return undefined;
}

export function mentionsBot(a: Partial<Activity>): boolean {
  return (a.entities ?? []).some((e) => e.type === 'mention' && (e as { mentioned?: { id?: string } }).mentioned?.id === a.recipient?.id);
}

/** The message without "<at>Kvarterbot</at>", trimmed. */
export function textWithoutMention(a: Partial<Activity>): string {
  const text = mentionsBot(a) ? TurnContext.removeRecipientMention(a) : a.text;
  return (text ?? '').replace(/&nbsp;/g, ' ').trim();
}

export interface CardAction {
  action: 'take' | 'close';
  handoffId: string;
  /** Action.Submit arrives as a message with `value`; Action.Execute as an `adaptiveCard/action` invoke. */
  via: 'submit' | 'execute';
}

const cardData = z.object({ kvarterbot: z.literal('handoff'), action: z.enum(['take', 'close']), handoffId: z.string().min(1).max(64) });
const executeValue = z.object({ action: z.object({ type: z.literal('Action.Execute'), verb: z.string().optional(), data: z.unknown() }) });

export function cardActionOf(a: Partial<Activity>): CardAction | null {
  if (a.type === ActivityTypes.Message && a.value !== undefined) {
    const parsed = cardData.safeParse(a.value);
    return parsed.success ? { action: parsed.data.action, handoffId: parsed.data.handoffId, via: 'submit' } : null;
  }
  if (a.type === ActivityTypes.Invoke && a.name === 'adaptiveCard/action') {
    const value = executeValue.safeParse(a.value);
    const parsed = value.success ? cardData.safeParse(value.data.action.data) : null;
    return parsed?.success ? { action: parsed.data.action, handoffId: parsed.data.handoffId, via: 'execute' } : null;
  }
  return null;
}

/** The card for an invoke response (Action.Execute): Teams shows it in place of the old one. */
export async function answerInvoke(ctx: TurnContext, card: Record<string, unknown> | null): Promise<void> {
  const body = card ? { statusCode: 200, type: ADAPTIVE_CARD, value: card } : { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: '' };
  await ctx.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body } });
}

/** A thread's root message id: Teams thread ids end in `;messageid=<root id>`. */
export function rootMessageId(conversationId: string): string {
  const m = /;messageid=([^;]+)$/.exec(conversationId);
  return m ? m[1] : conversationId;
}

export function cardActivity(card: AdaptiveCard, summary?: string): Partial<Activity> {
  return { type: ActivityTypes.Message, summary, attachments: [{ contentType: ADAPTIVE_CARD, content: card }] };
}

export function threadReference(channel: StaffChannel, conversationId: string): Partial<ConversationReference> {
  return {
    channelId: 'msteams',
    serviceUrl: channel.serviceUrl,
    conversation: { id: conversationId, isGroup: true, conversationType: 'channel', tenantId: channel.tenantId, name: '' },
    bot: { id: channel.botId ?? '', name: '' },
  };
}

/** Starts a new thread in the channel with `activity` as its first post. */
export async function createThread(adapter: CloudAdapter, appId: string, channel: StaffChannel, activity: Partial<Activity>): Promise<{ conversationId: string; activityId: string }> {
  const params: ConversationParameters = {
    isGroup: true,
    bot: { id: channel.botId ?? '', name: '' },
    tenantId: channel.tenantId,
    activity: activity as Activity,
    channelData: { channel: { id: channel.channelId }, ...(channel.tenantId ? { tenant: { id: channel.tenantId } } : {}) },
  };
  let conversationId = '';
  // A null audience makes botbuilder use the configured cloud's scope (as TeamsInfo does).
  await adapter.createConversationAsync(appId, 'msteams', channel.serviceUrl, null as unknown as string, params, async (ctx) => {
    conversationId = ctx.activity.conversation.id;
  });
  return { conversationId, activityId: rootMessageId(conversationId) };
}

/** Runs `logic` in a conversation the bot is not currently in (proactively). */
export async function inConversation(adapter: CloudAdapter, appId: string, ref: Partial<ConversationReference>, logic: (ctx: TurnContext) => Promise<void>): Promise<void> {
  await adapter.continueConversationAsync(appId, ref, logic);
}
