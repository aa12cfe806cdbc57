// ESLint (flat config): typescript-eslint's syntax-only rules, plus the layers of
// ../shared/ARCHITECTURE.md enforced by eslint-plugin-boundaries, so a wrong import fails
// `npm run lint` (and CI) instead of waiting for a reviewer. No type-aware rules: they would
// make the lint as slow as a full type check, which `npm run typecheck` already does.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import boundaries from 'eslint-plugin-boundaries';

/** Each layer is a folder of the layout in ARCHITECTURE.md. */
export const layers = [
  { type: 'domain', pattern: 'src/domain', partialMatch: false },
  { type: 'understanding', pattern: 'src/understanding', partialMatch: false },
  { type: 'store', pattern: 'src/store', partialMatch: false },
  { type: 'bot', pattern: 'src/bot', partialMatch: false },
  { type: 'dialogs', pattern: 'dialogs', partialMatch: false },
  { type: 'http', pattern: 'src/http', partialMatch: false },
  { type: 'tab', pattern: 'src/tab', partialMatch: false },
  { type: 'generated', pattern: 'generated', partialMatch: false },
];
/** Single files at the top of src/: the composition root, and the leaves every layer may use. */
export const files = [
  { category: 'root', pattern: 'src/{main,app}.ts' },
  { category: 'shared', pattern: 'src/{config,log,i18n,paths}.ts' },
];

const layer = (...types) => ({ element: { type: types } });
const shared = { file: { categories: 'shared' } };

/**
 * Local imports, as allow-lists: dependencies point inward (http → bot → dialogs → domain ←
 * store). Imports inside one layer are always fine; the composition root (src/main.ts,
 * src/app.ts), tests and scripts may import anything.
 */
const allowedLocal = [
  { from: layer('domain'), to: [], why: 'src/domain holds the programme rules as plain code: it imports no other layer (ports come in as parameters).' },
  { from: layer('understanding'), to: [layer('domain'), shared], why: 'src/understanding parses text: it may use the domain and config/log/i18n, not storage, the bot, dialogs or HTTP.' },
  { from: layer('store'), to: [layer('domain', 'generated'), shared], why: 'src/store implements domain ports over Prisma: it knows nothing of the bot, dialogs, understanding or HTTP.' },
  { from: layer('dialogs'), to: [layer('domain', 'understanding'), shared], why: 'dialogs/ never imports src/http, src/store or src/bot: storage reaches a dialog through the services passed in.' },
  { from: layer('bot'), to: [layer('dialogs', 'domain', 'understanding', 'store'), shared], why: 'src/bot is called by src/http and the composition root, never the other way round.' },
  { from: layer('http'), to: [layer('bot', 'domain', 'understanding', 'store'), shared], why: 'src/http is thin: it calls the bot, the domain and the repositories, not the dialogs or the Prisma client.' },
  { from: shared, to: [layer('domain'), shared], why: 'config, log, i18n and paths are leaves every layer uses: they import no layer but the domain.' },
  { from: layer('tab'), to: [], why: 'src/tab is browser code: it talks to the server over HTTP only.' },
];
const localPolicies = allowedLocal.flatMap(({ from, to, why }) => [
  { from, disallow: { to: { origin: 'local' } }, message: why },
  ...to.map((target) => ({ from, allow: { to: target } })),
]);

const botFramework = ['botbuilder', 'botbuilder-*', 'botframework-*'];
const database = ['@prisma/*', 'prisma', 'pg', 'better-sqlite3'];
const packages = (...sources) => ({ to: { module: { origin: 'external', source: sources.flat() } } });

/** Packages: botbuilder only in src/bot and dialogs/, the database only in src/store. */
const externalPolicies = [
  {
    from: layer('domain'),
    disallow: packages(botFramework, 'restify', database, 'openai', 'i18next', 'zod'),
    message: 'src/domain imports no framework, no database and no i18n: it is plain TypeScript.',
  },
  {
    from: layer('understanding'),
    disallow: packages(botFramework, 'restify', database),
    message: 'src/understanding imports no bot framework, web server or database.',
  },
  {
    from: layer('store'),
    disallow: packages(botFramework, 'restify', 'openai'),
    message: 'src/store imports no bot framework, web server or LLM client.',
  },
  { from: layer('http'), disallow: packages(botFramework), message: 'botbuilder lives in src/bot and dialogs/ only.' },
  { from: shared, disallow: packages(botFramework, 'restify', database), message: 'config, log, i18n and paths import no framework.' },
  {
    from: layer('dialogs'),
    disallow: packages('restify', database),
    message: 'dialogs/ imports no web server and no database.',
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'generated/**', 'node_modules/**', 'data/**', 'src/web/**', 'coverage/**', '**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mjs'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': layers,
      'boundaries/files': files,
      'import/resolver': { node: { extensions: ['.ts', '.js', '.json'] } },
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        { default: 'allow', checkAllOrigins: true, policies: [...localPolicies, ...externalPolicies] },
      ],
      // `_name` marks what a signature needs but the body does not use.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // Logging goes through src/log.ts (named loggers, no personal data): no console in the app.
    files: ['src/**/*.ts', 'dialogs/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    // Reroutes botbuilder's own console calls to the logger: it has to touch the console.
    files: ['src/bot/console-guard.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // Loads only the generated client and driver of the configured database, at run time.
    files: ['src/store/prisma.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tests and scripts poke at raw activities and JSON shapes, and load optional tools lazily.
    files: ['test/**/*.ts', 'scripts/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
);
