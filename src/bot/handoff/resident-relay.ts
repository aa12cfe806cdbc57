// A resident writing while a handoff is open: "afslut"/"stop"/"إنهاء" ends the handoff; any other
// text goes to the staff thread (with a Danish translation when a translator is set up). Whether
// the bot also answers is the desk's decision (see botStepsBack in src/domain/handoffs).
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { isStopWord, type Handoff } from '../../domain/handoffs';
import { languageName, staffText, toThread, translates, updateCard, type HandoffDeps } from './delivery';

function sayTo(d: HandoffDeps, ctx: TurnContext, h: Handoff, key: string): Promise<unknown> {
  return ctx.sendActivity({ type: ActivityTypes.Message, text: d.i18n.t(h.language, key), locale: h.language });
}

/** "afslut" as the whole message closes the handoff; true when it did. */
export async function closeOnStopWord(d: HandoffDeps, ctx: TurnContext, h: Handoff): Promise<boolean> {
  const stopWords = d.i18n.languages.flatMap((l) => d.i18n.list(l, 'handoff:stopWords'));
  if (!isStopWord((ctx.activity.text ?? '').trim(), stopWords)) return false;
  const closed = await d.handoffs.close(h.id, d.now());
  await sayTo(d, ctx, h, 'handoff:resident.closedByResident');
  if (closed.ok) {
    await toThread(d, closed.handoff, staffText(d, 'handoff:staff.closedByResident'));
    await updateCard(d, closed.handoff);
  }
  return true;
}

/**
 * Passes the resident's text to the thread. `alone`: the bot stays quiet this turn, so a message
 * without text is answered here (only text reaches staff).
 */
export async function relayFromResident(d: HandoffDeps, ctx: TurnContext, h: Handoff, text: string | null, alone: boolean): Promise<void> {
  if (!text) {
    if (alone) await sayTo(d, ctx, h, 'handoff:resident.textOnly');
    return;
  }
  await d.handoffs.addMessage(h.id, 'resident', text, d.now());
  const translation = translates(d, h) ? await d.translator!.translate(text, h.language, d.staffLang, h.residentId) : null;
  await toThread(
    d,
    h,
    translation
      ? staffText(d, 'handoff:staff.residentSaysTranslated', { language: languageName(d, h.language), text, translation })
      : staffText(d, 'handoff:staff.residentSays', { text }),
  );
}
