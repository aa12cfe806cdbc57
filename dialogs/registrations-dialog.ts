// "Vis mine tilmeldinger" and "afmeld": a resident's registrations with status and waitlist
// place, and cancelling one after a yes.
import { type DialogTurnResult, type WaterfallStepContext } from './sdk';
import type { TurnContext } from 'botbuilder';
import { textFor } from '../src/domain/catalogue';
import type { RegistrationView } from '../src/domain/registrations';
import { menuChoices } from './answers';
import { ASK_PROMPT, askOptions } from './ask-prompt';
import { AskingDialog, type Step } from './asking-dialog';
import { say } from './reply';
import { statusLine, whenText } from './signup/confirmation';
import type { SignupServices } from './signup/services';
import { turnInfo } from './turn';

async function describe(ctx: TurnContext, s: SignupServices, r: RegistrationView): Promise<string> {
  const { t, lang } = turnInfo(ctx);
  const activity = await s.catalogue.byId(r.activityId);
  const title = activity ? textFor(activity, lang, s.i18n.fallback).title : r.activityId;
  const when = whenText(s, lang, activity, r);
  return t(when ? 'registrations:item' : 'registrations:itemNoDate', { title, when, code: r.referenceCode, name: r.participantName, status: statusLine(ctx, r) });
}

export async function sendMyRegistrations(ctx: TurnContext, s: SignupServices): Promise<void> {
  const { t, resident } = turnInfo(ctx);
  const list = await s.registrations.listForResident(resident.id);
  if (!list.length) {
    await say(ctx, t('registrations:none'), { prompt: 'menu', choices: menuChoices(ctx) });
    return;
  }
  const lines = [t('registrations:intro', { count: list.length }), ...(await Promise.all(list.map((r) => describe(ctx, s, r))))];
  await say(ctx, lines.join('\n'), {
    prompt: 'registration',
    choices: list.map((r) => ({ value: `cancel:${r.id}`, title: t('registrations:cancelButton', { code: r.referenceCode }) })),
  });
}

/** Tells a resident about seats they got from the waitlist since they last wrote. */
export async function sendPromotions(ctx: TurnContext, s: SignupServices): Promise<void> {
  if (!turnInfo(ctx).resident.pendingPromotions) return;
  const promoted = await s.registrations.takePromotions(turnInfo(ctx).resident.id);
  for (const r of promoted) await say(ctx, `${turnInfo(ctx).t('registrations:promoted')}\n${await describe(ctx, s, r)}`);
}

interface CancelOptions { registrationId?: string }

export class CancelRegistrationDialog extends AskingDialog {
  static readonly id = 'cancelRegistration';

  constructor(private readonly s: SignupServices) {
    super(CancelRegistrationDialog.id, s);
  }

  protected steps(): Step[] {
    return [this.which, this.confirm, this.cancel];
  }

  private async which(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const ctx = step.context;
    const list = await this.s.registrations.listForResident(turnInfo(ctx).resident.id);
    const wanted = (step.options as CancelOptions).registrationId;
    if (wanted && list.some((r) => r.id === wanted)) return step.next(wanted);
    if (!list.length) {
      await say(ctx, turnInfo(ctx).t('registrations:none'), { prompt: 'menu', choices: menuChoices(ctx) });
      return step.endDialog();
    }
    if (list.length === 1) return step.next(list[0].id);
    const choices = await Promise.all(list.map(async (r) => ({ value: r.id, title: { byLang: { [turnInfo(ctx).lang]: await describe(ctx, this.s, r) } } })));
    return step.prompt(ASK_PROMPT, askOptions({ slot: 'registration', kind: 'choice', text: { key: 'registrations:whichToCancel' }, retry: { key: 'signup:retry.activity' }, choices }));
  }

  private async confirm(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const ctx = step.context;
    const id = String(step.result);
    (step.values as { id?: string }).id = id;
    const r = (await this.s.registrations.listForResident(turnInfo(ctx).resident.id)).find((x) => x.id === id);
    if (!r) return step.endDialog();
    return step.prompt(ASK_PROMPT, askOptions({
      slot: 'confirm', kind: 'yesno', retry: { key: 'signup:retry.confirm' },
      text: { key: 'registrations:confirmCancel', vars: { what: await describe(ctx, this.s, r) } },
    }));
  }

  private async cancel(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const ctx = step.context;
    const { t, resident } = turnInfo(ctx);
    if (step.result !== 'yes') {
      await say(ctx, t('registrations:kept'), { prompt: 'menu', choices: menuChoices(ctx) });
      return step.endDialog();
    }
    const outcome = await this.s.registrations.cancel(resident.id, (step.values as { id: string }).id);
    this.s.catalogue.invalidate();
    await say(ctx, outcome.ok ? t('registrations:cancelled') : t('registrations:notFound'), { prompt: 'menu', choices: menuChoices(ctx) });
    return step.endDialog();
  }
}
