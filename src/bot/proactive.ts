// Proactive messages to residents: the implementation of the domain's Notifier port (how to use
// it: src/domain/notices.ts). Every notice is written to the outbox first, then sent at once through
// the resident's stored conversation reference with the adapter's continueConversationAsync (the
// local Direct Line and Azure channels such as Teams alike); a failed send stays in the outbox and
// the timer retries it with a growing pause. Logs carry ids only.
import { ActivityTypes, TurnContext, type CloudAdapter, type ConversationReference } from 'botbuilder';
import { textFor, type Catalogue } from '../domain/catalogue';
import { nextAttempt, noticeRow, type NoticeOutbox, type NoticeVars, type Notifier, type PendingNotice } from '../domain/notices';
import type { I18n } from '../i18n';
import type { Logger } from '../log';
import { errorFields } from '../log';
import { formatWhen } from '../../dialogs/answers';

export interface ProactiveDeps {
  adapter: CloudAdapter;
  /** MICROSOFT_APP_ID, or '' in anonymous local mode. */
  appId: string;
  outbox: NoticeOutbox;
  i18n: I18n;
  catalogue: Catalogue;
  log: Logger;
  now: () => Date;
  /** First pause after a failed send; doubled each time, at most an hour. */
  retryMs?: number;
}

/** Residents whose address this process already stored, so a turn writes it only when it changed. */
const REMEMBERED_MAX = 10_000;

export class ProactiveNotifier implements Notifier {
  private readonly log: Logger;
  private readonly remembered = new Map<string, string>();
  private flushing: Promise<number> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly d: ProactiveDeps) {
    this.log = d.log.child({ mod: 'proactive' });
  }

  async notify(residentId: string, key: string, vars: NoticeVars = {}): Promise<void> {
    await this.d.outbox.add(noticeRow(residentId, key, vars));
    this.kick();
  }

  /** Sends what is due soon, without waiting (after a store wrote notices in its own transaction). */
  kick(): void {
    void this.flush().catch((err) => this.log.error('notice flush failed', errorFields(err)));
  }

  /** Sends every due notice now; returns how many went. One flush at a time per process. */
  async flush(now?: Date): Promise<number> {
    if (this.flushing) {
      // A flush at a given time (the tests' moved clock) runs after the current one, on its own.
      if (now) return this.flushing.catch(() => 0).then(() => this.flush(now));
      this.again = true;
      return this.flushing;
    }
    this.flushing = (async () => {
      let sent = 0;
      do {
        this.again = false;
        for (;;) {
          // The clock is read each round: a notice written while this flush ran is due too.
          const at = now ?? this.d.now();
          const batch = await this.d.outbox.claimDue(at, 20, 60_000);
          if (!batch.length) break;
          for (const n of batch) if (await this.deliver(n, at)) sent++;
        }
      } while (this.again);
      return sent;
    })();
    try {
      return await this.flushing;
    } finally {
      this.flushing = null;
    }
  }

  /** The retry timer. */
  start(everyMs: number): void {
    this.timer = setInterval(() => this.kick(), everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flushing?.catch(() => undefined);
  }

  /**
   * Keeps where this resident can be reached: their latest conversation. Written when this process
   * has not seen the conversation for them yet (a new conversation replaces the old one).
   */
  async remember(ctx: TurnContext, residentId: string): Promise<void> {
    const ref = TurnContext.getConversationReference(ctx.activity);
    // A channel may put the person's display name here (Teams does): the id is enough to reach them.
    ref.user = ref.user ? { id: ref.user.id, name: '', role: ref.user.role } : ref.user;
    const seen = `${ref.serviceUrl}\u0000${ref.conversation?.id}`;
    if (this.remembered.get(residentId) === seen) return;
    await this.d.outbox.remember(residentId, JSON.stringify(ref));
    if (this.remembered.size >= REMEMBERED_MAX) this.remembered.clear();
    this.remembered.set(residentId, seen);
    // Something may have waited for an address.
    this.kick();
  }

  private async deliver(n: PendingNotice, now: Date): Promise<boolean> {
    const log = this.log.child({ noticeId: n.id });
    try {
      if (n.registrationId && (await this.d.outbox.alreadyTold(n.registrationId))) {
        await this.d.outbox.superseded(n.id);
        return false;
      }
      const address = await this.d.outbox.address(n.residentId);
      if (!address) throw new Error('no conversation reference for the resident yet');
      const lang = address.language && this.d.i18n.languages.includes(address.language) ? address.language : this.d.i18n.fallback;
      const text = await this.render(lang, n);
      const ref = JSON.parse(address.conversationRef) as Partial<ConversationReference>;
      // The adapter hands a failure inside the callback to onTurnError (which apologises and swallows
      // it): it is caught here instead, so a failed send stays in the outbox.
      let failure: unknown;
      await this.d.adapter.continueConversationAsync(this.d.appId, ref, async (ctx) => {
        try {
          await ctx.sendActivity({ type: ActivityTypes.Message, text, locale: lang, inputHint: 'acceptingInput' });
        } catch (err) {
          failure = err;
        }
      });
      if (failure) throw failure;
      await this.d.outbox.sent(n.id, now);
      if (n.registrationId) await this.d.outbox.markTold(n.registrationId);
      log.info('notice sent', { attempts: n.attempts + 1 });
      return true;
    } catch (err) {
      const retryAt = nextAttempt(now, n.attempts, this.d.retryMs ?? 30_000);
      log.warn('notice not sent; will retry', { attempts: n.attempts + 1, retryAt: retryAt.toISOString(), ...errorFields(err) });
      await this.d.outbox.failed(n.id, retryAt).catch((e) => log.error('notice retry not stored', errorFields(e)));
      return false;
    }
  }

  private async render(lang: string, n: PendingNotice): Promise<string> {
    const vars: Record<string, unknown> = { ...n.vars };
    if (typeof n.vars.activityId === 'string') {
      const activity = await this.d.catalogue.byId(n.vars.activityId);
      vars.title = activity ? textFor(activity, lang, this.d.i18n.fallback).title : n.vars.activityId;
    }
    if (typeof n.vars.startsAt === 'string') vars.when = formatWhen(this.d, lang, new Date(n.vars.startsAt));
    if (typeof n.vars.previousStartsAt === 'string') vars.whenBefore = formatWhen(this.d, lang, new Date(n.vars.previousStartsAt));
    return this.d.i18n.t(lang, n.key, vars);
  }
}
