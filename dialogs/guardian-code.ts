// A parent writes the code their child was given ("ABCD-2345", in any conversation, any language):
// they see what the child signed up for and what is stored, and answer yes or no (issue 14). The
// same answer as the page at /guardian/<token> (src/http/guardian-page.ts); the child is told
// through the outbox. A code that is no guardian code is no concern of this dialog.
import { ComponentDialog, WaterfallDialog, type DialogContext, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import { textFor } from '../src/domain/catalogue';
import { findGuardianCode, openForAnswer, type GuardianCase } from '../src/domain/guardian';
import type { I18n } from '../src/i18n';
import { formatWhen, menuChoices } from './answers';
import { AskPrompt, ASK_PROMPT, askOptions } from './ask-prompt';
import { say } from './reply';
import type { SignupServices } from './signup/services';
import { turnInfo } from './turn';

type GuardianServices = SignupServices;

/** The lines a parent reads about their child's sign-up: activity, date, the data stored. Shared with the page. */
export async function guardianDetails(s: Pick<SignupServices, 'catalogue' | 'i18n'>, lang: string, c: GuardianCase): Promise<string[]> {
  const t = (key: string, vars?: Record<string, unknown>) => s.i18n.t(lang, key, vars);
  const activity = await s.catalogue.byId(c.activityId);
  const title = activity ? textFor(activity, lang, s.i18n.fallback).title : c.activityId;
  return [
    t('guardian:details.activity', { title }),
    ...(c.sessionStartsAt ? [t('guardian:details.when', { when: formatWhen(s as { i18n: I18n }, lang, c.sessionStartsAt) })] : []),
    t('guardian:details.code', { code: c.referenceCode }),
    ...(c.participantName ? [t('guardian:details.child', { name: c.participantName })] : []),
    ...(c.participantBirthYear ? [t('guardian:details.birthYear', { year: String(c.participantBirthYear) })] : []),
    ...(c.participantPhone ? [t('guardian:details.childPhone', { phone: c.participantPhone })] : []),
    ...(c.guardianName ? [t('guardian:details.parent', { name: c.guardianName, phone: c.guardianPhone ?? '' })] : []),
    t('guardian:details.stored'),
  ];
}

export class GuardianCodeDialog extends ComponentDialog {
  static readonly id = 'guardianCode';

  constructor(private readonly s: GuardianServices) {
    super(GuardianCodeDialog.id);
    this.addDialog(new WaterfallDialog('steps', [this.show.bind(this), this.answer.bind(this)]));
    this.addDialog(new AskPrompt(s));
    this.initialDialogId = 'steps';
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
