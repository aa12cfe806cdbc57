// A resident's rights in the chat (issue 14), in their language: "hvad ved I om mig?" / "ماذا تعرفون
// عني؟" lists everything stored about them; "slet mine oplysninger" / "احذف بياناتي" (or withdrawing
// consent) explains what happens, asks, erases everything (a held seat goes to the next on the
// waitlist) and confirms. Any other privacy question gets the summary, with the periods the
// retention job keeps to (the same configuration as /privacy).
import { type DialogTurnResult, type WaterfallStepContext } from './sdk';
import type { TurnContext } from 'botbuilder';
import { textFor } from '../src/domain/catalogue';
import type { ResidentData } from '../src/domain/privacy';
import { PROMISED_RETENTION, retentionTextVars, type RetentionPolicy } from '../src/domain/retention';
import type { I18n } from '../src/i18n';
import { normalise } from '../src/understanding/normalise';
import { formatWhen, menuChoices } from './answers';
import { ASK_PROMPT, askOptions } from './ask-prompt';
import { AskingDialog, type Step } from './asking-dialog';
import { say } from './reply';
import type { SignupServices } from './signup/services';
import { turnInfo } from './turn';

export type PrivacyRequest = 'erase' | 'myData' | 'about';

const DEFAULT_POLICY = PROMISED_RETENTION;

const phraseCache = new WeakMap<I18n, Record<'erase' | 'myData', string[]>>();

function phrases(i18n: I18n): Record<'erase' | 'myData', string[]> {
  let p = phraseCache.get(i18n);
  if (!p) {
    const all = (key: string) => i18n.languages.flatMap((l) => i18n.list(l, key)).map((s) => ` ${normalise(s)} `).filter((s) => s.trim());
    p = { erase: all('privacy:requests.erase'), myData: all('privacy:requests.myData') };
    phraseCache.set(i18n, p);
  }
  return p;
}

/** What a privacy message asks for: erasure (also withdrawing consent), what is stored, or about privacy. */
export function privacyRequest(text: string, i18n: I18n): PrivacyRequest {
  const t = ` ${normalise(text)} `;
  const p = phrases(i18n);
  if (p.erase.some((s) => t.includes(s))) return 'erase';
  if (p.myData.some((s) => t.includes(s))) return 'myData';
  return 'about';
}

/** The retention periods as the texts say them (src/domain/retention.ts). */
export function periodVars(policy: RetentionPolicy | undefined): Record<string, number> {
  const { months, idleDays, transcriptDays, afterEndDays } = retentionTextVars(() => '', policy ?? DEFAULT_POLICY);
  return { afterEndDays, months, idleDays, transcriptDays };
}

/** How long registrations are kept, in one phrase ("when the activity is over" or "N days after"). */
export function whenOver(t: (k: string, v?: Record<string, unknown>) => string, policy: RetentionPolicy | undefined): string {
  return retentionTextVars(t, policy ?? DEFAULT_POLICY).whenOver;
}

/** A privacy question outside the erasure dialog: what is stored, or the summary. */
export async function answerPrivacy(ctx: TurnContext, s: SignupServices): Promise<void> {
  const { t } = turnInfo(ctx);
  if (privacyRequest(ctx.activity.text ?? '', s.i18n) === 'myData' && s.privacy) return sendMyData(ctx, s);
  await say(ctx, t('privacy:summary', { ...periodVars(s.retention), whenOver: whenOver(t, s.retention) }), { prompt: 'menu', choices: menuChoices(ctx) });
}

function registrationLine(ctx: TurnContext, s: SignupServices, data: ResidentData['registrations'][number], title: string): string {
  const { t, lang } = turnInfo(ctx);
  const details = [
    data.participantName && t('privacy:myData.name', { value: data.participantName }),
    data.participantBirthYear && t('privacy:myData.birthYear', { value: String(data.participantBirthYear) }),
    data.participantPhone && t('privacy:myData.phone', { value: data.participantPhone }),
    data.guardianName && t('privacy:myData.guardianName', { value: data.guardianName }),
    data.guardianPhone && t('privacy:myData.guardianPhone', { value: data.guardianPhone }),
  ].filter(Boolean);
  const when = data.sessionStartsAt ? formatWhen(s, lang, data.sessionStartsAt) : null;
  const head = t(when ? 'privacy:myData.registration' : 'privacy:myData.registrationNoDate', {
    title, when, code: data.referenceCode, status: t(`privacy:status.${data.status}`),
  });
  return [head, ...details.map((d) => `  ${d}`)].join('\n');
}

