// The handoff desk: the bot-side half of a handoff. Dialogs open handoffs through it (HandoffPort);
// the turn pipeline hands it staff traffic from Teams and messages from residents in an open
// handoff (relayed to the thread; the bot answers them too unless a staff member is answering
// right now); a timer per process reminds the channel of handoffs nobody has taken.
import { ActivityTypes, TurnContext, type BotState, type StatePropertyAccessor } from 'botbuilder';
import type { HandoffPort, OpenedHandoff } from '../../../dialogs/handoff';
import { turnInfo } from '../../../dialogs/turn';
import {
  BUFFER_BEFORE_HANDOFF,
  botStepsBack,
  clip,
  lastStaffActivity,
  mayKeepTranscript,
  MESSAGES_KEPT,
  reminderKind,
  reminderWindow,
  staffIsAnswering,
  staffNoticeOnOpen,
  textForStaff,
  type HandoffReason,
} from '../../domain/handoffs';
import { isOpen, type OfficeHours } from '../../domain/office-hours';
import { errorFields } from '../../log';
import { INTENTS } from '../../understanding';
import { postCard, staffText, staffTime, toThread, type HandoffDeps } from './delivery';
import { closeOnStopWord, relayFromResident } from './resident-relay';
import { handleTeamTraffic } from './staff-turns';
import { isTeamTraffic } from './teams';

/** Kept in the conversation state: (with consent) the last few messages. */
interface Memory {
  recent: string[];
}

/** The text of a typed message; button values ("human", "list_activities", "signup:course") say nothing to staff. */
function typedText(ctx: TurnContext): string | null {
  const a = ctx.activity;
  const text = (a.text ?? '').trim();
  const buttonValue = a.value !== undefined || (INTENTS as readonly string[]).includes(text) || /^[a-z0-9]+([_:-][a-z0-9-]+)+$/.test(text);
  return text && !buttonValue ? clip(text) : null;
}

export class HandoffDesk implements HandoffPort {
  private memory: StatePropertyAccessor<Memory> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly d: HandoffDeps) {}

  get officeHours(): OfficeHours {
    return this.d.hours;
  }

  /** Uses the turn pipeline's conversation state, saved with the dialogs at the end of the turn. */
  attach(state: BotState): void {
    this.memory = state.createProperty<Memory>('handoff');
  }

  private async remembered(ctx: TurnContext): Promise<Memory> {
    return (this.memory ? await this.memory.get(ctx, { recent: [] }) : null) ?? { recent: [] };
  }

  async staffReachable(): Promise<boolean> {
    return (await this.d.channels.current()) !== null;
  }

  async observe(ctx: TurnContext): Promise<void> {
    const text = typedText(ctx);
    if (!text || !mayKeepTranscript(turnInfo(ctx).resident.consentAt)) return;
    const mem = await this.remembered(ctx);
    mem.recent = [...mem.recent, text].slice(-BUFFER_BEFORE_HANDOFF);
    if (this.memory) await this.memory.set(ctx, mem);
  }

  async open(ctx: TurnContext, reason: HandoffReason): Promise<OpenedHandoff> {
    const { resident, lang } = turnInfo(ctx);
    const mem = await this.remembered(ctx);
    const transcript = mayKeepTranscript(resident.consentAt) ? [...mem.recent] : [];
    // The message that brought the person in is part of the handoff itself.
    const text = typedText(ctx);
    if (text && transcript[transcript.length - 1] !== text) transcript.push(text);
    if (this.memory) await this.memory.set(ctx, { recent: [] });

    const outcome = await this.d.handoffs.open(
      { residentId: resident.id, reason, language: lang, conversationRef: JSON.stringify(TurnContext.getConversationReference(ctx.activity)), transcript },
      this.d.now(),
    );
    const log = this.d.log.child({ mod: 'handoff', handoffId: outcome.handoff.id });
    log.info(outcome.created ? 'handoff opened' : 'handoff already open', { trigger: reason.trigger, urgent: outcome.handoff.urgent });
    const notice = staffNoticeOnOpen(outcome, reason);
    if (notice === 'card') await postCard(this.d, outcome.handoff);
    else if (notice === 'urgent_in_thread') await toThread(this.d, outcome.handoff, staffText(this.d, 'handoff:staff.residentUrgent'));
    return { created: outcome.created, position: await this.d.handoffs.queuePosition(outcome.handoff.id) };
  }

  /**
   * Called first in every turn. True when the handoff handled the activity and the dialogs must
   * not run: staff traffic from Teams, "afslut", or a resident's message while a staff member is
   * answering (it goes to the thread only). Otherwise a resident's message in an open handoff is
   * relayed to the thread and the bot answers it as usual; an emergency always is.
   */
  async intercept(ctx: TurnContext): Promise<boolean> {
    const a = ctx.activity;
    if (isTeamTraffic(a)) {
      await handleTeamTraffic(this.d, ctx);
      return true;
    }
    if (a.type !== ActivityTypes.Message) return false;
    const open = await this.d.handoffs.openFor(a.channelId, a.from.id);
    if (!open) return false;
    if (await closeOnStopWord(this.d, ctx, open)) return true;
    const now = this.d.now();
    const lastStaff = lastStaffActivity(open, await this.d.handoffs.recentMessages(open.id, MESSAGES_KEPT));
    const text = (a.text ?? '').trim();
    // Only while staff are answering does the extra check cost a parse: the bot is otherwise answering anyway.
    const emergency = staffIsAnswering(open, lastStaff, now) && text !== '' && (await this.d.isEmergency(text, open.language));
    const stepBack = botStepsBack(open, lastStaff, now, emergency);
    // Button values ("list_activities") say nothing to staff unless staff must answer them; typed text goes whole.
    await relayFromResident(this.d, ctx, open, textForStaff(text, typedText(ctx) !== null, stepBack), stepBack);
    return stepBack;
  }

  /**
   * Tells the staff channel about waiting handoffs: cards not posted yet, and reminders for those
   * nobody took within HANDOFF_RENOTIFY_MINUTES (urgent ones always, the others in office hours).
   * Each is claimed atomically, so with several instances exactly one sends it. Returns how many.
   */
  async renotifyDue(now = this.d.now()): Promise<number> {
    if (!(await this.d.channels.current())) return 0;
    const due = await this.d.handoffs.claimDue(reminderWindow(now, this.d.renotifyMs, isOpen(this.d.hours, now)), now);
    for (const h of due) {
      if (reminderKind(h) === 'card') await postCard(this.d, h);
      else await toThread(this.d, h, staffText(this.d, 'handoff:staff.renotify', { time: staffTime(this.d, h.createdAt) }));
    }
    if (due.length) this.d.log.child({ mod: 'handoff' }).info('staff channel reminded', { count: due.length });
    return due.length;
  }

  start(): void {
    if (this.timer) return;
    const every = Math.min(60_000, Math.max(200, this.d.renotifyMs / 4));
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.renotifyDue()
        .then(() => undefined)
        .catch((err) => this.d.log.child({ mod: 'handoff' }).error('reminder failed', errorFields(err)))
        .finally(() => {
          this.running = null;
        });
    }, every);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
