// The county dashboard: headline figures from GET /api/totals (live by Server-Sent Events, or as of a past
// instant), charts from the dashboard's breakdowns and activity, who is behind from GET /api/compliance,
// and the drill-down sector → organization → scorecard and ledger.
import { t, label, lang, setLang, number, phrase, translatePage, enumValues } from './i18n.js';
import { getJson, streamUrl, token, login, forgetToken, onUnauthorized } from './api.js';
import { el, fill } from './dom.js';
import * as charts from './charts.js';
import { initDrill, openSector, openOrganization, setCampaign, setAsOf as setDrillAsOf, rerender as rerenderDrill } from './drill.js';
import { watchReplays, renderReplay } from './replay.js';
import { wall, offsetOf, inputValue, fromInput, bucketEnd, setCountyOffset, countyOffset } from './time.js';

/** At most this many entries of "who is behind" are drawn; the rest are counted (a county has thousands). */
const BEHIND_SHOWN = 200;
/** Breakdowns and activity follow the totals, but not more often than this. */
const SECONDARY_INTERVAL_MS = 3000;
/** Compliance judges every organization: refreshed on change, at most this often. */
const COMPLIANCE_INTERVAL_MS = 30000;
const MAX_BACKOFF_MS = 30000;

const state = {
  campaigns: [],
  campaignId: null,
  asOf: null,            // null: live; else the ISO instant the board shows
  totals: null,
  breakdowns: null,
  activity: null,
  compliance: null,
  receivedAt: null,      // when the browser last got totals
  stream: null,
  backoff: 1000,
  reconnectTimer: null,
  secondaryTimer: null,
  secondaryAt: 0,
  complianceAt: 0,
  asOfEdited: false,     // the picker was changed by hand and not submitted yet
  generation: 0,         // bumped on every campaign / mode change: late answers of the old one are dropped
  lastRecentId: null,
  pendingLive: null,     // the latest stream totals not drawn yet, with their stream
  liveFrame: null,       // the animation frame that will draw them
};

const $ = id => document.getElementById(id);

// ---------------------------------------------------------------- start

/**
 * Resolves once there is a token: at once when the tab holds one, otherwise after a login on the form.
 * The page then reloads nothing: it just starts (or, after an expiry, reloads to start afresh).
 */
function signedIn(message) {
  const current = token();
  if (current) {
    $('logout').hidden = false;
    return Promise.resolve(current);
  }
  const overlay = $('login');
  const error = $('login-error');
  error.hidden = !message;
  error.textContent = message ? t(message) : '';
  overlay.hidden = false;
  $('login-username').focus();
  return new Promise(resolve => {
    $('login-form').onsubmit = async event => {
      event.preventDefault();
      $('login-submit').disabled = true;
      try {
        const got = await login($('login-username').value.trim(), $('login-password').value);
        $('login-password').value = '';
        overlay.hidden = true;
        $('logout').hidden = false;
        resolve(got);
      } catch (failure) {
        error.textContent = failure.status === 401 || failure.status === 400 ? t('login.failed')
          : failure.status === 429 ? t('login.throttled') : t('login.unavailable', { status: failure.status || failure.message });
        error.hidden = false;
      } finally {
        $('login-submit').disabled = false;
      }
    };
  });
}

/** The token ran out or was refused: close the stream, ask again, then start afresh. */
let reasking = false;
async function reask() {
  if (reasking) {
    return;
  }
  reasking = true;
  closeStream();
  await signedIn('login.expired');
  location.reload();
}

