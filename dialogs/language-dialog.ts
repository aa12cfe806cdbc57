// "Skift sprog" / "تغيير اللغة" / "change language": offers every language there is a locale for.
import { ComponentDialog, TextPrompt, WaterfallDialog, type PromptValidatorContext, type WaterfallStepContext } from './sdk';
import type { TurnContext } from 'botbuilder';
import { resolveChoice } from './choices';
import { buildMessage, say, type Choice } from './reply';
import { switchTurnLanguage, turnInfo, type DialogServices } from './turn';

export class LanguageDialog extends ComponentDialog {
  static readonly id = 'language';

  constructor(private readonly services: DialogServices) {
    super(LanguageDialog.id);
    this.addDialog(new WaterfallDialog('steps', [this.ask.bind(this), this.apply.bind(this)]));
    this.addDialog(new TextPrompt('languagePrompt', this.validate.bind(this)));
    this.initialDialogId = 'steps';
  }

  private choices(): Choice[] {
    return this.services.i18n.languages.map((l) => ({ value: l, title: this.services.i18n.nativeName(l) }));
  }

  private async ask(step: WaterfallStepContext) {
    const { t } = turnInfo(step.context);
    const prompt = buildMessage(step.context, t('common:language.ask'), { prompt: 'language', choices: this.choices() });
    const retryPrompt = buildMessage(step.context, t('common:language.retry'), { prompt: 'language', choices: this.choices() });
    return step.prompt('languagePrompt', { prompt, retryPrompt });
  }

  private async validate(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const info = turnInfo(prompt.context);
    const picked =
      resolveChoice(prompt.recognized.value ?? '', this.choices(), info.parse?.entities.number)?.value ?? info.parse?.entities.language;
    if (picked && this.services.i18n.languages.includes(picked)) {
      prompt.recognized.value = picked;
      return true;
    }
    return false;
  }

  private async apply(step: WaterfallStepContext) {
    await setLanguage(step.context, this.services, step.result as string);
    return step.endDialog();
  }
}

/** Stores an explicit language choice and confirms it in the new language. */
export async function setLanguage(ctx: TurnContext, services: DialogServices, lang: string): Promise<void> {
  const info = turnInfo(ctx);
  await services.residents.setLanguage(info.resident.id, lang, 'explicit');
  info.resident.language = lang;
  info.resident.languageSource = 'explicit';
  const switched = switchTurnLanguage(ctx, services.i18n, lang);
  await say(ctx, switched.t('common:language.changed', { language: services.i18n.nativeName(lang) }));
}
