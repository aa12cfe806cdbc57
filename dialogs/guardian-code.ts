// A parent writes the code their child was given ("ABCD-2345", in any conversation, any language):
// they see what the child signed up for and what is stored, and answer yes or no (issue 14). The
// same answer as the page at /guardian/<token> (src/http/guardian-page.ts); the child is told
// through the outbox. A code that is no guardian code is no concern of this dialog.
import { type DialogContext, type DialogTurnResult, type WaterfallStepContext } from './sdk';
import type { TurnContext } from 'botbuilder';
import { textFor } from '../src/domain/catalogue';
import { findGuardianCode, guardianDetailLines, openForAnswer, type GuardianCase } from '../src/domain/guardian';
import { formatWhen, menuChoices } from './answers';
import { ASK_PROMPT, askOptions } from './ask-prompt';
import { AskingDialog, type Step } from './asking-dialog';
import { say } from './reply';
import type { SignupServices } from './signup/services';
import { turnInfo } from './turn';

type GuardianServices = SignupServices;

/** The sign-up as the parent reads it, in `lang` (src/domain/guardian.ts, guardianDetailLines). */
export async function guardianDetails(s: Pick<SignupServices, 'catalogue' | 'i18n'>, lang: string, c: GuardianCase): Promise<string[]> {
  const activity = await s.catalogue.byId(c.activityId);
  const title = activity ? textFor(activity, lang, s.i18n.fallback).title : c.activityId;
  const when = c.sessionStartsAt ? formatWhen(s, lang, c.sessionStartsAt) : null;
  return guardianDetailLines(c, (key, vars) => s.i18n.t(lang, key, vars), { title, when });
}

export class GuardianCodeDialog extends AskingDialog {
  static readonly id = 'guardianCode';

  constructor(private readonly s: GuardianServices) {
    super(GuardianCodeDialog.id, s);
  }

  protected steps(): Step[] {
    return [this.show, this.answer];
  }

  private async show(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { lang } = turnInfo(step.context);
    const c = await this.s.guardians!.byId((step.options as { requestId: string }).requestId);
    if (!c) return step.endDialog();
    (step.values as { requestId?: string }).requestId = c.requestId;
    const details = (await guardianDetails(this.s, lang, c)).join('\n');
    return step.prompt(ASK_PROMPT, askOptions({ slot: 'guardianConsent', kind: 'yesno', text: { key: 'guardian:chat.show', vars: { details } }, retry: { key: 'signup:retry.confirm' } }));
  }

  private async answer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const ctx = step.context;
    const { t } = turnInfo(ctx);
    const answer = step.result === 'yes' ? 'yes' : 'no';
    const out = await this.s.guardians!.answer((step.values as { requestId: string }).requestId, answer, 'chat');
    this.s.catalogue.invalidate();
    const key = out.ok ? (answer === 'no' ? 'guardian:chat.no' : out.status === 'waitlisted' ? 'guardian:chat.yesWaitlisted' : 'guardian:chat.yes') : out.reason === 'expired' ? 'guardian:chat.expired' : 'guardian:chat.answered';
    await say(ctx, t(key), { prompt: 'menu', choices: menuChoices(ctx) });
    return step.endDialog();
  }
}

/**
 * A guardian code in the message starts the parent's yes/no; a used or expired one is said so.
 * Returns undefined when the message holds no code that is one (it is routed as usual then).
 */
export async function beginGuardianCode(dc: DialogContext, ctx: TurnContext, s: GuardianServices): Promise<DialogTurnResult | undefined> {
  if (!s.guardians) return undefined;
  const code = findGuardianCode(ctx.activity.text ?? '');
  if (!code) return undefined;
  const c = await s.guardians.byCode(code);
  if (!c) return undefined;
  if (!openForAnswer(c, s.now())) {
    const { t } = turnInfo(ctx);
    await say(ctx, t(c.answer !== null || c.status === 'cancelled' ? 'guardian:chat.answered' : 'guardian:chat.expired'), { prompt: 'menu', choices: menuChoices(ctx) });
    return dc.endDialog();
  }
  return dc.beginDialog(GuardianCodeDialog.id, { requestId: c.requestId });
}
