// Messages with no words at all: "?", "👍", "👋". A question mark is a resident who is lost (help);
// a thumbs-up or a thank-you emoji is an acknowledgement (a short reply, no clarifying question);
// a wave is a greeting. Anything else without words stays unsure, so the bot asks.

export interface SymbolReading {
  intent: 'help' | 'smalltalk' | 'greet';
  confidence: number;
}

const QUESTION = /[?؟❓❔🤔]/u;
const WAVE = /👋/u;
const ACKNOWLEDGE = /[👍👌🙏❤♥💙💚💜🧡💛😊🙂😀😁😃😄😆☺🥰😍😘💯✅✔👏🤝😂🤣😅💪✌🌹🌸💐]/u;

export function readSymbols(text: string): SymbolReading {
  if (QUESTION.test(text)) return { intent: 'help', confidence: 0.6 };
  if (WAVE.test(text)) return { intent: 'greet', confidence: 0.8 };
  if (ACKNOWLEDGE.test(text)) return { intent: 'smalltalk', confidence: 0.8 };
  return { intent: 'smalltalk', confidence: 0.2 };
}
