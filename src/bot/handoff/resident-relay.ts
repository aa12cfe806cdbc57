// A resident writing while a handoff is open: the message goes to the staff thread (with a
// Danish translation when a translator is set up) and the bot stays quiet, except for
// "afslut"/"stop"/"إنهاء", which ends the handoff, and an emergency, which is answered at once.
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { isStopWord, type Handoff } from '../../domain/handoffs';
import { languageName, staffText, toThread, translates, updateCard, type HandoffDeps } from './outbox';

export async function relayFromResident(d: HandoffDeps, ctx: TurnContext, h: Handoff): Promise<void> {
  const lang = h.language;
  const say = (key: string) => ctx.sendActivity({ type: ActivityTypes.Message, text: d.i18n.t(lang, key), locale: lang });
  const text = (ctx.activity.text ?? '').trim();
  if (!text) {
    await say('handoff:resident.textOnly');
    return;
  }
  const stopWords = d.i18n.languages.flatMap((l) => d.i18n.list(l, 'handoff:stopWords'));
  if (isStopWord(text, stopWords)) {
    const closed = await d.handoffs.close(h.id, d.now());
    await say('handoff:resident.closedByResident');
    if (closed.ok) {
      await toThread(d, closed.handoff, staffText(d, 'handoff:staff.closedByResident'));
      await updateCard(d, closed.handoff);
    }
    return;
  }
  if (await d.isEmergency(text, lang)) {
    // Safety first: the numbers go out now, and staff see the handoff is urgent.
    await say('safety:emergency');
    if (!h.urgent) await d.handoffs.markUrgent(h.id);
    await toThread(d, h, staffText(d, 'handoff:staff.residentUrgent'));
  }
  await d.handoffs.addMessage(h.id, 'resident', text, d.now());
  const translation = translates(d, h) ? await d.translator!.translate(text, lang, d.staffLang) : null;
  await toThread(
    d,
    h,
    translation
      ? staffText(d, 'handoff:staff.residentSaysTranslated', { language: languageName(d, lang), text, translation })
      : staffText(d, 'handoff:staff.residentSays', { text }),
  );
}
