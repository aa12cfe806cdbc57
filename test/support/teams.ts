// The staff side of Microsoft Teams, as the bot sees it over HTTP: a team with a staff channel
// that installs the app, posts in threads, and presses card buttons (Action.Submit as a message
// with `value`, Action.Execute as an `adaptiveCard/action` invoke). What the bot sends back lands
// in the fake Bot Connector (new threads, replies, card updates by PUT).
import type { FakeConnector, Received } from './fake-connector';

export const TENANT = '72f988bf-0000-4000-8000-00000000kvtr';
export const TEAM = '19:helhedsplan-general@thread.tacv2';
export const STAFF_CHANNEL = '19:staff@thread.tacv2';
export const BOT = { id: '28:00000000-0000-0000-0000-0000000000b0', name: 'Kvarterbot' };

export interface StaffMember {
  id: string;
  name: string;
  aadObjectId: string;
}

export const METTE: StaffMember = { id: '29:mette', name: 'Mette Hansen', aadObjectId: '11111111-1111-4111-8111-111111111111' };
export const LARS: StaffMember = { id: '29:lars', name: 'Lars Nielsen', aadObjectId: '22222222-2222-4222-8222-222222222222' };

export interface CardAction {
  type: string;
  title: string;
  verb?: string;
  data: Record<string, unknown>;
  fallback?: { type: string; data: Record<string, unknown> };
}

/** Where Teams posts: which bot instance (two instances may share one database). */
export interface Target {
  url: string;
}

export class TeamsTeam {
  constructor(
    private readonly connector: FakeConnector,
    readonly opts: { tenant?: string; channel?: string; team?: string } = {},
  ) {}

  get channel(): string {
    return this.opts.channel ?? STAFF_CHANNEL;
  }

  private base(conversationId: string, from: StaffMember, extra: Record<string, unknown>): Record<string, unknown> {
    const tenant = this.opts.tenant ?? TENANT;
    const team = this.opts.team ?? TEAM;
    return {
      id: `${Date.now()}${Math.floor(Math.random() * 1000)}`,
      timestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl: this.connector.url,
      from: { id: from.id, name: from.name, aadObjectId: from.aadObjectId },
      recipient: BOT,
      conversation: { id: conversationId, conversationType: 'channel', isGroup: true, tenantId: tenant },
      channelData: {
        teamsChannelId: this.channel,
        teamsTeamId: team,
        channel: { id: this.channel },
        team: { id: team, name: 'Helhedsplan', aadGroupId: '33333333-3333-4333-8333-333333333333' },
        tenant: { id: tenant },
      },
      ...extra,
    };
  }