async function start() {
  translatePage();
  labelStatic();
  onUnauthorized(reask);
  $('logout').addEventListener('click', () => {
    forgetToken();
    location.reload();
  });
  await signedIn();
  // Ask again shortly before the token runs out (a wall screen keeps running).
  setInterval(() => {
    if (!token()) {
      reask();
    }
  }, 10 * 1000);
  $('lang-toggle').addEventListener('click', () => {
    setLang(lang() === 'zh' ? 'en' : 'zh');
    translatePage();
    labelStatic();
    renderAll();
    rerenderDrill();
    renderReplay();
  });
  $('campaign').addEventListener('change', event => selectCampaign(event.target.value));
  // The picker follows the live figures until someone edits it, so a past instant is a small step back.
  $('as-of').addEventListener('input', () => { state.asOfEdited = true; });
  $('as-of-form').addEventListener('submit', event => {
    event.preventDefault();
    state.asOfEdited = false;
    const value = fromInput($('as-of').value, countyOffset());
    if (value) {
      enterHistory(value);
    }
  });
  $('back-to-live').addEventListener('click', goLive);
  $('banner-live').addEventListener('click', goLive);
  $('behind-tier').addEventListener('change', () => loadCompliance(true));
  $('behind-sector').addEventListener('change', () => loadCompliance(true));
  setInterval(renderFreshness, 1000);
  watchReplays();
  // Charts lay out differently on a phone (label widths, rotation): draw them again when the screen crosses over.
  window.matchMedia('(max-width: 760px)').addEventListener('change', renderAll);

  const params = new URLSearchParams(location.search);
  try {
    state.campaigns = await getJson('api/dashboard/campaigns');
  } catch (error) {
    if (error.status === 404) {
      // Opened on another service of the suite (they share one classpath, hence this page): say where to go.
      const banner = $('error-banner');
      banner.textContent = t('error.notReporting');
      banner.hidden = false;
      setStatus('offline');
      return;
    }
    showError(error);
    state.campaigns = [];
  }
  const wanted = params.get('campaignId');
  state.campaignId = wanted || (state.campaigns[0] ? state.campaigns[0].id : null);
  renderCampaigns();
  initDrill(state.campaignId);
  const asOf = params.get('asOf');
  if (asOf) {
    enterHistory(asOf);
  } else {
    goLive();
  }
}

/** Labels the page builds from enumerations rather than from data-i18n keys. */
function labelStatic() {
  document.querySelectorAll('[data-tier-label]').forEach(e => { e.textContent = label('tierShort', e.dataset.tierLabel); });
  document.querySelectorAll('[data-research-label]').forEach(e => { e.textContent = label('research', e.dataset.researchLabel); });
  fillFilter($('behind-tier'), 'tierShort', 'tier');
  fillFilter($('behind-sector'), 'sector', 'sector');
  renderCampaigns();
}

function fillFilter(select, labels, kind) {
  const chosen = select.value;
  fill(select, el('option', { value: '' }, t('behind.any')),
    enumValues(kind).map(value => el('option', { value }, label(labels, value))));
  select.value = chosen;
}

function renderCampaigns() {
  const select = $('campaign');
  if (!state.campaigns.length) {
    fill(select, el('option', { value: '' }, t('campaign.none')));
    select.disabled = true;
    $('campaign-period').textContent = '';
    return;
  }
  select.disabled = false;
  const known = state.campaigns.some(c => c.id === state.campaignId);
  fill(select,
    known ? null : el('option', { value: state.campaignId }, state.campaignId),
    state.campaigns.map(c => el('option', { value: c.id }, c.name)));
  select.value = state.campaignId;
  const campaign = state.campaigns.find(c => c.id === state.campaignId);
  $('campaign-period').textContent = campaign ? t('campaign.period', { from: campaign.startsOn, to: campaign.endsOn }) : '';
}

function selectCampaign(campaignId) {
  state.campaignId = campaignId || null;
  updateUrl();
  renderCampaigns();
  setCampaign(state.campaignId);
  if (state.asOf) {
    enterHistory(state.asOf);
  } else {
    goLive();
  }
}

function updateUrl() {
  const params = new URLSearchParams(location.search);
  const set = (name, value) => (value ? params.set(name, value) : params.delete(name));
  set('campaignId', state.campaignId);
  set('asOf', state.asOf);
  const query = params.toString();
  history.replaceState(null, '', location.pathname + (query ? '?' + query : ''));
}

// ---------------------------------------------------------------- live and history

function goLive() {
  state.generation++;
  state.asOfEdited = false;
  state.lastRecentId = null;
  state.asOf = null;
  setDrillAsOf(null);
  updateUrl();
  $('history-banner').hidden = true;
  $('back-to-live').hidden = true;
  loadTotals();
  openStream();
  loadSecondary(true);
  loadCompliance(true);
}

function enterHistory(asOf) {
  state.generation++;
  state.lastRecentId = null;
  closeStream();
  state.asOf = asOf;
  setDrillAsOf(asOf);
  updateUrl();
  setStatus('history');
  $('as-of').value = inputValue(asOf);
  $('back-to-live').hidden = false;
  $('history-banner').hidden = false;
  $('history-text').textContent = t('asOf.banner', { time: wall(asOf) });
  state.activity = null;
  state.breakdowns = null;
  loadTotals();
  loadSecondary(true);
  loadCompliance(true);
}