/** Everything stored about the resident, in their language. */
export async function sendMyData(ctx: TurnContext, s: SignupServices): Promise<void> {
  const { t, lang, resident } = turnInfo(ctx);
  const data = await s.privacy!.export(resident.id);
  const lines = [t('privacy:myData.header')];
  lines.push(t('privacy:myData.language', { language: s.i18n.nativeName(data?.language ?? lang) }));
  lines.push(data?.consentAt ? t('privacy:myData.consent', { date: formatWhen(s, lang, data.consentAt) }) : t('privacy:myData.noConsent'));
  for (const g of data?.registrations ?? []) {
    const activity = await s.catalogue.byId(g.activityId);
    lines.push(registrationLine(ctx, s, g, activity ? textFor(activity, lang, s.i18n.fallback).title : g.activityId));
  }
  for (const h of (data?.handoffs ?? []).filter((x) => x.status !== 'closed')) {
    lines.push(t('privacy:myData.handoff', { date: formatWhen(s, lang, h.createdAt) }));
  }
  lines.push(t('privacy:myData.footer', { ...periodVars(s.retention), whenOver: whenOver(t, s.retention) }));
  await say(ctx, lines.join('\n'), { prompt: 'menu', choices: menuChoices(ctx) });
}

/**
 * botbuilder's cached conversation state of this turn: emptied after an erasure, so what the
 * pipeline saves at the end of the turn holds nothing of the resident (draft, recent questions).
 */
function forgetConversation(ctx: TurnContext): void {
  const cached = ctx.turnState.get('ConversationState') as { state?: Record<string, unknown> } | undefined;
  if (cached?.state) for (const key of Object.keys(cached.state)) delete cached.state[key];
  const memory = turnInfo(ctx).memory;
  if (memory) {
    for (const key of Object.keys(memory)) delete (memory as unknown as Record<string, unknown>)[key];
    memory.misses = 0;
  }
}

/** "Slet mine oplysninger": what happens, a yes or no, then everything goes. */
export class PrivacyRightsDialog extends AskingDialog {
  static readonly id = 'privacyRights';

  constructor(private readonly s: SignupServices) {
    super(PrivacyRightsDialog.id, s);
  }

  protected steps(): Step[] {
    return [this.confirm, this.erase];
  }

  private async confirm(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.prompt(ASK_PROMPT, askOptions({
      slot: 'eraseConfirm', kind: 'yesno', text: { key: 'privacy:erase.explain' }, retry: { key: 'privacy:erase.retry' },
    }));
  }

  private async erase(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const ctx = step.context;
    const { t, resident } = turnInfo(ctx);
    if (step.result !== 'yes' || !this.s.privacy) {
      await say(ctx, t('privacy:erase.kept'), { prompt: 'menu', choices: menuChoices(ctx) });
      return step.endDialog();
    }
    const a = ctx.activity;
    await this.s.privacy.erase(resident.id, { stateKeys: [`${a.channelId}/conversations/${a.conversation.id}/`] });
    this.s.catalogue.invalidate();
    const done = await step.endDialog();
    forgetConversation(ctx);
    await say(ctx, t('privacy:erase.done'));
    return done;
  }
}

/**
 * The names this conversation has collected (a sign-up's answers so far, the resident's first name):
 * given to the masker before any text goes to a model, so "Aisha" is masked wherever she reappears.
 */
export function namesInConversation(ctx: TurnContext, firstName: string | null): string[] {
  const names = new Set<string>(firstName ? [firstName] : []);
  const cached = ctx.turnState.get('ConversationState') as { state?: { dialogState?: unknown } } | undefined;
  const visit = (v: unknown, depth: number): void => {
    if (!v || typeof v !== 'object' || depth > 12) return;
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (typeof x === 'string' && (k === 'participantName' || k === 'guardianName' || k === 'first')) names.add(x);
      else visit(x, depth + 1);
    }
  };
  visit(cached?.state?.dialogState, 0);
  return [...names];
}

// A CPR number (ddmmyy-xxxx), in any digits: never stored, never sent on.
const CPR = /(?<![\d+])(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d{2}[ -]?\d{4}(?!\d)/g;

/**
 * Takes CPR numbers out of a message before anything reads or stores it (sign-up answers, handoff
 * messages, the model). True when one was there: the resident is then told not to send it.
 */
export function removeCpr(activity: { text?: string }): boolean {
  const text = activity.text;
  if (!text) return false;
  const ascii = text.replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660)).replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
  let found = false;
  const out = ascii.replace(CPR, () => {
    found = true;
    return '<cpr>';
  });
  if (found) activity.text = out;
  return found;
}

/** "Send ikke dit CPR-nummer": said once in the turn a CPR number was taken out. */
export async function warnAboutCpr(ctx: TurnContext): Promise<void> {
  await ctx.sendActivity({ type: 'message', text: turnInfo(ctx).t('privacy:cpr'), locale: turnInfo(ctx).lang });
}
