// Drill-down: a sector → its organizations (a page at a time) → one organization's scorecard and its
// rectification ledger (forwarded to the rectification service by this service, same origin).
import { t, label, number, enumValues } from './i18n.js';
import { getJson, url, HttpError, download } from './api.js';
import { el, fill } from './dom.js';
import { wall, countyWall, countyDate } from './time.js';

const PAGE_SIZE = 25;

const view = {
  campaignId: null,
  sector: null,
  tier: null,
  name: '',
  page: 0,
  orgId: null,
  fromList: false,
  request: 0,
  asOf: null,        // the board's past instant (null: live); the list, scorecard and ledger follow it
};

const $ = id => document.getElementById(id);

export function initDrill(campaignId) {
  view.campaignId = campaignId;
  const drill = $('drill');
  drill.querySelectorAll('[data-close]').forEach(element => element.addEventListener('click', close));
  document.addEventListener('keydown', event => {
    if (event.key === 'Escape' && !drill.hidden) {
      close();
    }
  });
  $('drill-back').addEventListener('click', () => showList());
}

export function setCampaign(campaignId) {
  view.campaignId = campaignId;
  if (!$('drill').hidden) {
    rerender();
  }
}

/** The instant the board shows (null: live). */
export function setAsOf(asOf) {
  view.asOf = asOf;
  rerender();
}

/** Re-renders what the drawer shows, e.g. after a language switch or a campaign change. */
export function rerender() {
  if ($('drill').hidden) {
    return;
  }
  if (view.orgId) {
    openOrganization(view.orgId, view.fromList);
  } else {
    showList();
  }
}

function close() {
  $('drill').hidden = true;
  document.body.style.overflow = '';
  view.orgId = null;
}

function open() {
  $('drill').hidden = false;
  document.body.style.overflow = 'hidden';
}

/** Opens the list of a sector's organizations (of one tier when given). */
export function openSector(sector, tier = null) {
  view.sector = sector;
  view.tier = tier;
  view.name = '';
  view.page = 0;
  view.orgId = null;
  open();
  showList();
}

function crumbs(...parts) {
  fill($('drill-crumbs'), parts.flatMap((part, i) => [i > 0 ? el('span', {}, '›') : null, part]));
}

function showList() {
  view.orgId = null;
  $('drill-back').hidden = true;
  $('drill-title').textContent = view.sector ? label('sector', view.sector) : t('sectors.title');
  crumbs(el('span', {}, t('drill.sector')), el('span', {}, view.sector ? label('sector', view.sector) : '—'));
  const body = $('drill-body');
  const search = el('input', {
    type: 'search', id: 'drill-search', value: view.name, placeholder: t('drill.search'), 'aria-label': t('drill.search'),
  });
  let debounce;
  search.addEventListener('input', () => {
    clearTimeout(debounce);
    debounce = setTimeout(() => {
      view.name = search.value.trim();
      view.page = 0;
      loadList();
    }, 300);
  });
  const chips = el('div', { class: 'chips', role: 'group' },
    [null, ...enumValues('tier')].map(tier => el('button', {
      type: 'button', class: 'chip', 'aria-pressed': String(view.tier === tier), dataset: { tier: tier || '' },
      onclick: () => {
        view.tier = tier;
        view.page = 0;
        showList();
      },
    }, tier ? label('tierShort', tier) : t('drill.allTiers'))));
  fill(body,
    el('div', { class: 'toolbar' }, chips, search, el('span', { class: 'total', id: 'drill-total' })),
    el('div', { id: 'drill-list', class: 'table-wrap' }, el('p', { class: 'message' }, t('loading'))),
    el('div', { class: 'pager', id: 'drill-pager' }));
  loadList();
}

async function loadList() {
  const request = ++view.request;
  const list = $('drill-list');
  try {
    const page = await getJson('api/dashboard/organizations', {
      campaignId: view.campaignId, sector: view.sector, tier: view.tier, name: view.name, page: view.page, size: PAGE_SIZE,
      asOf: view.asOf,
    });
    if (request !== view.request || view.orgId) {
      return;
    }
    $('drill-total').textContent = t('drill.total', { n: number(page.total) });
    if (!page.organizations.length) {
      fill(list, el('p', { class: 'message' }, t('drill.none')));
    } else {
      fill(list, organizationTable(page.organizations));
    }
    pager(page);
  } catch (error) {
    if (request === view.request) {
      fill(list, el('p', { class: 'message error' }, t('error.load', { status: error.status || error.message })));
    }
  }
}

