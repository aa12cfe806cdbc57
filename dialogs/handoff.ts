// Handing a conversation to a person. The router calls these; the port (implemented in
// src/bot/handoff, which talks to Teams) stores the handoff and tells staff. This file decides
// what the resident reads.
import type { TurnContext } from 'botbuilder';
import { textFor } from '../src/domain/catalogue';
import { MISSES_BEFORE_HANDOFF, type HandoffReason } from '../src/domain/handoffs';
import type { OfficeHours } from '../src/domain/office-hours';
import { openingMessage } from './handoff-messages';
import { say } from './reply';
import { turnInfo, type DialogServices } from './turn';

export interface OpenedHandoff {
  created: boolean;
  /** Place in the queue (1 = next), null when not waiting. */
  position: number | null;
}

/** What dialogs need from the handoff desk. */
export interface HandoffPort {
  readonly officeHours: OfficeHours;
  /** Opens a handoff for the resident of this turn (or finds the open one) and alerts staff. */
  open(ctx: TurnContext, reason: HandoffReason): Promise<OpenedHandoff>;
  /**
   * Notes a message the router handled: counts not-understood ones in a row (returned) and, with
   * the resident's consent, keeps the text for a possible handoff.
   */
  observe(ctx: TurnContext, notUnderstood: boolean): Promise<number>;
}

const OPENED = Symbol.for('kvarterbot.handoffOpened');

/** True once a handoff opened in this turn: a flow that was running must stop, the person takes over. */
export function handoffOpenedThisTurn(ctx: TurnContext): boolean {
  return ctx.turnState.get(OPENED) === true;
}

/** Opens a handoff and tells the resident what happens next, in their language. */
export async function startHandoff(ctx: TurnContext, services: DialogServices, reason: HandoffReason): Promise<void> {
  const { t, lang } = turnInfo(ctx);
  const port = services.handoff;
  if (!port) {
    await say(ctx, t('common:coming.human'));
    return;
  }
  const opened = await port.open(ctx, reason);
  ctx.turnState.set(OPENED, true);
  const activity = reason.activityId ? await services.catalogue.byId(reason.activityId) : undefined;
  await say(
    ctx,
    openingMessage(services.i18n, lang, {
      reason,
      position: opened.position,
      created: opened.created,
      hours: port.officeHours,
      now: services.now(),
      activity: activity ? { title: textFor(activity, lang, services.i18n.fallback).title, contact: activity.contact } : undefined,
    }),
  );
}

/**
 * Counts a routed message. The second not-understood message in a row opens a handoff instead of
 * another "I did not understand"; returns true when it did.
 */
export async function observeRouted(ctx: TurnContext, services: DialogServices, routed: { intent: string; lowConfidence: boolean }): Promise<boolean> {
  const port = services.handoff;
  if (!port) return false;
  const notUnderstood = routed.intent !== 'emergency' && (routed.lowConfidence || routed.intent === 'out_of_scope');
  const misses = await port.observe(ctx, notUnderstood);
  if (misses < MISSES_BEFORE_HANDOFF) return false;
  await startHandoff(ctx, services, { trigger: 'not_understood' });
  return true;
}
