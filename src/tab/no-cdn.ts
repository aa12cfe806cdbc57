// Imported before teams-js. At load teams-js fetches its list of valid Teams origins from
// Microsoft's CDN; this page loads nothing from elsewhere (and its CSP would refuse it), so that
// one request is answered here with a failure and teams-js uses the list it ships with.
const CDN_LIST = 'https://res.cdn.office.net/teams-js/validDomains/';
const realFetch = window.fetch.bind(window);
window.fetch = (input: RequestInfo | URL, init?: RequestInit) =>
  String(input instanceof Request ? input.url : input).startsWith(CDN_LIST) ? Promise.reject(new TypeError('no CDN: using the bundled origin list')) : realFetch(input, init);