  async post(target: Target, activity: Record<string, unknown>): Promise<{ status: number; body: any }> {
    const res = await fetch(`${target.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`POST /api/messages answered ${res.status}: ${text}`);
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  /** What Teams sends when the app is added to the team with this channel chosen. */
  async install(target: Target, by: StaffMember = METTE): Promise<void> {
    const settings = { settings: { selectedChannel: { id: this.channel } } };
    const install = this.base(this.opts.team ?? TEAM, by, { type: 'installationUpdate', action: 'add' });
    Object.assign(install.channelData as object, settings, { channel: undefined, teamsChannelId: undefined });
    await this.post(target, install);
    const update = this.base(this.opts.team ?? TEAM, by, { type: 'conversationUpdate', membersAdded: [{ id: BOT.id }] });
    Object.assign(update.channelData as object, settings, { eventType: 'teamMemberAdded', channel: undefined, teamsChannelId: undefined });
    await this.post(target, update);
  }

  /** What Teams sends when the app is removed from the team. */
  async uninstall(target: Target, by: StaffMember = METTE): Promise<void> {
    const update = this.base(this.opts.team ?? TEAM, by, { type: 'conversationUpdate', membersRemoved: [{ id: BOT.id }] });
    Object.assign(update.channelData as object, { eventType: 'teamMemberRemoved', channel: undefined, teamsChannelId: undefined });
    await this.post(target, update);
  }

  /** A new top-level post in the channel (a thread of its own). */
  async newPost(target: Target, text: string, by: StaffMember = METTE, mention = true): Promise<string> {
    const messageId = `${Date.now()}`;
    const threadId = `${this.channel};messageid=${messageId}`;
    await this.post(target, this.message(threadId, text, by, mention, messageId));
    return threadId;
  }

  private message(threadId: string, text: string, by: StaffMember, mention: boolean, id?: string): Record<string, unknown> {
    const at = `<at>${BOT.name}</at>`;
    return this.base(threadId, by, {
      type: 'message',
      ...(id ? { id } : {}),
      text: mention ? `${at} ${text}` : text,
      textFormat: 'plain',
      replyToId: threadId.split('=')[1],
      entities: mention ? [{ type: 'mention', text: at, mentioned: { id: BOT.id, name: BOT.name } }] : [],
    });
  }

  /** A reply in a thread. */
  async reply(target: Target, threadId: string, text: string, by: StaffMember = METTE, mention = false): Promise<void> {
    await this.post(target, this.message(threadId, text, by, mention));
  }

  /** Action.Submit: a message with the button's data as `value`, in the card's thread. */
  async submit(target: Target, threadId: string, action: CardAction, by: StaffMember = METTE): Promise<void> {
    const data = action.fallback?.data ?? action.data;
    await this.post(target, this.base(threadId, by, { type: 'message', value: data, replyToId: threadId.split('=')[1] }));
  }

  /** Action.Execute: an invoke; returns the invoke response body (the card Teams shows next). */
  async execute(target: Target, threadId: string, action: CardAction, by: StaffMember = METTE): Promise<any> {
    const res = await this.post(
      target,
      this.base(threadId, by, {
        type: 'invoke',
        name: 'adaptiveCard/action',
        replyToId: threadId.split('=')[1],
        value: { action: { type: 'Action.Execute', verb: action.verb, data: action.data }, trigger: 'manual' },
      }),
    );
    return res.body;
  }

  /** Threads the bot started in this channel, oldest first. */
  threads(): Received[] {
    return this.connector.created().filter((r) => r.channelData?.channel?.id === this.channel);
  }

  /** Threads that carry a handoff card. */
  cardThreads(): Received[] {
    return this.threads().filter((r) => r.activity.attachments?.some((a: any) => a.contentType === 'application/vnd.microsoft.card.adaptive'));
  }

  /** The card of a thread as it is now (after every PUT). */
  card(threadId: string): Record<string, any> {
    const created = this.threads().find((r) => r.conversationId === threadId);
    if (!created) throw new Error(`no thread ${threadId}`);
    const updates = this.connector.updates(threadId, created.id!);
    const latest = updates.length ? updates[updates.length - 1] : created.activity;
    return latest.attachments[0].content;
  }

  /** What the bot wrote in a thread after its first post (the card). */
  threadTexts(threadId: string): string[] {
    return this.connector.received
      .filter((r) => r.conversationId === threadId && r.method === 'POST' && r.activity.type === 'message')
      .map((r) => r.activity.text ?? '');
  }
}

/** The card's facts as title → value. */
export function facts(card: Record<string, any>): Record<string, string> {
  const set = card.body.find((e: any) => e.type === 'FactSet');
  return Object.fromEntries(set.facts.map((f: any) => [f.title, f.value]));
}

export function cardText(card: Record<string, any>): string {
  return card.body
    .flatMap((e: any) => (e.type === 'FactSet' ? e.facts.map((f: any) => `${f.title}: ${f.value}`) : [e.text ?? '']))
    .join('\n');
}

export function actions(card: Record<string, any>): CardAction[] {
  return card.actions ?? [];
}

export function action(card: Record<string, any>, name: 'take' | 'close'): CardAction {
  const found = actions(card).find((a) => a.data?.action === name);
  if (!found) throw new Error(`the card has no ${name} button: ${JSON.stringify(actions(card).map((a) => a.title))}`);
  return found;
}

/** Polls until `check` returns a value (for what a timer does); fails after `ms`. */
export async function eventually<T>(check: () => T | undefined | Promise<T | undefined>, ms = 10_000, what = 'condition'): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
