// Hands an activity to the bot's adapter in this process, through the same `process(req, res)`
// call as POST /api/messages, so a web chat message takes exactly the turn every channel takes.
// The adapter checks no token in anonymous (local) mode, which is why the local Direct Line is
// only switched on there (see web-chat.ts).

export interface TurnProcessor {
  process(req: unknown, res: unknown): Promise<void>;
}

/** The smallest response the adapter writes to: a status and an optional body. */
class TurnResponse {
  statusCode = 200;
  body: unknown;
  status(code: number): this {
    this.statusCode = code;
    return this;
  }
  header(): this {
    return this;
  }
  send(body?: unknown): this {
    this.body = body;
    return this;
  }
  end(): this {
    return this;
  }
}

/** Runs the turn and resolves with the adapter's status once every reply has been sent. */
export async function runTurn(bot: TurnProcessor, activity: Record<string, unknown>): Promise<number> {
  const res = new TurnResponse();
  await bot.process({ method: 'POST', headers: {}, body: activity }, res);
  return res.statusCode;
}
