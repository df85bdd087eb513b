// Same-origin calls only, each with the bearer token the login page got (kept in sessionStorage: it
// survives a reload of the tab, not the tab itself). A 401 clears it and asks again. URLs are built from location.origin + path, never from location.href: a page opened as
// http://user:pass@host/ must not put the credentials into request URLs (fetch refuses those).

const base = location.origin + location.pathname.replace(/[^/]*$/, '');

/** An absolute URL of this service; empty and null parameters are left out. */
export function url(path, params = {}) {
  const target = new URL(path, base);
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') {
      target.searchParams.set(name, value);
    }
  }
  return target.toString();
}

export class HttpError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

const TOKEN_KEY = 'jingzhun.token';
// Ask again a little before the token runs out rather than fail a request with it.
const EXPIRY_MARGIN_MS = 30 * 1000;
let unauthorizedHandler = () => {};

/** The stored token, if there is one that has not run out. */
export function token() {
  try {
    const stored = JSON.parse(sessionStorage.getItem(TOKEN_KEY) || 'null');
    return stored && stored.expiresAt - EXPIRY_MARGIN_MS > Date.now() ? stored : null;
  } catch (e) {
    return null;
  }
}

export function forgetToken() {
  sessionStorage.removeItem(TOKEN_KEY);
}

/** Called when the service refuses the token (expired, account disabled): the page asks again. */
export function onUnauthorized(handler) {
  unauthorizedHandler = handler;
}

/**
 * Logs in: the reporting service forwards the username and password to the organization service's
 * token endpoint (client credentials) and returns its answer; the token is kept, the password is not.
 */
export async function login(username, password) {
  const response = await fetch(url('api/dashboard/token'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
    credentials: 'omit',
    cache: 'no-store',
    body: JSON.stringify({ username, password }),
  });
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    // not JSON
  }
  if (!response.ok || !body || !body.access_token) {
    throw new HttpError(response.status, body);
  }
  const stored = { accessToken: body.access_token, expiresAt: Date.now() + body.expires_in * 1000, username };
  sessionStorage.setItem(TOKEN_KEY, JSON.stringify(stored));
  return stored;
}

// X-Requested-With: a refusal then challenges with Bearer, not Basic, so the browser shows no prompt of its own.
function authorization() {
  const current = token();
  return current ? { Authorization: `Bearer ${current.accessToken}`, 'X-Requested-With': 'XMLHttpRequest' }
    : { 'X-Requested-With': 'XMLHttpRequest' };
}

/** The stream's URL: EventSource sends no headers, so the token goes as access_token (accepted on the stream only). */
export function streamUrl(path, params = {}) {
  const current = token();
  return url(path, current ? { ...params, access_token: current.accessToken } : params);
}

/** Fetches a file with the token and hands it to the browser as a download (a plain link would carry no token). */
export async function download(href, filename) {
  const response = await fetch(href, { headers: authorization(), credentials: 'omit', cache: 'no-store' });
  if (response.status === 401) {
    forgetToken();
    unauthorizedHandler();
  }
  if (!response.ok) {
    throw new HttpError(response.status, null);
  }
  const disposition = response.headers.get('Content-Disposition') || '';
  const named = /filename="?([^";]+)"?/.exec(disposition);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = named ? named[1] : filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60 * 1000);
}

/** GET as JSON; a non-2xx answer throws an HttpError carrying the problem details when there are some. */
export async function getJson(path, params = {}, { signal } = {}) {
  const response = await fetch(url(path, params), {
    headers: { Accept: 'application/json', ...authorization() },
    credentials: 'omit',
    cache: 'no-store',
    signal,
  });
  if (response.status === 401) {
    forgetToken();
    unauthorizedHandler();
  }
  if (!response.ok) {
    let problem = null;
    try {
      problem = await response.json();
    } catch (e) {
      // not JSON
    }
    throw new HttpError(response.status, problem);
  }
  // 204: nothing to show (e.g. no replay since the service started).
  return response.status === 204 ? null : response.json();
}
