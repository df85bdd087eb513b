// Times as the county reads them. The service answers in the county's zone (e.g. +08:00), so a time is
// shown by its own wall clock, whatever the zone of the screen's browser.

/** '2019-09-27T21:12:00.5+08:00' → '2019-09-27 21:12:00' */
export function wall(iso) {
  return iso ? iso.substring(0, 19).replace('T', ' ') : '—';
}

/** The offset of an ISO instant: '+08:00'; 'Z' as '+00:00'; null when none. */
export function offsetOf(iso) {
  const match = /([+-]\d{2}:\d{2}|Z)$/.exec(iso || '');
  if (!match) {
    return null;
  }
  return match[1] === 'Z' ? '+00:00' : match[1];
}

function offsetMinutes(offset) {
  const match = /^([+-])(\d{2}):(\d{2})$/.exec(offset);
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}

let county = '+08:00';

/** The county's offset, as the service's latest answer showed it (the zone is the service's setting). */
export function countyOffset() {
  return county;
}

export function setCountyOffset(offset) {
  if (offset) {
    county = offset;
  }
}

/** The county's wall clock of an instant in any offset, e.g. an Instant's '…Z'. */
export function countyWall(iso) {
  return iso ? wall(isoAt(Date.parse(iso), county)) : '—';
}

/** The county's date of an instant such as an Instant's '2019-10-31T15:59:59Z': '2019-10-31'. */
export function countyDate(iso) {
  return iso ? isoAt(Date.parse(iso), county).substring(0, 10) : '—';
}

const pad = (n, width = 2) => String(n).padStart(width, '0');

/** An instant (epoch ms) written on the wall clock of the offset: '2019-09-27T21:12:00.000+08:00'. */
export function isoAt(epochMs, offset) {
  const shifted = new Date(epochMs + offsetMinutes(offset) * 60000);
  return `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`
    + `T${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}:${pad(shifted.getUTCSeconds())}`
    + `.${pad(shifted.getUTCMilliseconds(), 3)}${offset}`;
}

/** The value a datetime-local input shows for an ISO instant, on the instant's own wall clock. */
export function inputValue(iso) {
  return iso ? iso.substring(0, 19) : '';
}

/** A datetime-local value read on the county's wall clock: '2019-09-27T21:12' → '2019-09-27T21:12:00+08:00'. */
export function fromInput(value, offset) {
  if (!value) {
    return null;
  }
  const withSeconds = value.length === 16 ? value + ':00' : value;
  return withSeconds + offset;
}

/** The end of a timeline bucket starting at iso, one unit later, minus a millisecond (as-of is inclusive). */
export function bucketEnd(iso, unit) {
  const offset = offsetOf(iso) || '+00:00';
  const start = Date.parse(iso);
  const steps = { minute: 60e3, hour: 3600e3, day: 86400e3, week: 7 * 86400e3 };
  let end;
  if (unit === 'month') {
    const y = Number(iso.substring(0, 4));
    const m = Number(iso.substring(5, 7));
    const next = `${m === 12 ? y + 1 : y}-${pad(m === 12 ? 1 : m + 1)}-01T00:00:00${offset}`;
    end = Date.parse(next);
  } else {
    end = start + (steps[unit] || steps.day);
  }
  return isoAt(end - 1, offset);
}

/** Bucket labels: as short as the unit allows. */
export function bucketLabel(iso, unit) {
  switch (unit) {
    case 'minute':
    case 'hour':
      return iso.substring(5, 16).replace('T', ' ');
    case 'month':
      return iso.substring(0, 7);
    default:
      return iso.substring(5, 10);
  }
}