async function loadTotals() {
  const generation = state.generation;
  try {
    const totals = await getJson('api/totals', { campaignId: state.campaignId, asOf: state.asOf });
    if (generation === state.generation) {
      receiveTotals(totals);
    }
  } catch (error) {
    if (generation === state.generation) {
      showError(error);
    }
  }
}

/** The live stream; EventSource reconnects by itself, and is re-created with a backoff once it gives up. */
function openStream() {
  closeStream();
  if (!token()) {
    reask();
    return;
  }
  setStatus('connecting');
  const source = new EventSource(streamUrl('api/totals/stream', { campaignId: state.campaignId }));
  state.stream = source;
  source.onopen = () => {
    if (state.stream === source) {
      setStatus('live');
    }
  };
  source.addEventListener('totals', event => {
    if (state.stream !== source) {
      return;
    }
    state.backoff = 1000;
    setStatus('live');
    drawLive(source, JSON.parse(event.data));
  });
  source.onerror = () => {
    if (state.stream !== source) {
      return;
    }
    if (source.readyState === EventSource.CLOSED) {
      // The browser gave up (e.g. an HTTP error): try again later, waiting longer each time.
      setStatus('offline');
      source.close();
      state.stream = null;
      const delay = state.backoff;
      state.backoff = Math.min(state.backoff * 2, MAX_BACKOFF_MS);
      state.reconnectTimer = setTimeout(() => {
        state.reconnectTimer = null;
        if (!state.asOf) {
          openStream();
        }
      }, delay);
    } else {
      setStatus('reconnecting');
    }
  };
}

function closeStream() {
  if (state.reconnectTimer) {
    clearTimeout(state.reconnectTimer);
    state.reconnectTimer = null;
  }
  if (state.stream) {
    state.stream.close();
    state.stream = null;
  }
}

function setStatus(status) {
  const element = $('status');
  element.dataset.state = status;
  $('status-text').textContent = t('status.' + status);
}

function receiveTotals(totals) {
  state.totals = totals;
  state.receivedAt = Date.now();
  setCountyOffset(offsetOf(totals.asOf));
  $('error-banner').hidden = true;
  if (!state.asOf && !state.asOfEdited && document.activeElement !== $('as-of')) {
    $('as-of').value = inputValue(totals.asOf);
  }
  renderTotals();
  renderProblemCharts();
  renderSectors();
  renderFreshness();
}

/**
 * Live totals are drawn once per animation frame however fast the stream sends them (under load a
 * change every few tens of milliseconds), and not at all while the tab is hidden: the latest is drawn
 * when it shows again. What a frame draws must still be the open stream's.
 */
function drawLive(source, totals) {
  state.pendingLive = { source, totals };
  if (state.liveFrame) {
    return;
  }
  state.liveFrame = requestAnimationFrame(() => {
    state.liveFrame = null;
    const pending = state.pendingLive;
    state.pendingLive = null;
    if (!pending || state.stream !== pending.source) {
      return;
    }
    receiveTotals(pending.totals);
    scheduleSecondary();
  });
}

/** Breakdowns and activity after a change, throttled; immediately when forced. */
function scheduleSecondary() {
  if (state.secondaryTimer) {
    return;
  }
  const wait = Math.max(0, state.secondaryAt + SECONDARY_INTERVAL_MS - Date.now());
  state.secondaryTimer = setTimeout(() => {
    state.secondaryTimer = null;
    loadSecondary(false);
    if (Date.now() - state.complianceAt >= COMPLIANCE_INTERVAL_MS) {
      loadCompliance(false);
    }
  }, wait);
}

async function loadSecondary(force) {
  if (!state.campaignId) {
    state.breakdowns = null;
    state.activity = null;
    renderAll();
    return;
  }
  const generation = state.generation;
  state.secondaryAt = Date.now();
  // Every panel follows the as-of picker: the same endpoints answer as of an instant.
  const breakdowns = getJson('api/dashboard/breakdowns', { campaignId: state.campaignId, asOf: state.asOf });
  const activity = getJson('api/dashboard/activity', { campaignId: state.campaignId, asOf: state.asOf });
  const [b, a] = await Promise.allSettled([breakdowns, activity]);
  if (generation !== state.generation) {
    return;
  }
  if (b.status === 'fulfilled') {
    state.breakdowns = b.value;
  } else if (force) {
    showError(b.reason);
  }
  if (a.status === 'fulfilled') {
    state.activity = a.value;
  }
  renderTotals();
  renderProblemCharts();
  renderSectors();
  renderCharts();
  renderRecent();
}