function organizationTable(rows) {
  const head = ['col.name', 'col.members', 'col.studyDays', 'col.visits', 'col.checklist', 'col.problems',
    'col.rectified', 'col.overdue'];
  return el('table', { class: 'orgs' },
    el('thead', {}, el('tr', {}, head.map((key, i) => el('th', { class: i >= 3 && i <= 4 ? 'hide-narrow' : null }, t(key))))),
    el('tbody', {}, rows.map(row => el('tr', {
      tabindex: '0',
      dataset: { orgId: row.organizationId },
      onclick: () => openOrganization(row.organizationId, true),
      onkeydown: event => {
        if (event.key === 'Enter') {
          openOrganization(row.organizationId, true);
        }
      },
    },
    el('td', {}, row.name, el('span', { class: 'tier' }, label('tier', row.tier))),
    el('td', {}, number(row.members)),
    el('td', {}, number(row.studyDays, 1)),
    el('td', { class: 'hide-narrow' }, number(row.personVisits)),
    el('td', { class: 'hide-narrow' }, row.tier === 'BRANCH' ? `${row.checklistItemsDone}/10` : '—'),
    el('td', {}, number(row.problemsFound)),
    el('td', {}, number(row.problemsRectified)),
    el('td', { class: row.problemsOverdue > 0 ? 'bad' : null }, number(row.problemsOverdue))))));
}

function pager(page) {
  const pages = Math.max(1, Math.ceil(page.total / page.size));
  const go = delta => {
    view.page = page.page + delta;
    loadList();
  };
  fill($('drill-pager'),
    el('button', { type: 'button', class: 'button', disabled: page.page <= 0, onclick: () => go(-1) }, t('drill.prev')),
    el('span', {}, t('drill.page', { page: page.page + 1, pages })),
    el('button', { type: 'button', class: 'button', disabled: page.page + 1 >= pages, onclick: () => go(1) }, t('drill.next')));
}

/** Opens one organization's scorecard and ledger; fromList: the back button returns to the list. */
export async function openOrganization(orgId, fromList = false) {
  view.orgId = orgId;
  view.fromList = fromList;
  const request = ++view.request;
  open();
  $('drill-back').hidden = !fromList;
  const body = $('drill-body');
  fill(body, el('p', { class: 'message' }, t('loading')));
  try {
    const card = await getJson(`api/organizations/${encodeURIComponent(orgId)}/scorecard`,
      { campaignId: view.campaignId, asOf: view.asOf });
    if (request !== view.request) {
      return;
    }
    const organization = card.organization;
    $('drill-title').textContent = organization.name;
    const sectorLink = el('a', {
      onclick: () => {
        view.sector = organization.sector;
        showList();
      },
    }, label('sector', organization.sector));
    crumbs(el('span', {}, label('tier', organization.tier)), sectorLink, el('span', {}, organization.name));
    fill(body, scorecard(card), el('div', { id: 'ledger' }));
    loadLedger(orgId, request);
  } catch (error) {
    if (request === view.request) {
      fill(body, el('p', { class: 'message error' }, t('error.load', { status: error.status || error.message })));
    }
  }
}

function tile(title, big, ...sub) {
  return el('article', { class: 'kpi' }, el('h2', {}, title), el('p', { class: 'big' }, big),
    el('p', { class: 'sub' }, sub.filter(Boolean).map(s => el('span', {}, s))));
}

function scorecard(card) {
  const study = card.study;
  const problems = card.problems;
  const researchTotal = Object.values(card.research.byKind).reduce((sum, n) => sum + n, 0);
  const tiles = el('div', { class: 'score-grid', id: 'scorecard' },
    tile(t('score.study'), number(study.countedDays, 1), t('score.countedDays'),
      study.requiredTotalDays != null ? t('score.requiredTotal', { n: study.requiredTotalDays }) : null,
      t('score.sessions', { n: number(study.sessions) })),
    tile(t('score.notes'), number(card.notes.total),
      card.notes.membersRequired ? t('score.notesMembers', { done: card.notes.membersWithNotes, required: card.notes.membersRequired }) : null),
    tile(t('score.honor'), number(card.honorRoom.personVisits), t('score.honorVisits', { n: number(card.honorRoom.visits) })),
    tile(t('score.research'), number(researchTotal),
      ...Object.entries(card.research.byKind).filter(([, n]) => n > 0).map(([kind, n]) => `${label('research', kind)} ${n}`)),
    tile(t('score.problems'), `${number(problems.rectified)}/${number(problems.found)}`,
      `${t('kpi.problems.inProgress')} ${number(problems.inProgress)}`,
      problems.overdue ? `${t('kpi.rate.overdue')} ${number(problems.overdue)}` : null));
  tiles.querySelectorAll('.big')[4].dataset.metric = 'scorecard.problems';

  const parts = view.asOf
    ? [el('p', { class: 'note-line' }, el('span', { class: 'tag history' }, t('ledger.asOfInstant', { time: wall(view.asOf) }))), tiles]
    : [tiles];
  parts.push(el('div', { class: 'section' }, el('h3', {}, t('score.compliance'))));
  parts.push(card.compliance.length
    ? el('ul', { class: 'explanations', id: 'scorecard-compliance' }, card.compliance.map(entry => el('li', {}, entry.explanation)))
    : el('ul', { class: 'explanations' }, el('li', { class: 'ok' }, t('score.complianceNone'))));

  if (study.byMonth.length) {
    parts.push(el('div', { class: 'section' }, el('h3', {}, t('score.byMonth'))));
    parts.push(el('div', { class: 'table-wrap' }, el('table', {},
      el('thead', {}, el('tr', {}, ['score.month', 'score.days', 'score.required', 'score.judged'].map(k => el('th', {}, t(k))))),
      el('tbody', {}, study.byMonth.map(month => el('tr', {},
        el('td', {}, month.month),
        el('td', { class: month.required != null && month.judged && Number(month.days) < month.required ? 'bad' : null },
          number(month.days, 1)),
        el('td', {}, month.required ?? '—'),
        el('td', {}, month.judged ? '✓' : '—')))))));
  }

  const planned = card.checklist.filter(item => item.frequency || item.done);
  if (planned.length) {
    parts.push(el('div', { class: 'section' }, el('h3', {}, t('score.checklist'))));
    parts.push(el('ul', { class: 'items' }, card.checklist.map(item => el('li', {
      class: item.done ? 'done' : (item.frequency ? 'missing' : null),
    }, el('b', {}, label('item', item.item)),
    el('span', {}, item.done
      ? `✓ ${item.firstCompletedOn}${item.completions > 1 ? ` ×${item.completions}` : ''}`
      : (item.frequency ? t('notDone') : t('score.notRequired')))))));
  }

  const taking = card.specialRectifications.takingPart;
  if (taking.length) {
    parts.push(el('div', { class: 'section' }, el('h3', {}, t('score.specialRectifications'))));
    parts.push(el('ul', { class: 'explanations' }, taking.map(s => el('li', { class: 'ok' },
      `${s.title || s.specialRectificationId} · ${t('col.problems')} ${s.problems}`))));
  }
  return parts;
}

