// The parts of botbuilder-dialogs the flows use, imported from their own modules. The package's index
// loads every prompt and with them Microsoft's date-time and unit recognizers (about 13 MB of heap
// and 30 MB of memory per process), which no flow here uses: our prompts recognise answers
// themselves (ask-prompt.ts). Types may come from the package itself (they cost nothing at run time).
// test/bot/dialogs-sdk.test.ts fails if a module moves or the recognizers are loaded again.
export { ComponentDialog } from 'botbuilder-dialogs/lib/componentDialog';
export { WaterfallDialog } from 'botbuilder-dialogs/lib/waterfallDialog';
export { Dialog, DialogTurnStatus } from 'botbuilder-dialogs/lib/dialog';
export { DialogSet } from 'botbuilder-dialogs/lib/dialogSet';
export { Prompt } from 'botbuilder-dialogs/lib/prompts/prompt';
export { TextPrompt } from 'botbuilder-dialogs/lib/prompts/textPrompt';
export type {
  DialogContext, DialogState, DialogTurnResult, PromptOptions, PromptRecognizerResult, PromptValidatorContext, WaterfallStepContext,
} from 'botbuilder-dialogs';
