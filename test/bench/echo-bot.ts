// The baseline: a bare botbuilder echo bot (CloudAdapter + ActivityHandler, no state) on restify.
import restify from 'restify';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (ctx, next) => {
      await ctx.sendActivity(`echo: ${ctx.activity.text}`);
      await next();
    });
  }
}
const bot = new EchoBot();
const server = restify.createServer();
server.use(restify.plugins.bodyParser());
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, (ctx) => bot.run(ctx));
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`"msg":"listening","port":${(server.address() as { port: number }).port}\n`);
});
// Exit normally on SIGINT, so `--cpu-prof` (BENCH_PROFILE) can write its profile.
process.on('SIGINT', () => process.exit(0));