async function loadCompliance(force) {
  const list = $('behind-list');
  if (!state.campaignId) {
    fill(list, el('li', { class: 'note' }, t('behind.needsCampaign')));
    $('behind-count').textContent = '';
    return;
  }
  const generation = state.generation;
  state.complianceAt = Date.now();
  if (force) {
    fill(list, el('li', { class: 'note' }, t('loading')));
  }
  try {
    const compliance = await getJson('api/compliance', {
      campaignId: state.campaignId, tier: $('behind-tier').value, sector: $('behind-sector').value, asOf: state.asOf,
    });
    if (generation === state.generation) {
      state.compliance = compliance;
      renderBehind();
    }
  } catch (error) {
    if (generation === state.generation) {
      fill(list, el('li', { class: 'note' }, t('error.load', { status: error.status || error.message })));
    }
  }
}

// ---------------------------------------------------------------- rendering

function renderAll() {
  renderTotals();
  renderProblemCharts();
  renderSectors();
  renderCharts();
  renderRecent();
  renderBehind();
  renderFreshness();
  if (state.asOf) {
    setStatus('history');
    $('history-text').textContent = t('asOf.banner', { time: wall(state.asOf) });
  } else if (state.stream) {
    setStatus($('status').dataset.state);
  }
}

/** The value of a headline metric, by its data-metric path. */
function metric(totals, path) {
  switch (path) {
    case 'research.total':
      return Object.values(totals.research).reduce((sum, n) => sum + n, 0);
    case 'problems.rate':
      return totals.problems.found ? totals.problems.rectified * 100 / totals.problems.found : null;
    case 'problems.dueSoon':
      return state.breakdowns ? state.breakdowns.problemsDueSoon : null;
    default:
      return path.split('.').reduce((node, key) => (node == null ? null : node[key]), totals);
  }
}

function renderTotals() {
  const totals = state.totals;
  if (!totals) {
    return;
  }
  document.querySelectorAll('.kpis [data-metric]').forEach(element => {
    const path = element.dataset.metric;
    const value = metric(totals, path);
    const text = value == null ? '—'
      : path === 'problems.rate' ? number(value, 1) + '%'
        : number(value, path === 'study.days' ? 1 : 0);
    const raw = value == null ? '' : String(value);
    if (element.dataset.value !== undefined && element.dataset.value !== raw) {
      element.classList.remove('changed');
      void element.offsetWidth; // restart the highlight
      element.classList.add('changed');
      setTimeout(() => element.classList.remove('changed'), 1600);
    }
    element.dataset.value = raw;
    element.textContent = text;
  });
  const rate = metric(totals, 'problems.rate');
  $('rate-bar').style.width = (rate == null ? 0 : Math.min(100, rate)) + '%';
  $('events-projected').textContent = t('events.projected', { n: number(totals.eventsProjected) });
  const dueSoon = Boolean(state.breakdowns);
  $('due-soon-wrap').hidden = !dueSoon;
  $('due-soon-label').textContent = dueSoon ? t('kpi.rate.dueSoon', { days: state.breakdowns.dueSoonDays }) : '';
}

function renderFreshness() {
  const totals = state.totals;
  $('as-of-time').textContent = totals ? wall(totals.asOf) : '—';
  if (!state.receivedAt) {
    $('received').textContent = '';
    return;
  }
  const seconds = Math.max(0, Math.round((Date.now() - state.receivedAt) / 1000));
  const ago = seconds < 3 ? t('ago.now')
    : seconds < 60 ? t('ago.seconds', { n: seconds })
      : seconds < 3600 ? t('ago.minutes', { n: Math.floor(seconds / 60) })
        : t('ago.hours', { n: Math.floor(seconds / 3600) });
  $('received').textContent = t('fresh.received', { ago });
}

function renderProblemCharts() {
  charts.problemsBySector(state.breakdowns, state.totals, sector => openSector(sector));
  charts.problemsByStatus(state.breakdowns, state.totals);
}

function renderCharts() {
  charts.studyByMonth(state.breakdowns);
  charts.checklistBySector(state.breakdowns, (sector, tier) => openSector(sector, tier));
  charts.checklistByItem(state.breakdowns);
  charts.timeline(state.activity, bucket => {
    if (bucket && state.activity) {
      enterHistory(bucketEnd(bucket.start, state.activity.unit));
    }
  });
}

