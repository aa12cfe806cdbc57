// The gentle check for a doubtful safety signal ("I'm scared", "I don't feel safe", hopelessness
// without intent): "Are you safe right now?" with yes / no / a person — no crisis numbers and no
// handoff unless the resident says no. It sits on top of whatever was running, like the language
// question: after the answer the flow's question comes back; a message that is not an answer to
// it is simply handled as the next message.
import { Dialog, DialogTurnStatus, type DialogContext, type DialogTurnResult } from './sdk';
import { normalise } from '../src/understanding';
import { handoffOpenedThisTurn, startHandoff } from './handoff';
import { say } from './reply';
import { turnInfo, type DialogServices } from './turn';

type Answer = 'yes' | 'no' | 'human';

/** The main dialog's router (main-dialog.ts): it handles a message that is no answer to the check. */
const ROUTER = 'route';

/** How many words a typed yes/no may have ("nej ikke rigtig", "no I'm not"). */
const SHORT_ANSWER = 4;

export class SafetyCheckDialog extends Dialog {
  static readonly id = 'safetyCheck';

  constructor() {
    super(SafetyCheckDialog.id);
  }

  override async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(dc.context);
    await say(dc.context, t('safety:check.ask'), {
      prompt: 'safety',
      choices: [
        { value: 'yes', title: t('safety:check.yes') },
        { value: 'no', title: t('safety:check.no') },
        { value: 'human', title: t('safety:check.person') },
      ],
    });
    return Dialog.EndOfTurn;
  }

  // Answers are read by continueSafetyCheck before the dialog stack runs; reaching here means
  // the check was left behind by something else: let it go.
  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    return dc.endDialog();
  }
}

/** Opens the check on top of what is running. */
export async function beginSafetyCheck(dc: DialogContext): Promise<DialogTurnResult> {
  await dc.beginDialog(SafetyCheckDialog.id);
  return { status: DialogTurnStatus.waiting };
}

/**
 * Reads the answer to an open check. Undefined when no check is open, or when the message is no
 * answer to it (the check is dropped and the message goes on as usual).
 */
export async function continueSafetyCheck(dc: DialogContext, services: DialogServices): Promise<DialogTurnResult | undefined> {
  if (dc.activeDialog?.id !== SafetyCheckDialog.id) return undefined;
  const ctx = dc.context;
  const { t } = turnInfo(ctx);
  const answer = readAnswer(ctx.activity.text ?? '', ctx.activity.value, services);
  if (!answer) {
    // Not an answer: drop the check quietly (no re-ask) and let the message be handled. With
    // nothing below it but the router, the router starts again with this message.
    if (dc.stack.length <= 2) {
      await dc.cancelAllDialogs();
      return dc.beginDialog(ROUTER);
    }
    dc.stack.shift();
    return undefined;
  }
  if (answer === 'yes') {
    await say(ctx, t('safety:check.safe'));
    return dc.endDialog();
  }
  if (answer === 'no') {
    // The numbers first; a person is told in addition, as for any clear emergency.
    await say(ctx, t('safety:emergency'));
    await startHandoff(ctx, services, { trigger: 'emergency' });
  } else {
    await startHandoff(ctx, services, { trigger: 'asked' });
  }
  if (handoffOpenedThisTurn(ctx)) {
    await dc.cancelAllDialogs();
    return { status: DialogTurnStatus.complete };
  }
  return dc.endDialog();
}

/** yes / no / a person, as a button value or typed in any of the languages. Unsure counts as no. */
function readAnswer(text: string, value: unknown, services: DialogServices): Answer | undefined {
  const v = typeof value === 'string' ? value : text.trim();
  if (v === 'yes' || v === 'no' || v === 'human') return v;
  const said = normalise(text);
  const words = said.split(' ').filter(Boolean);
  if (words.length === 0 || words.length > SHORT_ANSWER) return undefined;
  const lists = (...keys: string[]): string[] =>
    services.i18n.languages.flatMap((l) => keys.flatMap((k) => services.i18n.list(l, k))).map((w) => normalise(w));
  const no = lists('safety:check.words.no', 'common:answers.words.no');
  const yes = lists('safety:check.words.yes', 'common:answers.words.yes');
  // The whole message, or its first word: "nej", "nej ikke rigtig", "yes I'm fine".
  if (no.includes(said) || no.includes(words[0])) return 'no';
  if (yes.includes(said) || yes.includes(words[0])) return 'yes';
  return undefined;
}
