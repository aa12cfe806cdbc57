// The part of the Adaptive Card schema (v1.5, adaptivecards.io/explorer) the handoff card uses,
// typed, so a misspelt property or a wrong enum value fails the type check instead of rendering
// as nothing in Teams. Microsoft's typed builders (@microsoft/teams.cards) need Node 22. Type
// aliases, not interfaces, so a card still passes where a plain JSON object is expected.

export type TextSize = 'Small' | 'Default' | 'Medium' | 'Large' | 'ExtraLarge';
export type TextWeight = 'Lighter' | 'Default' | 'Bolder';
export type TextColor = 'Default' | 'Dark' | 'Light' | 'Accent' | 'Good' | 'Warning' | 'Attention';
export type Spacing = 'None' | 'Small' | 'Default' | 'Medium' | 'Large' | 'ExtraLarge' | 'Padding';

export type TextBlock = {
  type: 'TextBlock';
  text: string;
  wrap?: boolean;
  size?: TextSize;
  weight?: TextWeight;
  color?: TextColor;
  isSubtle?: boolean;
  spacing?: Spacing;
};

export type FactSet = {
  type: 'FactSet';
  facts: { title: string; value: string }[];
  spacing?: Spacing;
};

export type CardElement = TextBlock | FactSet;

export type SubmitAction = {
  type: 'Action.Submit';
  title: string;
  data?: Record<string, unknown>;
  style?: 'default' | 'positive' | 'destructive';
};

/** Universal Actions (Teams answers with an adaptiveCard/action invoke); `fallback` for older clients. */
export type ExecuteAction = {
  type: 'Action.Execute';
  title: string;
  verb: string;
  data?: Record<string, unknown>;
  style?: 'default' | 'positive' | 'destructive';
  fallback?: SubmitAction | 'drop';
};

export type CardAction = ExecuteAction | SubmitAction;

export type AdaptiveCard = {
  type: 'AdaptiveCard';
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  version: '1.5';
  /** Teams' own extension: the card takes the thread's full width. */
  msteams?: { width: 'Full' };
  body: CardElement[];
  actions?: CardAction[];
};
