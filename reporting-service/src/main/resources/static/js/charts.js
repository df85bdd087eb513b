// ECharts options for the board. ECharts itself is the global `echarts` of the webjar script.
import { t, label, number, enumValues } from './i18n.js';
import { bucketLabel } from './time.js';

export const STATUS_COLORS = {
  LOGGED: '#e5484d', RECTIFYING: '#ff9f43', RECTIFIED: '#4fb3f6', VERIFIED: '#5fd08a', REOPENED: '#a78bfa',
};
export const KIND_COLORS = {
  STUDY: '#4fb3f6', HONOR_ROOM: '#f5c04a', RESEARCH: '#a78bfa', CHECKLIST: '#5fd08a',
  PROBLEM_LOGGED: '#e5484d', RECTIFICATION: '#ff9f43', OTHER: '#8ea0bd',
};
const TIER_COLORS = { COUNTY: '#e5484d', SECTION: '#f5c04a', BRANCH: '#4fb3f6' };
const TEXT = '#c9d5e8';
const MUTED = '#8ea0bd';
const GRID_LINE = 'rgba(120, 160, 230, 0.12)';
const FONT = getComputedStyle(document.documentElement).getPropertyValue('--font').trim() || 'sans-serif';

const instances = new Map();

function narrow() {
  return window.matchMedia('(max-width: 760px)').matches;
}

/** The chart in the element, created once; it follows its element's size. */
function chart(id, onClick) {
  let instance = instances.get(id);
  if (!instance) {
    const element = document.getElementById(id);
    instance = echarts.init(element, null, { renderer: 'canvas' });
    new ResizeObserver(() => instance.resize()).observe(element);
    instances.set(id, instance);
  }
  instance.off('click');
  if (onClick) {
    instance.on('click', onClick);
  }
  return instance;
}

function base(extra) {
  return {
    backgroundColor: 'transparent',
    textStyle: { fontFamily: FONT, color: TEXT },
    animationDuration: 500,
    animationDurationUpdate: 400,
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      backgroundColor: 'rgba(10, 20, 38, 0.95)',
      borderColor: 'rgba(120, 160, 230, 0.35)',
      textStyle: { color: '#e8eef8', fontFamily: FONT },
      confine: true,
    },
    legend: {
      top: 0,
      right: 0,
      textStyle: { color: MUTED, fontSize: 12 },
      itemWidth: 12,
      itemHeight: 8,
      icon: 'roundRect',
    },
    ...extra,
  };
}

function valueAxis(extra = {}) {
  return {
    type: 'value',
    axisLabel: { color: MUTED },
    splitLine: { lineStyle: { color: GRID_LINE } },
    minInterval: 1,
    ...extra,
  };
}

function categoryAxis(data, extra = {}) {
  const { axisLabel, ...rest } = extra;
  return {
    type: 'category',
    data,
    axisLine: { lineStyle: { color: 'rgba(120, 160, 230, 0.3)' } },
    axisTick: { show: false },
    ...rest,
    axisLabel: { color: TEXT, ...(axisLabel || {}) },
  };
}

function empty(instance) {
  instance.setOption({
    title: { text: t('chart.empty'), left: 'center', top: 'middle', textStyle: { color: MUTED, fontSize: 14, fontWeight: 400 } },
  }, { notMerge: true });
}

/**
 * Problems by sector: stacked by status from the breakdowns (now, or as of the board's instant); found per
 * sector from the totals until the breakdowns have arrived.
 */
export function problemsBySector(breakdowns, totals, onSector) {
  const instance = chart('chart-problems-sector', params => onSector(params.data.sector));
  const sectors = enumValues('sector').slice().reverse();
  const names = sectors.map(s => label('sector', s));
  let series;
  if (breakdowns) {
    const bySector = Object.fromEntries(breakdowns.problemsBySector.map(row => [row.sector, row]));
    series = enumValues('status').map(status => ({
      name: label('status', status),
      type: 'bar',
      stack: 'status',
      barMaxWidth: 16,
      itemStyle: { color: STATUS_COLORS[status], borderRadius: 0 },
      emphasis: { focus: 'series' },
      data: sectors.map(sector => ({ value: bySector[sector]?.byStatus[status] ?? 0, sector })),
    }));
  } else if (totals) {
    series = [{
      name: t('chart.found'),
      type: 'bar',
      barMaxWidth: 16,
      itemStyle: { color: STATUS_COLORS.LOGGED },
      label: { show: true, position: 'right', color: TEXT },
      data: sectors.map(sector => ({ value: totals.problems.bySector[sector] ?? 0, sector })),
    }];
  } else {
    return empty(instance);
  }
  instance.setOption(base({
    grid: { left: 8, right: 24, top: 48, bottom: 4, containLabel: true },
    legend: { ...base().legend, top: 0, left: 0, right: 'auto' },
    xAxis: valueAxis(),
    yAxis: categoryAxis(names, { axisLabel: { width: narrow() ? 96 : 150, overflow: 'truncate' } }),
    series,
  }), { notMerge: true });
}

