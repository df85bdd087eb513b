// Same-origin calls only: the browser sends the HTTP Basic credentials it already holds for this origin.
// URLs are built from location.origin + path, never from location.href: a page opened as
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

/** GET as JSON; a non-2xx answer throws an HttpError carrying the problem details when there are some. */
export async function getJson(path, params = {}, { signal } = {}) {
  const response = await fetch(url(path, params), {
    headers: { Accept: 'application/json' },
    credentials: 'same-origin',
    cache: 'no-store',
    signal,
  });
  if (!response.ok) {
    let problem = null;
    try {
      problem = await response.json();
    } catch (e) {
      // not JSON
    }
    throw new HttpError(response.status, problem);
  }
  return response.json();
}
