// The turn pipeline, in one place: drop duplicates → load resident and state → negotiate the
// language → run the dialogs → save state. Everything channel-specific stays in src/bot.
import { ActivityTypes, ConversationState, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { DialogSet, DialogTurnStatus, type DialogContext, type DialogState } from '../../dialogs/sdk';
import { MainDialog } from '../../dialogs/main-dialog';
import { ArabiziOffer } from '../../dialogs/arabizi-offer';
import { sendWelcome } from '../../dialogs/answers';
import { staffReachable } from '../../dialogs/handoff';
import { setLanguage } from '../../dialogs/language-dialog';
import { emptyMemory, type DialogueMemory } from '../../dialogs/memory';
import { afterGreeting } from '../../dialogs/phrases';
import { setTurnInfo } from '../../dialogs/turn';
import { sendPromotions } from '../../dialogs/registrations-dialog';
import { namesInConversation, removeCpr, warnAboutCpr } from '../../dialogs/privacy-rights';
import type { SignupServices } from '../../dialogs/signup/services';
import { FREE_TEXT_SLOTS, languageEvidence, resolveLanguage } from '../domain/residents';
import type { Logger } from '../log';
import { errorFields } from '../log';
import type { ProcessedActivities } from '../store/processed-activities';
import type { ParseResult } from '../understanding';
import { BotStateStorage } from './bot-state-storage';
import type { HandoffDesk } from './handoff';
import type { ProactiveNotifier } from './proactive';
import type { StateRepository } from '../store/state-repository';

/** Channels that cannot show buttons: choices are numbered there. */
const NO_BUTTONS = new Set(['sms', 'email', 'twilio-sms']);

/**
 * botbuilder-dialogs builds its memory scopes (a service collection and a settings parse, ~0.3 ms)
 * for every turn and keeps them in turn state under this key. They hold no state of a turn
 * (DialogManager shares one set across turns the same way), so the first turn's are handed to every
 * later one. Should the key ever change, each turn simply builds its own again.
 */
const DIALOG_SCOPES_KEY = 'DialogStateManagerConfiguration';

export interface BotDeps extends SignupServices {
  state: StateRepository;
  processed: ProcessedActivities;
  /** The understanding used for routing (offline, or with an LLM when configured). */
  parse: (text: string, hint: { lang?: string; names?: string[]; answering?: string }) => Promise<ParseResult>;
  /** Words the intent model knows (the handoff translation's masker tells names from words with it). */
  knownWord?: (word: string) => boolean;
  /** Staff traffic from Teams and residents in an open handoff go here before any dialog. */
  handoff?: HandoffDesk;
  /** Keeps where each resident can be reached without writing first (src/bot/proactive.ts). */
  notifier?: ProactiveNotifier;
}

export class Kvarterbot {
  private readonly conversationState: ConversationState;
  private readonly storage: BotStateStorage;
  private readonly dialogs: DialogSet;
  private readonly arabiziOffer: ArabiziOffer;
  private readonly memory: StatePropertyAccessor<DialogueMemory>;
  private readonly log: Logger;
  private dialogScopes: unknown;

  constructor(private readonly deps: BotDeps) {
    this.storage = new BotStateStorage(deps.state);
    this.conversationState = new ConversationState(this.storage);
    this.dialogs = new DialogSet(this.conversationState.createProperty<DialogState>('dialogState'));
    this.dialogs.add(new MainDialog(deps));
    this.arabiziOffer = new ArabiziOffer(this.conversationState.createProperty<boolean>('arabiziOffered'), deps.i18n);
    this.memory = this.conversationState.createProperty<DialogueMemory>('dialogue');
    deps.handoff?.attach(this.conversationState);
    this.log = deps.log.child({ mod: 'turn' });
  }

  async run(ctx: TurnContext): Promise<void> {
    const a = ctx.activity;
    const started = Date.now();
    const key = a.id ? `${a.channelId}:${a.conversation.id}:${a.id}` : null;
    const claim = key ? await this.deps.processed.claim(key) : undefined;
    if (claim === null) {
      this.log.info('duplicate activity dropped', { activityId: a.id?.slice(0, 64), channelId: a.channelId });
      return;
    }
    let failed = false;
    let finished = false;
    try {
      // A CPR number is never stored nor sent on (issue 14): out before anything reads the message.
      const cpr = a.type === ActivityTypes.Message && removeCpr(a);
      if (await this.deps.handoff?.intercept(ctx)) return;
      if (a.type === ActivityTypes.Message) await this.onMessage(ctx, cpr);
      else if (a.type === ActivityTypes.ConversationUpdate) await this.onConversationUpdate(ctx);
      else if (a.type === ActivityTypes.Event) await this.onEvent(ctx);
      // The state and the done mark in one commit when the state changed (a crash leaves both or neither).
      const save = () => this.conversationState.saveChanges(ctx);
      finished = claim ? await this.storage.saveFinishing(this.conversationState.get(ctx), claim, save) : (await save(), false);
    } catch (err) {
      failed = true;
      await claim?.release().catch((e) => this.log.error('release failed', errorFields(e)));
      throw err;
    } finally {
      // Only a finished turn makes later deliveries duplicates (after a crash the lease runs out).
      if (!failed && !finished) await claim?.done().catch((e) => this.log.error('marking the activity done failed', errorFields(e)));
      this.log.debug('turn', { type: a.type, channelId: a.channelId, ms: Date.now() - started });
    }
  }

  private async prepare(ctx: TurnContext, text: string | null): Promise<void> {
    const a = ctx.activity;
    const resident = await this.deps.residents.findOrCreate(a.channelId, a.from.id);
    await this.deps.notifier?.remember(ctx, resident.id);
    const memory = await this.memory.get(ctx, emptyMemory());
    // The language the channel reported is no prior for reading what the resident writes.
    const hint = resident.languageSource === 'channel' ? undefined : (resident.language ?? undefined);
    // What goes to a model (if one is configured) is masked: the names this conversation collected,
    // and a whole answer to a name question (src/understanding/mask.ts).
    const mask = { names: namesInConversation(ctx, resident.firstName), answering: memory.asked };
    const { parse, greeted } = text ? await this.understand(text, hint, mask, memory.clarifying?.text) : { parse: null, greeted: false };
    // Explicit choice > confident evidence from this message > stored (languageEvidence, resolveLanguage).
    const chosen = resolveLanguage({
      stored: resident.language,
      storedSource: resident.languageSource,
      detected:
        parse && text
          ? languageEvidence({
              text,
              detected: parse.lang,
              understood: parse.confidence >= this.deps.threshold && parse.intent !== 'out_of_scope',
              smallTalk: !greeted && ['greet', 'smalltalk'].includes(parse.intent),
              button: isButtonValue(a),
              storedSource: resident.languageSource,
              freeTextAnswer: memory.asked !== undefined && FREE_TEXT_SLOTS.has(memory.asked),
            })
          : null,
      channelLocale: a.locale,
      supported: this.deps.i18n.languages,
      fallback: this.deps.i18n.fallback,
    });
    if (chosen.language !== resident.language || chosen.source !== resident.languageSource) {
      await this.deps.residents.setLanguage(resident.id, chosen.language, chosen.source);
      resident.language = chosen.language;
      resident.languageSource = chosen.source;
    }
    setTurnInfo(ctx, {
      lang: chosen.language,
      t: this.deps.i18n.fixedT(chosen.language),
      resident,
      parse,
      buttons: !NO_BUTTONS.has(a.channelId),
      memory,
      greeted,
    });
  }

  /**
   * The understanding of a message. "hej, hvornår er forældrenetværket?" is a question with a
   * greeting in front: the question is what gets routed, when it is understood on its own. After a
   * clarifying question about `before`, a rephrase the model is unsure of alone ("the course", "for
   * my daughter") is read together with it; its language stays that of the message itself.
   */
  private async understand(
    text: string,
    lang: string | undefined,
    mask: { names: string[]; answering?: string },
    before?: string,
  ): Promise<{ parse: ParseResult; greeted: boolean }> {
    const rest = afterGreeting(text, this.deps.i18n);
    if (rest) {
      const question = await this.deps.parse(rest, { lang, ...mask });
      if (question.intent === 'emergency' || (question.confidence >= this.deps.threshold && question.intent !== 'greet' && question.intent !== 'smalltalk')) {
        return { parse: question, greeted: true };
      }
    }
    const alone = await this.deps.parse(text, { lang, ...mask });
    if (before && alone.intent !== 'emergency' && (alone.confidence < this.deps.threshold || alone.intent === 'out_of_scope')) {
      const together = await this.deps.parse(`${before}\n${text}`, { lang, ...mask });
      const helps = together.intent !== 'emergency' && together.intent !== 'out_of_scope' && together.confidence >= this.deps.threshold;
      if (helps) return { parse: { ...together, lang: alone.lang }, greeted: false };
    }
    return { parse: alone, greeted: false };
  }

  private async onMessage(ctx: TurnContext, cprRemoved = false): Promise<void> {
    const text = (ctx.activity.text ?? '').trim();
    await this.prepare(ctx, text || null);
    if (cprRemoved) {
      await warnAboutCpr(ctx);
      // Nothing but the number: the question the resident was answering is asked again.
      if (!text.replace(/<cpr>/g, '').replace(/[\s\p{P}]/gu, '')) {
        const dc = await this.dialogContext(ctx);
        if (dc.activeDialog) await dc.repromptDialog();
        return;
      }
    }
    await sendPromotions(ctx, this.deps);
    const dc = await this.dialogContext(ctx);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(MainDialog.id);
    if (text) await this.arabiziOffer.afterTurn(ctx, text, dc.activeDialog !== undefined);
  }

  private async dialogContext(ctx: TurnContext): Promise<DialogContext> {
    if (this.dialogScopes) ctx.turnState.set(DIALOG_SCOPES_KEY, this.dialogScopes);
    const dc = await this.dialogs.createContext(ctx);
    this.dialogScopes ??= ctx.turnState.get(DIALOG_SCOPES_KEY);
    return dc;
  }

  private async onConversationUpdate(ctx: TurnContext): Promise<void> {
    const a = ctx.activity;
    const joined = (a.membersAdded ?? []).filter((m) => m.id !== a.recipient.id);
    if (!joined.length) return;
    await this.prepare(ctx, null);
    await sendWelcome(ctx, await staffReachable(this.deps));
  }

  /**
   * Web chat's language switch (event "setLanguage"): an explicit choice. An open question is asked
   * again in the new language; otherwise the welcome, which the resident may not have understood.
   */
  private async onEvent(ctx: TurnContext): Promise<void> {
    const { name, value } = ctx.activity;
    if (name !== 'setLanguage' || typeof value !== 'string' || !this.deps.i18n.languages.includes(value)) return;
    await this.prepare(ctx, null);
    await setLanguage(ctx, this.deps, value);
    const dc = await this.dialogContext(ctx);
    if (dc.activeDialog) await dc.repromptDialog();
    else await sendWelcome(ctx, await staffReachable(this.deps));
  }
}

/** A tapped button sends a stable value ("pocket-money-job", "signup:course"), not words in a language. */
function isButtonValue(a: { value?: unknown; text?: string }): boolean {
  return a.value !== undefined || /^[a-z0-9]+([_:-][a-z0-9-]+)+$/.test((a.text ?? '').trim());
}
