// What the local Direct Line needs from the bot: a turn in this process. The Direct Line has
// checked its own token, so the activity does not pass the channel-token check of
// POST /api/messages, and it works the same with MICROSOFT_APP_ID set (authenticated) or not.
// The bot answers through its connector, the `serviceUrl` on this server whose path is given once
// with `localConnector` (replies there need no Azure token).

export interface TurnProcessor {
  /** Runs the turn; resolves once every reply has been sent to the connector. */
  processDirect(activity: Record<string, unknown>, origin: { ip?: string }): Promise<void>;
  localConnector(path: string): void;
}
