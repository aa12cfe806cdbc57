// A flow that is a row of steps asking through the one AskPrompt (ask-prompt.ts): the guardian's
// code, the erasure, the cancellation. The waterfall keeps the id 'steps' it had in each of them,
// so a dialog stack saved before a restart still resumes.
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from './sdk';
import { AskPrompt } from './ask-prompt';
import type { DialogServices } from './turn';

export type Step = (step: WaterfallStepContext) => Promise<DialogTurnResult>;

export abstract class AskingDialog extends ComponentDialog {
  protected constructor(id: string, services: DialogServices) {
    super(id);
    this.addDialog(new WaterfallDialog('steps', this.steps().map((step) => step.bind(this))));
    this.addDialog(new AskPrompt(services));
    this.initialDialogId = 'steps';
  }

  /** The steps in order: methods of the dialog, run with it as `this`. */
  protected abstract steps(): Step[];
}
