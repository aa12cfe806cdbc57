// A resident who writes Arabic in Latin letters (Arabizi: "bdi sajjel ibni") is answered in Arabic
// script, and offered Danish or English once per conversation with one tap: some who write Arabizi
// read Arabic script slowly, others simply have no Arabic keyboard.
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { I18n } from '../src/i18n';
import { say } from './reply';
import { turnInfo } from './turn';

/** Latin letters and no Arabic ones: the message itself is Arabizi when it was understood as Arabic. */
export function writtenInLatin(text: string): boolean {
  return /\p{Script=Latin}/u.test(text) && !/\p{Script=Arabic}/u.test(text);
}

export class ArabiziOffer {
  constructor(
    private readonly offered: StatePropertyAccessor<boolean>,
    private readonly i18n: I18n,
  ) {}

  /**
   * After the turn's answer: the offer, when this message was Arabizi, the reply is Arabic, the
   * resident did not choose Arabic themselves, nothing waits for an answer (its buttons would
   * replace the question's) and it was not made before in this conversation.
   */
  async afterTurn(ctx: TurnContext, text: string, awaitingAnswer: boolean): Promise<void> {
    const { lang, parse, resident, t } = turnInfo(ctx);
    if (lang !== 'ar' || parse?.lang !== 'ar' || parse.intent === 'emergency' || awaitingAnswer) return;
    if (resident.languageSource === 'explicit' || ctx.activity.value !== undefined || !writtenInLatin(text)) return;
    if (await this.offered.get(ctx, false)) return;
    await this.offered.set(ctx, true);
    const choices = this.i18n.languages.filter((l) => l !== lang).map((l) => ({ value: this.i18n.nativeName(l), title: this.i18n.nativeName(l) }));
    await say(ctx, t('common:language.arabiziOffer'), { prompt: 'language', choices });
  }
}
