// Kvarterbot's chat page: the language switch, the privacy note and Microsoft's Web Chat against
// Direct Line. Plain browser JavaScript, no build step. Every text comes from the page's config
// (locales/<lang>/web.json, inlined by the server); the bot's own texts come from the bot.
(function () {
  'use strict';

  var config = JSON.parse(document.getElementById('kvarterbot-config').textContent);
  var SESSION_KEY = 'kvarterbot.session';
  var LANGUAGE_KEY = 'kvarterbot.language';
  var CONNECTION = { online: 2, expiredToken: 3, failedToConnect: 4, ended: 5 };
  var root = document.documentElement;
  var notice = document.getElementById('notice');
  var noticeText = document.getElementById('notice-text');
  var restartButton = document.getElementById('restart');
  var host = document.getElementById('webchat');
  var privacy = document.getElementById('privacy');

  var state = {
    lang: firstLanguage(), store: null, directLine: null, statusSubscription: null, online: false, unreachable: false,
    pendingLanguage: null, followTimer: 0
  };
  /** How often a polled conversation is looked at (see watch()). */
  var WATCH_MS = 5000;

  // sessionStorage can be switched off (private modes): the chat then simply starts afresh.
  function read(key) {
    try { return window.sessionStorage.getItem(key); } catch (e) { return null; }
  }
  function write(key, value) {
    try { window.sessionStorage.setItem(key, value); } catch (e) { /* not kept: see read() */ }
  }
  function forget(key) {
    try { window.sessionStorage.removeItem(key); } catch (e) { /* nothing kept */ }
  }

  /** A choice made in this tab, then a poster's ?lang=, then what the server picked from the browser. */
  function firstLanguage() {
    var saved = read(LANGUAGE_KEY);
    if (saved && config.text[saved]) return saved;
    var asked = new URLSearchParams(window.location.search).get('lang');
    if (asked && config.text[asked]) return asked;
    return config.text[root.lang] ? root.lang : config.defaultLanguage;
  }

  function t(key) {
    var value = key.split('.').reduce(function (node, k) { return node && node[k]; }, config.text[state.lang]);
    return typeof value === 'string' ? value : '';
  }

  function each(selector, fn) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), fn);
  }

  // ---- the page's own texts, direction and language switch ----

  function applyLanguage() {
    root.lang = state.lang;
    root.dir = config.text[state.lang].dir;
    document.title = t('meta.title');
    each('[data-text]', function (el) { el.textContent = t(el.getAttribute('data-text')); });
    each('[data-label]', function (el) { el.setAttribute('aria-label', t(el.getAttribute('data-label'))); });
    each('[data-lang]', function (el) { el.setAttribute('aria-pressed', String(el.getAttribute('data-lang') === state.lang)); });
    renderPrivacy();
    document.getElementById('privacy-more').href = '/privacy?lang=' + state.lang;
    document.getElementById('terms-link').href = '/terms?lang=' + state.lang;
    renderChat();
  }

  /** The bot's privacy summary: an opening line, then "• " lines as a list. */
  function renderPrivacy() {
    var box = document.getElementById('privacy-text');
    box.textContent = '';
    var list = null;
    config.text[state.lang].privacyText.split('\n').forEach(function (line) {
      if (!line.trim()) return;
      if (/^\s*•/.test(line)) {
        if (!list) list = box.appendChild(document.createElement('ul'));
        list.appendChild(document.createElement('li')).textContent = line.replace(/^\s*•\s*/, '');
      } else {
        list = null;
        box.appendChild(document.createElement('p')).textContent = line;
      }
    });
  }

  /** The resident chose a language: the page follows at once, and the bot is told (an explicit choice). */
  function chooseLanguage(lang) {
    if (!config.text[lang] || lang === state.lang) return;
    state.lang = lang;
    write(LANGUAGE_KEY, lang);
    applyLanguage();
    if (state.online) tellBot(lang);
    else state.pendingLanguage = lang;
  }

  function tellBot(lang) {
    state.pendingLanguage = null;
    state.store.dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: 'setLanguage', value: lang } });
  }

  /** The bot answers in the resident's language (e.g. after they wrote in Arabic): the page follows it. */
  function followBot(activity) {
    var lang = activity.type === 'message' && activity.from && activity.from.role === 'bot' && (activity.locale || '').split('-')[0];
    if (!lang || !config.text[lang]) return;
    // A resumed conversation replays its history at once: only the latest language counts.
    window.clearTimeout(state.followTimer);
    state.followTimer = window.setTimeout(function () {
      if (lang === state.lang) return;
      state.lang = lang;
      write(LANGUAGE_KEY, lang);
      applyLanguage();
    }, 250);
  }

  // ---- the chat ----

  function showNotice(key, canRestart) {
    noticeText.setAttribute('data-text', key);
    noticeText.textContent = t(key);
    restartButton.hidden = !canRestart;
    notice.hidden = false;
  }

  function webChatStrings() {
    return {
      TEXT_INPUT_PLACEHOLDER: t('webChat.placeholder'),
      TEXT_INPUT_ALT: t('webChat.inputLabel'),
      TEXT_INPUT_SEND_BUTTON_ALT: t('webChat.send'),
      ACTIVITY_BOT_SAID_ALT: t('webChat.botSaid'),
      ACTIVITY_YOU_SAID_ALT: t('webChat.youSaid'),
      SUGGESTED_ACTIONS_LABEL_ALT: t('webChat.suggestions'),
      TRANSCRIPT_ARIA_LABEL_ALT: t('webChat.transcript')
    };
  }

  var font = window.getComputedStyle(document.body).fontFamily;
  var brand = '#0e4a5c';
  var styleOptions = {
    primaryFont: font,
    accent: brand,
    subtle: '#5c5c5c',
    backgroundColor: '#ffffff',
    bubbleBackground: '#eef3f5',
    bubbleBorderWidth: 0,
    bubbleBorderRadius: 14,
    bubbleTextColor: '#1a1a1a',
    bubbleFromUserBackground: brand,
    bubbleFromUserBorderWidth: 0,
    bubbleFromUserBorderRadius: 14,
    bubbleFromUserTextColor: '#ffffff',
    bubbleMinWidth: 0,
    bubbleMaxWidth: 600,
    bubbleMinHeight: 36,
    hideUploadButton: true,
    sendBoxHeight: 52,
    sendBoxTextWrap: true,
    sendBoxBorderTop: 'solid 2px #8a9ba1',
    sendBoxPlaceholderColor: '#5c5c5c',
    sendBoxButtonColor: brand,
    suggestedActionLayout: 'flow',
    suggestedActionHeight: 44,
    suggestedActionBorderRadius: 22,
    suggestedActionBorderColor: brand,
    suggestedActionTextColor: brand,
    suggestedActionBackgroundColor: '#ffffff',
    suggestedActionBackgroundColorOnHover: '#e3eef1',
    suggestedActionBackgroundColorOnActive: '#cfe2e8',
    suggestedActionKeyboardFocusIndicatorBorderColor: '#1a1a1a',
    suggestedActionsStackedLayoutButtonTextWrap: true,
    timestampColor: '#5c5c5c'
  };

  /** The bot breaks lines with a single newline (as every channel shows it); Markdown would join them. */
  function renderMarkdown(markdown, newLineOptions, linkOptions) {
    return window.WebChat.renderMarkdown(markdown.replace(/([^\n])\n(?=[^\n])/g, '$1  \n'), newLineOptions, linkOptions);
  }

  function renderChat() {
    if (!state.directLine) return;
    window.WebChat.renderWebChat({
      directLine: state.directLine,
      store: state.store,
      locale: t('meta.webChatLocale'),
      overrideLocalizedStrings: webChatStrings(),
      renderMarkdown: renderMarkdown,
      styleOptions: styleOptions
    }, host);
  }

  function absolute(url) {
    return new URL(url, window.location.href).href.replace(/\/$/, '');
  }

  function post(url, token) {
    var headers = { 'content-type': 'application/json' };
    if (token) headers.authorization = 'Bearer ' + token;
    return window.fetch(url, { method: 'POST', headers: headers, body: '{}' }).then(function (res) {
      return res.ok ? res.json() : null;
    });
  }

  /** The conversation this tab already has (after a reload), else a new one. */
  function obtainSession() {
    var saved = null;
    try { saved = JSON.parse(read(SESSION_KEY) || 'null'); } catch (e) { saved = null; }
    var fresh = function () {
      return post(config.directLine.tokenUrl).then(function (session) {
        if (!session || !session.token) throw new Error('no token');
        return { token: session.token };
      });
    };
    if (!saved || !saved.token || !saved.conversationId) return fresh();
    return post(absolute(config.directLine.domain) + '/tokens/refresh', saved.token).then(function (session) {
      if (session && session.token) return { token: session.token, conversationId: saved.conversationId };
      forget(SESSION_KEY);
      return fresh();
    }, fresh);
  }

  function saveSession() {
    var dl = state.directLine;
    if (state.online && dl && dl.token && dl.conversationId) {
      write(SESSION_KEY, JSON.stringify({ conversationId: dl.conversationId, token: dl.token }));
    }
  }

  function onConnectionStatus(status) {
    if (status === CONNECTION.online) {
      state.online = true;
      notice.hidden = true;
      saveSession();
      if (state.pendingLanguage) tellBot(state.pendingLanguage);
    } else if (status === CONNECTION.expiredToken) {
      // The phone slept past the token's lifetime; if it still refreshes, carry on.
      post(absolute(config.directLine.domain) + '/tokens/refresh', state.directLine.token).then(function (session) {
        if (session && session.token) {
          state.directLine.reconnect({ conversationId: state.directLine.conversationId, token: session.token });
        } else {
          closed('chat.ended');
        }
      }, function () { closed('chat.failed'); });
    } else if (status === CONNECTION.failedToConnect || status === CONNECTION.ended) {
      closed(status === CONNECTION.ended ? 'chat.ended' : 'chat.failed');
    }
  }

  /** The conversation cannot go on: its transcript gives way to one clear way forward. */
  function closed(key) {
    state.online = false;
    forget(SESSION_KEY);
    host.hidden = true;
    showNotice(key, true);
    restartButton.focus();
  }

  function start() {
    if (!config.directLine) {
      showNotice('chat.unavailable', false);
      return;
    }
    var session = obtainSession();
    // This script runs before webchat.js (both deferred); DOMContentLoaded comes after both.
    var loaded = new Promise(function (resolve) {
      if (window.WebChat) resolve();
      else document.addEventListener('DOMContentLoaded', resolve);
    });
    Promise.all([session, loaded]).then(function (results) {
      var s = results[0];
      if (!window.WebChat) throw new Error('Web Chat did not load');
      state.store = window.WebChat.createStore({}, function () {
        return function (next) {
          return function (action) {
            if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') followBot(action.payload.activity);
            return next(action);
          };
        };
      });
      // Only a conversation this tab started is resumed; a new token starts one (and the bot welcomes).
      state.directLine = window.WebChat.createDirectLine({
        domain: absolute(config.directLine.domain),
        token: s.token,
        conversationId: s.conversationId,
        webSocket: config.directLine.webSocket,
        pollingInterval: config.directLine.pollingInterval,
        conversationStartProperties: { locale: t('meta.webChatLocale') }
      });
      state.statusSubscription = state.directLine.connectionStatus$.subscribe(onConnectionStatus);
      renderChat();
    }).catch(function (err) {
      window.console.error('kvarterbot: the chat could not start', err && err.message);
      showNotice('chat.failed', true);
    });
  }

  // ---- keeping an eye on a polled conversation ----
  // Direct Line's poller stops for good, without a word to Web Chat, when one poll cannot reach the
  // server (the bot restarting, the phone's network dropping). So while polling, the page looks at
  // the conversation itself now and then: gone (the bot restarted) → the chat has ended; unreachable
  // → look again later; reachable again → reconnect to the same conversation, transcript and all.
  function watch() {
    var dl = state.directLine;
    // A refresh replaces the token (the old one stops working): keep the newest for a reload.
    saveSession();
    if (!dl || !state.online || config.directLine.webSocket || document.hidden) return;
    var url = absolute(config.directLine.domain) + '/conversations/' + encodeURIComponent(dl.conversationId);
    window.fetch(url, { headers: { authorization: 'Bearer ' + dl.token } }).then(function (res) {
      if (res.status === 404) {
        closed('chat.ended');
      } else if (res.ok && state.unreachable) {
        reconnect();
      }
    }, function () {
      state.unreachable = true;
    });
  }

  function reconnect() {
    state.unreachable = false;
    saveSession();
    if (state.statusSubscription) state.statusSubscription.unsubscribe();
    state.online = false;
    state.directLine.end();
    start();
  }

  // ---- wiring ----

  each('[data-lang]', function (button) {
    button.addEventListener('click', function () { chooseLanguage(button.getAttribute('data-lang')); });
  });
  document.getElementById('privacy-open').addEventListener('click', function () { privacy.showModal(); });
  restartButton.addEventListener('click', function () {
    forget(SESSION_KEY);
    window.location.reload();
  });
  // The token is refreshed while the page runs; keep the newest for a reload.
  window.addEventListener('pagehide', saveSession);
  document.addEventListener('visibilitychange', saveSession);
  window.setInterval(saveSession, 60000);
  window.setInterval(watch, WATCH_MS);
  document.addEventListener('visibilitychange', watch);

  applyLanguage();
  start();
})();