/** Problems by status as a ring, with the rectification rate in its middle. */
export function problemsByStatus(breakdowns, totals) {
  const instance = chart('chart-problems-status');
  let data;
  if (breakdowns) {
    data = enumValues('status').map(status => ({
      name: label('status', status), value: breakdowns.problemsByStatus[status] ?? 0,
      itemStyle: { color: STATUS_COLORS[status] },
    }));
  } else if (totals) {
    data = [
      { name: t('kpi.problems.rectified'), value: totals.problems.rectified, itemStyle: { color: STATUS_COLORS.VERIFIED } },
      { name: t('kpi.problems.inProgress'), value: totals.problems.inProgress, itemStyle: { color: STATUS_COLORS.RECTIFYING } },
    ];
  } else {
    return empty(instance);
  }
  const found = totals ? totals.problems.found : data.reduce((sum, d) => sum + d.value, 0);
  const rectified = totals ? totals.problems.rectified : 0;
  const rate = found ? number(rectified * 100 / found, 1) + '%' : '—';
  instance.setOption(base({
    tooltip: { ...base().tooltip, trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { ...base().legend, top: 'auto', bottom: 0, left: 'center', right: 'auto', data: data.map(d => d.name) },
    title: {
      text: rate,
      subtext: t('kpi.rate'),
      left: 'center',
      top: '33%',
      textStyle: { color: '#ffd9a0', fontSize: 24, fontWeight: 700 },
      subtextStyle: { color: MUTED, fontSize: 12 },
      itemGap: 4,
    },
    series: [{
      // The empty ring under the data: no problems yet is a grey ring, not equal slices of nothing.
      type: 'pie',
      radius: ['50%', '72%'],
      center: ['50%', '44%'],
      silent: true,
      label: { show: false },
      itemStyle: { color: 'rgba(255, 255, 255, 0.06)' },
      data: [{ value: 1, name: '' }],
      legendHoverLink: false,
      tooltip: { show: false },
    }, {
      type: 'pie',
      radius: ['50%', '72%'],
      center: ['50%', '44%'],
      stillShowZeroSum: false,
      avoidLabelOverlap: true,
      label: { show: false },
      itemStyle: { borderColor: '#0e1b31', borderWidth: 2 },
      data,
    }],
  }), { notMerge: true });
}

/** Average counted study days per organization and month, by tier, against each tier's monthly minimum. */
export function studyByMonth(breakdowns) {
  const instance = chart('chart-study');
  if (!breakdowns) {
    return empty(instance);
  }
  const months = [...new Set(breakdowns.study.map(row => row.month))];
  const tiers = enumValues('tier').filter(tier => breakdowns.study.some(row => row.tier === tier && row.organizations > 0));
  if (!months.length || !tiers.length) {
    return empty(instance);
  }
  const rows = Object.fromEntries(breakdowns.study.map(row => [row.tier + '|' + row.month, row]));
  const series = tiers.map(tier => ({
    name: label('tierShort', tier),
    type: 'bar',
    barMaxWidth: 22,
    itemStyle: { color: TIER_COLORS[tier], borderRadius: [3, 3, 0, 0] },
    data: months.map(month => {
      const row = rows[tier + '|' + month];
      return { value: Number(row?.daysPerOrganization ?? 0), row };
    }),
  }));
  tiers.filter(tier => breakdowns.study.some(row => row.tier === tier && row.required != null)).forEach(tier => {
    series.push({
      name: `${label('tierShort', tier)} ${t('chart.required')}`,
      type: 'line',
      symbol: 'none',
      step: 'middle',
      lineStyle: { type: 'dashed', width: 2, color: TIER_COLORS[tier] },
      itemStyle: { color: TIER_COLORS[tier] },
      data: months.map(month => rows[tier + '|' + month]?.required ?? null),
    });
  });
  instance.setOption(base({
    grid: { left: 8, right: 12, top: 48, bottom: 4, containLabel: true },
    legend: { ...base().legend, left: 0, right: 'auto' },
    tooltip: {
      ...base().tooltip,
      formatter: items => {
        const lines = [items[0].axisValueLabel];
        items.forEach(item => {
          const row = item.data && item.data.row;
          const extra = row ? ` · ${t('chart.meeting', { meeting: row.meeting, organizations: row.organizations })}` : '';
          lines.push(`${item.marker}${item.seriesName}: ${number(item.value ?? 0, 2)}${extra}`);
        });
        return lines.join('<br>');
      },
    },
    xAxis: categoryAxis(months),
    yAxis: valueAxis({ minInterval: 0.5 }),
    series,
  }), { notMerge: true });
}

/** Share of the ten items done by the active branches of each sector that has branches. */
export function checklistBySector(breakdowns, onSector) {
  const instance = chart('chart-checklist', params => onSector(params.data.sector, 'BRANCH'));
  const rows = breakdowns ? breakdowns.checklist.filter(row => row.branches > 0).reverse() : [];
  if (!rows.length) {
    return empty(instance);
  }
  instance.setOption(base({
    grid: { left: 8, right: 48, top: 10, bottom: 4, containLabel: true },
    tooltip: {
      ...base().tooltip,
      formatter: items => {
        const row = items[0].data.row;
        return `${items[0].name}<br>${t('chart.completion')}: ${number(items[0].value, 1)}%`
          + `<br>${number(row.itemsCompleted)} / ${number(row.itemsPossible)}`
          + `<br>${t('kpi.checklist.branchesComplete')}: ${number(row.branchesComplete)} / ${number(row.branches)}`;
      },
    },
    xAxis: valueAxis({ max: 100, axisLabel: { color: MUTED, formatter: '{value}%' } }),
    yAxis: categoryAxis(rows.map(row => label('sector', row.sector)), { axisLabel: { width: narrow() ? 96 : 150, overflow: 'truncate' } }),
    series: [{
      type: 'bar',
      barMaxWidth: 16,
      showBackground: true,
      backgroundStyle: { color: 'rgba(255, 255, 255, 0.05)', borderRadius: 3 },
      itemStyle: {
        borderRadius: 3,
        color: new echarts.graphic.LinearGradient(0, 0, 1, 0, [
          { offset: 0, color: '#2f9e6b' }, { offset: 1, color: '#5fd08a' }]),
      },
      label: { show: true, position: 'right', color: TEXT, formatter: p => number(p.value, 1) + '%' },
      data: rows.map(row => ({
        value: row.itemsPossible ? Math.round(row.itemsCompleted * 1000 / row.itemsPossible) / 10 : 0,
        sector: row.sector,
        row,
      })),
    }],
  }), { notMerge: true });
}

/** Branches that did each of the ten items, against all active branches. */
export function checklistByItem(breakdowns) {
  const instance = chart('chart-items');
  if (!breakdowns) {
    return empty(instance);
  }
  const branches = breakdowns.checklist.reduce((sum, row) => sum + row.branches, 0);
  const items = enumValues('item');
  instance.setOption(base({
    grid: { left: 8, right: 12, top: 28, bottom: 4, containLabel: true },
    legend: { show: false },
    xAxis: categoryAxis(items.map(item => label('item', item)), {
      axisLabel: { interval: 0, rotate: narrow() ? 45 : 30, fontSize: 11 },
    }),
    yAxis: valueAxis({ max: branches > 0 ? branches : null }),
    series: [{
      type: 'bar',
      barMaxWidth: 26,
      showBackground: branches > 0,
      backgroundStyle: { color: 'rgba(255, 255, 255, 0.05)' },
      itemStyle: {
        borderRadius: [3, 3, 0, 0],
        color: new echarts.graphic.LinearGradient(0, 0, 0, 1, [
          { offset: 0, color: '#f5c04a' }, { offset: 1, color: '#c8102e' }]),
      },
      label: { show: !narrow(), position: 'top', color: TEXT, fontSize: 11 },
      data: items.map(item => breakdowns.checklistByItem[item] ?? 0),
    }],
  }), { notMerge: true });
}

/** Events per bucket of recorded time, stacked by kind; a click views the board as of that bucket's end. */
export function timeline(activity, onBucket) {
  const instance = chart('chart-timeline', params => onBucket(activity.buckets[params.dataIndex]));
  if (!activity || !activity.buckets.length) {
    return empty(instance);
  }
  const kinds = Object.keys(KIND_COLORS).filter(kind => activity.buckets.some(b => b.counts[kind] > 0));
  instance.setOption(base({
    grid: { left: 8, right: 12, top: 48, bottom: 4, containLabel: true },
    legend: { ...base().legend, left: 0, right: 'auto' },
    xAxis: categoryAxis(activity.buckets.map(b => bucketLabel(b.start, activity.unit)), { axisLabel: { color: MUTED, fontSize: 11 } }),
    yAxis: valueAxis(),
    series: kinds.map(kind => ({
      name: label('kind', kind),
      type: 'bar',
      stack: 'kind',
      barMaxWidth: 24,
      itemStyle: { color: KIND_COLORS[kind] },
      emphasis: { focus: 'series' },
      data: activity.buckets.map(b => b.counts[kind] ?? 0),
    })),
  }), { notMerge: true });
}

/** Re-draw every chart at its element's size (after a layout change). */
export function resizeAll() {
  instances.forEach(instance => instance.resize());
}
