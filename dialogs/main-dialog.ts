// The router: each message either continues the active flow or is routed by what it means.
// Interruptions (an emergency, asking for help, a person, another language, or "stop") work
// inside every flow.
import {
  ComponentDialog,
  DialogTurnStatus,
  WaterfallDialog,
  type DialogContext,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import type { Activity as ProgrammeActivity } from '../src/domain/catalogue';
import type { Intent, ParseResult } from '../src/understanding';
import { askWhichActivity, menuChoices, sendActivityInfo, sendActivityList, sendHelp, sendWelcome } from './answers';
import { LanguageDialog, setLanguage } from './language-dialog';
import { say } from './reply';
import { turnInfo, type DialogServices } from './turn';

const INTENTS: readonly Intent[] = [
  'greet', 'help', 'list_activities', 'activity_info', 'signup', 'my_registrations', 'cancel_registration',
  'human', 'change_language', 'privacy', 'emergency', 'smalltalk', 'out_of_scope',
];

export interface Routed {
  intent: Intent;
  activityId?: string;
  category?: string;
  language?: string;
  lowConfidence: boolean;
}

/**
 * What the resident wants. A button's stable value ("list_activities", "signup:parent-network",
 * an activity id) is taken literally; typed text goes by the understanding.
 */
export function route(text: string, parse: ParseResult | null, activityIds: ReadonlySet<string>, threshold: number): Routed {
  const value = text.trim();
  if ((INTENTS as readonly string[]).includes(value)) return { intent: value as Intent, lowConfidence: false };
  const [head, id] = value.split(':');
  if (id && activityIds.has(id) && (head === 'signup' || head === 'activity_info')) return { intent: head, activityId: id, lowConfidence: false };
  if (activityIds.has(value)) return { intent: 'activity_info', activityId: value, lowConfidence: false };
  if (!parse) return { intent: 'out_of_scope', lowConfidence: true };
  const e = parse.entities;
  return {
    intent: parse.intent,
    activityId: e.activity,
    category: e.category,
    language: e.language,
    lowConfidence: parse.intent !== 'emergency' && parse.confidence < threshold,
  };
}

export class MainDialog extends ComponentDialog {
  static readonly id = 'main';

  constructor(private readonly services: DialogServices, private readonly threshold: number) {
    super(MainDialog.id);
    this.addDialog(new WaterfallDialog('route', [this.routeStep.bind(this)]));
    this.addDialog(new LanguageDialog(services));
    this.initialDialogId = 'route';
  }

  protected override async onContinueDialog(inner: DialogContext): Promise<DialogTurnResult> {
    const interruption = await this.interrupt(inner);
    return interruption ?? super.onContinueDialog(inner);
  }

  /** Handles what must work in the middle of any flow; returns undefined to let the flow continue. */
  private async interrupt(inner: DialogContext): Promise<DialogTurnResult | undefined> {
    const ctx = inner.context;
    const { parse, t } = turnInfo(ctx);
    if (!parse) return undefined;
    const stopWords = t('common:stopWords', { returnObjects: true }) as unknown as string[];
    const text = (ctx.activity.text ?? '').trim().toLowerCase();
    if (Array.isArray(stopWords) && stopWords.includes(text)) {
      await inner.cancelAllDialogs();
      await say(ctx, turnInfo(ctx).t('common:stopped'), { prompt: 'menu', choices: menuChoices(ctx) });
      return { status: DialogTurnStatus.complete };
    }
    if (parse.intent === 'emergency' || (parse.confidence >= this.threshold && (parse.intent === 'human' || parse.intent === 'help'))) {
      await this.answer(ctx, route(ctx.activity.text ?? '', parse, new Set(), this.threshold), inner);
      // The flow stays where it was: re-ask its question so the resident can go on.
      if (inner.activeDialog) await inner.repromptDialog();
      return { status: DialogTurnStatus.waiting };
    }
    return undefined;
  }

  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const ctx = step.context;
    const activities = await this.services.catalogue.all();
    const routed = route(ctx.activity.text ?? '', turnInfo(ctx).parse, new Set(activities.map((a) => a.id)), this.threshold);
    if (routed.intent === 'change_language' && !routed.language) return step.beginDialog(LanguageDialog.id);
    await this.answer(ctx, routed, step, activities);
    return step.endDialog();
  }

  private async answer(ctx: TurnContext, r: Routed, dc: DialogContext, activities?: ProgrammeActivity[]): Promise<void> {
    const { t, resident } = turnInfo(ctx);
    const s = this.services;
    if (r.lowConfidence || r.intent === 'out_of_scope') {
      await say(ctx, t('common:notUnderstood'), { prompt: 'menu', choices: menuChoices(ctx) });
      return;
    }
    switch (r.intent) {
      case 'greet':
        if (resident.isNew) await sendWelcome(ctx);
        else await say(ctx, t('common:greet'), { prompt: 'menu', choices: menuChoices(ctx) });
        return;
      case 'help':
        return sendHelp(ctx);
      case 'list_activities':
        return sendActivityList(ctx, s);
      case 'activity_info':
      case 'signup': {
        const all = activities ?? (await s.catalogue.all());
        const matches = r.activityId ? all.filter((a) => a.id === r.activityId) : r.category ? all.filter((a) => a.category === r.category) : [];
        if (r.intent === 'signup' && matches.length) {
          await say(ctx, t('common:coming.signup'));
        }
        if (matches.length === 1) return sendActivityInfo(ctx, s, matches[0]);
        if (matches.length > 1) return askWhichActivity(ctx, s, matches);
        return r.intent === 'signup' ? say(ctx, t('common:coming.signup'), { prompt: 'activity', choices: [] }).then(() => sendActivityList(ctx, s)) : sendActivityList(ctx, s);
      }
      case 'my_registrations':
      case 'cancel_registration':
        return say(ctx, t('common:coming.registrations'), { prompt: 'menu', choices: menuChoices(ctx) });
      case 'human':
        return say(ctx, t('common:coming.human'), { prompt: 'menu', choices: menuChoices(ctx) });
      case 'change_language':
        if (r.language && s.i18n.languages.includes(r.language)) return setLanguage(ctx, s, r.language);
        await dc.beginDialog(LanguageDialog.id);
        return;
      case 'privacy':
        return say(ctx, t('privacy:summary'), { prompt: 'menu', choices: menuChoices(ctx) });
      case 'emergency':
        return say(ctx, t('safety:emergency'));
      case 'smalltalk':
        return say(ctx, t('common:smalltalk'));
    }
  }
}
