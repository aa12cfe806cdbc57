// Builds outgoing messages. A message that asks for something names the slot in
// channelData.prompt and offers its choices as buttons (title translated, value stable) or,
// on channels without buttons, as numbered lines where a number is an answer.
import { ActionTypes, ActivityTypes, type Activity, type CardAction, type TurnContext } from 'botbuilder';
import { rememberOffered } from './memory';
import { turnInfo } from './turn';

export interface Choice {
  value: string;
  title: string;
}

export interface Ask {
  prompt?: string;
  choices?: Choice[];
}

function actionFor(channelId: string, c: Choice): CardAction {
  // Teams shows suggested actions only as imBack; elsewhere messageBack shows the
  // translated title in the chat while the bot receives the stable value.
  if (channelId === 'msteams') return { type: ActionTypes.ImBack, title: c.title, value: c.value };
  return { type: ActionTypes.MessageBack, title: c.title, text: c.value, displayText: c.title, value: c.value };
}

export function buildMessage(ctx: TurnContext, text: string, ask: Ask = {}): Partial<Activity> {
  const { lang, buttons, t } = turnInfo(ctx);
  const choices = ask.choices ?? [];
  const numbered = !buttons && choices.length > 0;
  const body = numbered ? [text, ...choices.map((c, i) => t('common:choices.numbered', { n: i + 1, title: c.title }))].join('\n') : text;
  const activity: Partial<Activity> = { type: ActivityTypes.Message, text: body, locale: lang, inputHint: ask.prompt ? 'expectingInput' : 'acceptingInput' };
  if (ask.prompt) activity.channelData = { prompt: ask.prompt, choices: choices.map((c) => c.value) };
  if (buttons && choices.length) {
    activity.suggestedActions = { to: [ctx.activity.from.id], actions: choices.map((c) => actionFor(ctx.activity.channelId, c)) };
  }
  return activity;
}

export async function say(ctx: TurnContext, text: string, ask: Ask = {}): Promise<void> {
  await ctx.sendActivity(buildMessage(ctx, text, ask));
  rememberOffered(ctx, ask.choices, ask.prompt);
}
