// A rebuild of the read models (POST /api/admin/replay, a REBUILD or a VERIFY) as a bar over the board:
// status and phase, percent of the records to read, records per second and the time left, then whether
// the rebuilt totals equalled the live ones. Only auditors and county administrators may read replays:
// for any other account the first refusal ends the polling and the bar stays hidden.
import { getJson } from './api.js';
import { t, number } from './i18n.js';

/** While a replay runs the bar moves every second; otherwise a new one is looked for now and then. */
const RUNNING_INTERVAL_MS = 1000;
const IDLE_INTERVAL_MS = 10000;

let latest = null;
let timer = null;

const $ = id => document.getElementById(id);

/** Starts polling GET /api/admin/replay. */
export function watchReplays() {
  poll();
}

async function poll() {
  let next = IDLE_INTERVAL_MS;
  try {
    latest = await getJson('api/admin/replay');
    renderReplay();
    if (latest && latest.status === 'RUNNING') {
      next = RUNNING_INTERVAL_MS;
    }
  } catch (error) {
    if (error.status === 403) {
      latest = null;
      renderReplay();
      return;
    }
  }
  clearTimeout(timer);
  timer = setTimeout(poll, next);
}

/** Percent of the records to read, 100 once it ended well. */
export function replayPercent(status) {
  if (status.status === 'COMPLETED') {
    return 100;
  }
  if (!status.eventsTotal) {
    return 0;
  }
  return Math.min(100, Math.floor((status.eventsDone * 100) / status.eventsTotal));
}

/** Seconds left at the rate so far; null when unknown. */
export function replaySecondsLeft(status) {
  if (status.status !== 'RUNNING' || !(status.eventsPerSecond > 0)) {
    return null;
  }
  return Math.max(0, Math.ceil((status.eventsTotal - status.eventsDone) / status.eventsPerSecond));
}

/** Draws the bar again (also after a change of language). */
export function renderReplay() {
  const bar = $('replay');
  if (!latest) {
    bar.hidden = true;
    return;
  }
  const percent = replayPercent(latest);
  const left = replaySecondsLeft(latest);
  bar.hidden = false;
  bar.dataset.status = latest.status;
  $('replay-state').textContent = t(`replay.status.${latest.status}`)
    + (latest.status === 'RUNNING' && latest.phase ? ` · ${t(`replay.phase.${latest.phase}`)}` : '');
  $('replay-bar').value = percent;
  const figures = [t('replay.percent', { n: percent }),
    t('replay.records', { done: number(latest.eventsDone), total: number(latest.eventsTotal) }),
    t('replay.rate', { n: number(latest.eventsPerSecond) })];
  if (left !== null) {
    figures.push(t('replay.left', { n: number(left) }));
  }
  if (latest.status === 'COMPLETED' && latest.totalsEqual !== undefined && latest.totalsEqual !== null) {
    figures.push(latest.totalsEqual ? t('replay.equal')
      : t('replay.different', { n: number((latest.differences || []).length) }));
  }
  if (latest.status === 'FAILED' && latest.error) {
    figures.push(latest.error);
  }
  $('replay-figures').textContent = figures.join(' · ');
}
