// Nothing personal reaches the model (issue 14): with an LLM configured (a fake OpenAI server on
// 127.0.0.1 that records what it is sent), names, phones, e-mails, addresses, CPR numbers and birth
// dates typed outside any flow and as answers in the sign-up flows never reach it, nor the log.
// A CPR number is never stored: the bot says not to send it.
import { startBot, texts, lastPrompt, buttons, type BotUnderTest } from '../support/harness';
import { FakeOpenAi } from '../support/fake-openai';
import type { Logger } from '../../src/log';

const personal = {
  names: ['Yasmin', 'Kowalczyk', 'Idris', 'Benali', 'Henriette', 'Strømgaard', 'يوسف', 'الخطيب'],
  phones: ['71727374', '61626364'],
  email: 'yasmin.k@example.dk',
  addresses: ['Kirkebjergvej 14', 'Baker Street', 'شارع النصر'],
  cpr: ['120312', '1234'],
  birthDates: ['12.03.2012', '12. marts 2012'],
};
const every = [...personal.names, ...personal.phones, personal.email, ...personal.addresses, '120312-1234', '1203121234', ...personal.birthDates];

let bot: BotUnderTest;
let model: FakeOpenAi;
const logLines: string[] = [];
const logger = (bindings: Record<string, unknown> = {}): Logger => {
  const write = (level: string) => (msg: string, fields?: Record<string, unknown>) => void logLines.push(JSON.stringify({ level, ...bindings, msg, ...fields }));
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error'), child: (b) => logger({ ...bindings, ...b }) };
};

beforeAll(async () => {
  model = await new FakeOpenAi({}).start();
  bot = await startBot({ env: { OPENAI_BASE_URL: model.baseUrl, OPENAI_API_KEY: 'test-key', LOG_LEVEL: 'debug' }, app: { logger: logger() } });
});
afterAll(async () => {
  await bot?.close();
  await model?.stop();
});

function expectNothingPersonal(): void {
  const sent = model.sent.join('\n');
  const flat = sent.replace(/[\s-]/g, '');
  const log = logLines.join('\n');
  for (const p of every) {
    expect(sent).not.toContain(p);
    expect(flat).not.toContain(p.replace(/[\s-]/g, ''));
    expect(log).not.toContain(p);
  }
}

test('outside any flow: every kind of personal data is masked before the model sees it', async () => {
  const chat = bot.chat();
  await chat.say('hej, jeg hedder Yasmin Kowalczyk og min mail er yasmin.k@example.dk');
  await chat.say('vi bor på Kirkebjergvej 14, 2630 Taastrup og min søn er født 12.03.2012');
  await chat.say('my daughter Henriette was born 12. marts 2012, we live at 221 Baker Street');
  await chat.say('بيتي في شارع النصر واسم ابني يوسف الخطيب');
  await chat.say('ring til mig på 71 72 73 74 tak');
  expect(model.sent.length).toBeGreaterThan(3);
  expectNothingPersonal();
});

test('sign-up answers: names, phones and birth years given to the flows never reach the model; a CPR number is refused and not stored', async () => {
  const before = model.sent.length;
  const parent = bot.chat();
  expect(lastPrompt(await parent.say('tilmeld mig forældrenetværk'))).toBe('consent');
  await parent.tap('yes');
  expect(lastPrompt(await parent.say('Idris Benali'))).toBe('phone');
  const cpr = await parent.say('120312-1234');
  expect(texts(cpr)).toMatch(/Send ikke dit CPR-nummer/);
  expect(lastPrompt(cpr)).toBe('phone');
  expect(lastPrompt(await parent.say('61 62 63 64'))).toBe('confirm');
  await parent.tap('yes');

  const child = bot.chat();
  expect(lastPrompt(await child.say('min datter vil gerne have et lommepengejob'))).toBe('birthYear');
  const session = await child.say(String(new Date().getFullYear() - 13));
  await child.tap(buttons(session)[0].value);
  await child.say('ja');
  await child.say('henriette strømgaard');
  await child.say('Idris Benali');
  await child.say('71 72 73 74');

  const arabic = bot.chat();
  await arabic.say('ابني عمره ١٣ سنة بدو شغل');
  await arabic.say('اسمه يوسف الخطيب');

  expect(model.sent.length).toBeGreaterThan(before);
  expectNothingPersonal();
  const stored = JSON.stringify(await bot.app.db.registration.findMany()) + JSON.stringify(await bot.app.db.botState.findMany());
  expect(stored.replace(/[\s-]/g, '')).not.toContain('1203121234');
});
