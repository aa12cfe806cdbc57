// Handing a conversation to a person. The router calls these; the port (implemented in
// src/bot/handoff, which talks to Teams) stores the handoff and tells staff. This file decides
// what the resident reads. A handoff starts only when the resident asks for a person (or taps
// that choice), in an emergency, or for an activity staff arrange by hand — never because the
// bot did not understand: then it asks what was meant (see clarify.ts).
import type { TurnContext } from 'botbuilder';
import { textFor } from '../src/domain/catalogue';
import type { HandoffReason } from '../src/domain/handoffs';
import type { OfficeHours } from '../src/domain/office-hours';
import { mayOpenHandoff } from './handoff-gate';
import { openingMessage, unreachableMessage } from './handoff-messages';
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
  /** True when a staff channel is set up, so a person really gets told. */
  staffReachable(): Promise<boolean>;
  /** Opens a handoff for the resident of this turn (or finds the open one) and alerts staff. */
  open(ctx: TurnContext, reason: HandoffReason): Promise<OpenedHandoff>;
  /** Notes a message the router handled: with the resident's consent, keeps the text for a possible handoff. */
  observe(ctx: TurnContext): Promise<void>;
}

const OPENED = Symbol.for('kvarterbot.handoffOpened');

/** True once a handoff opened in this turn: a flow that was running must stop, the person takes over. */
export function handoffOpenedThisTurn(ctx: TurnContext): boolean {
  return ctx.turnState.get(OPENED) === true;
}

/**
 * Opens a handoff and tells the resident what happens next, in their language. Without a staff
 * channel nobody would read it: the request is still kept (it reaches the channel once one is set
 * up), but the resident is told the truth and given the programme's contact route.
 */
export async function startHandoff(ctx: TurnContext, services: DialogServices, reason: HandoffReason): Promise<void> {
  const { lang } = turnInfo(ctx);
  const port = services.handoff;
  const activity = reason.activityId ? await services.catalogue.byId(reason.activityId) : undefined;
  const about = activity ? { title: textFor(activity, lang, services.i18n.fallback).title, contact: activity.contact } : undefined;
  const reachable = await staffReachable(services);
  // Rate limit (issue 11): too many new handoffs from one resident or one address. Never an emergency.
  if (port && reason.trigger !== 'emergency' && !(await mayOpenHandoff(ctx))) {
    await say(ctx, services.i18n.t(lang, 'common:rateLimit.handoff'));
    return;
  }
  if (port) {
    const opened = await port.open(ctx, reason);
    ctx.turnState.set(OPENED, true);
    if (reachable) {
      await say(
        ctx,
        openingMessage(services.i18n, lang, { reason, position: opened.position, created: opened.created, hours: port.officeHours, now: services.now(), activity: about }),
      );
      return;
    }
  }
  await say(ctx, unreachableMessage(services.i18n, lang, { reason, programmeContact: services.programmeContact, activity: about }));
}

/** True when a staff channel is set up, so a person really gets told. */
export async function staffReachable(services: DialogServices): Promise<boolean> {
  return services.handoff ? services.handoff.staffReachable() : false;
}

/** Notes a routed message for a possible handoff (kept only with consent). */
export async function observeRouted(ctx: TurnContext, services: DialogServices): Promise<void> {
  await services.handoff?.observe(ctx);
}
