// Whether this turn may open a new handoff: the turn pipeline (src/bot/turn-limits.ts) sets a gate
// that counts handoffs per resident and per client address, so one person or one script cannot fill
// the staff channel with cards. Emergencies never ask the gate.
import type { TurnContext } from 'botbuilder';

export type HandoffGate = () => Promise<boolean>;

const GATE = Symbol.for('kvarterbot.handoffGate');

export function setHandoffGate(ctx: TurnContext, gate: HandoffGate): void {
  ctx.turnState.set(GATE, gate);
}

/** True when no gate is set (tests of dialogs alone) or the gate lets this one through. */
export async function mayOpenHandoff(ctx: TurnContext): Promise<boolean> {
  const gate = ctx.turnState.get(GATE) as HandoffGate | undefined;
  return gate ? gate() : true;
}