function percent(part, whole) {
  return whole ? part * 100 / whole : null;
}

function pctCell(value, color) {
  return el('span', { class: 'pct' }, value == null ? '—' : number(value, 0) + '%',
    el('i', { style: `--p:${value == null ? 0 : Math.min(100, value)}%;--fill:${color}` }));
}

/** One row per sector with organizations: the entry to the drill-down. */
function renderSectors() {
  const totals = state.totals;
  if (!totals) {
    return;
  }
  // Rates come from the breakdowns, as of the same instant as the totals.
  const current = Boolean(state.breakdowns);
  const problems = current
    ? Object.fromEntries(state.breakdowns.problemsBySector.map(row => [row.sector, row])) : {};
  const checklist = current
    ? Object.fromEntries(state.breakdowns.checklist.map(row => [row.sector, row])) : {};
  const sectors = enumValues('sector').filter(sector => (totals.organizations.bySector[sector] ?? 0) > 0
    || (totals.problems.bySector[sector] ?? 0) > 0);
  fill($('sectors'), sectors.map(sector => {
    const row = problems[sector];
    const items = checklist[sector];
    return el('tr', {
      tabindex: '0',
      dataset: { sector },
      onclick: () => openSector(sector),
      onkeydown: event => {
        if (event.key === 'Enter') {
          openSector(sector);
        }
      },
    },
    el('td', {}, label('sector', sector)),
    el('td', { dataset: { metric: `organizations.bySector.${sector}` } }, number(totals.organizations.bySector[sector] ?? 0)),
    el('td', {}, number(totals.problems.bySector[sector] ?? 0)),
    el('td', {}, pctCell(row ? percent(row.rectified, row.found) : null, '#5fd08a')),
    el('td', {}, items && items.branches ? pctCell(percent(items.itemsCompleted, items.itemsPossible), '#f5c04a') : '—'));
  }));
}

function renderRecent() {
  const list = $('recent');
  const recent = state.activity ? state.activity.recent : [];
  if (!recent.length) {
    fill(list, el('li', { class: 'note' }, t('recent.empty')));
    return;
  }
  const previous = state.lastRecentId;
  let fresh = previous !== null;
  fill(list, recent.map(event => {
    if (event.id === previous) {
      fresh = false;
    }
    const time = event.time || '';
    return el('li', { class: fresh ? 'fresh' : null },
      el('time', { datetime: time }, time.substring(5, 10), el('br'), time.substring(11, 19)),
      el('span', { class: 'org' }, el('span', { class: 'dot', style: `background:${charts.KIND_COLORS[event.kind]}` }),
        event.organizationName || (event.organizationId ? event.organizationId : t('app.title'))),
      el('span', { class: 'what' }, phrase(event.type, event.event)));
  }));
  state.lastRecentId = recent[0].id;
}

function renderBehind() {
  const list = $('behind-list');
  const compliance = state.compliance;
  if (!compliance) {
    return;
  }
  const behind = compliance.behind;
  $('behind-count').textContent = t('behind.count', { n: number(behind.length) });
  if (!behind.length) {
    fill(list, el('li', { class: 'note' }, t('behind.none')));
    return;
  }
  const shown = behind.slice(0, BEHIND_SHOWN);
  fill(list, shown.map(entry => el('li', { dataset: { orgId: entry.organizationId, requirement: entry.requirement } },
    el('div', { class: 'who' },
      el('b', { onclick: () => openOrganization(entry.organizationId) }, entry.name),
      el('span', {}, `${label('tierShort', entry.tier)} · ${label('sector', entry.sector)}`)),
    el('div', { class: 'why' },
      entry.explanation,
      lang() === 'en'
        ? el('small', {}, `${label('requirement', entry.requirement)}${entry.period ? ' ' + entry.period : ''}: `
          + t('behind.requiredDone', { required: entry.required, done: entry.done }))
        : null))),
  behind.length > shown.length ? el('li', { class: 'note' }, t('behind.more', { n: number(behind.length - shown.length) })) : null);
}

function showError(error) {
  const banner = $('error-banner');
  banner.textContent = t('error.load', { status: error.status || error.message })
    + (error.problem && error.problem.detail ? ' · ' + error.problem.detail : '');
  banner.hidden = false;
}

start();