async function loadLedger(orgId, request) {
  const target = $('ledger');
  const path = `api/organizations/${encodeURIComponent(orgId)}/ledger`;
  // As of the board's instant when it shows the past: the rectification service regenerates the ledger then.
  const params = { campaignId: view.campaignId, asOf: view.asOf };
  // The links carry no token: a click fetches the file with it instead.
  const withToken = (format) => event => {
    event.preventDefault();
    download(event.currentTarget.href, `ledger-${orgId}.${format}`).catch(error => {
      target.appendChild(el('p', { class: 'message error' }, t('ledger.error', { status: error.status || error.message })));
    });
  };
  const links = el('div', { class: 'links' },
    el('a', { class: 'button', id: 'ledger-csv', download: '', href: url(path, { ...params, format: 'csv' }), onclick: withToken('csv') }, t('ledger.csv')),
    el('a', { class: 'button', id: 'ledger-xlsx', download: '', href: url(path, { ...params, format: 'xlsx' }), onclick: withToken('xlsx') }, t('ledger.xlsx')));
  const head = el('div', { class: 'section' }, el('h3', {}, t('ledger.title')),
    view.asOf ? el('span', { class: 'tag history' }, t('ledger.asOfInstant', { time: wall(view.asOf) })) : null, links);
  fill(target, head, el('p', { class: 'message' }, t('ledger.loading')));
  try {
    const ledger = await getJson(path, params);
    if (request !== view.request) {
      return;
    }
    if (!ledger.rows || !ledger.rows.length) {
      fill(target, head, el('p', { class: 'message', id: 'ledger-empty' }, t('ledger.empty')));
      return;
    }
    fill(target, head, el('div', { class: 'table-wrap' }, el('table', { class: 'ledger', id: 'ledger-table' },
      el('thead', {}, el('tr', {},
        el('th', {}, t('ledger.description')),
        el('th', { class: 'hide-narrow' }, t('ledger.focus')),
        el('th', { class: 'hide-narrow' }, t('ledger.source')),
        el('th', {}, t('ledger.owner')),
        el('th', {}, t('ledger.deadline')),
        el('th', {}, t('ledger.status')))),
      el('tbody', {}, ledger.rows.map(row => el('tr', { dataset: { problemId: row.problemId } },
        el('td', {}, row.description),
        el('td', { class: 'hide-narrow' }, label('focus', row.focusArea)),
        el('td', { class: 'hide-narrow' }, label('source', row.source)),
        el('td', {}, row.owner || '—'),
        el('td', {}, countyDate(row.deadline),
          row.overdue ? el('span', { class: 'overdue-flag' }, ` · ${t('ledger.overdue')}`) : null),
        el('td', {}, el('span', { class: `status-pill status-${row.status}` }, label('status', row.status)))))))),
    ledger.lastEventAt
      ? el('p', { class: 'note-line' }, t('ledger.asOf', { n: number(ledger.events), time: countyWall(ledger.lastEventAt) }))
      : null);
  } catch (error) {
    if (request !== view.request) {
      return;
    }
    const unavailable = error instanceof HttpError && error.status === 502;
    fill(target, head, el('p', { class: 'message error', id: 'ledger-error' },
      unavailable ? t('ledger.unavailable') : t('error.load', { status: error.status || error.message })));
  }
}
