/** Timestamps the way Freshdesk writes them: UTC, no milliseconds. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19) + 'Z';
}

export function isoOrNull(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined ? null : isoSeconds(ms);
}

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/**
 * Parses the date inputs the reference lists: YYYY-MM-DD, …THH:MM[Z], …THH:MM:SS[Z], offsets
 * ±hh:mm / ±hh / ±hhmm. No zone means UTC. Fractional seconds are tolerated. Returns null when invalid.
 */
export function parseApiDate(text: string): number | null {
  const m = DATE_RE.exec(text);
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month - 1)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  let offsetMin = 0;
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (oh > 14 || om > 59) return null;
    offsetMin = sign * (oh * 60 + om);
  }
  return Date.UTC(year, month - 1, day, hour, minute, second) - offsetMin * 60_000;
}

export function daysInMonth(year: number, monthIndex: number): number {
  return new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
}

/** Freshdesk (Rails) time-zone names used by the seed data, mapped to IANA zones. */
export const TIME_ZONES: Readonly<Record<string, string>> = {
  'Eastern Time (US & Canada)': 'America/New_York',
  'Central Time (US & Canada)': 'America/Chicago',
  'Pacific Time (US & Canada)': 'America/Los_Angeles',
  London: 'Europe/London',
  Berlin: 'Europe/Berlin',
  Chennai: 'Asia/Kolkata',
  Pretoria: 'Africa/Johannesburg',
  Sydney: 'Australia/Sydney',
  UTC: 'UTC',
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function zoneParts(ms: number, ianaZone: string): { y: number; m: number; d: number; h: number; mi: number; s: number } {
  let f = formatters.get(ianaZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: ianaZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(ianaZone, f);
  }
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    y: parts.year ?? 1970,
    m: parts.month ?? 1,
    d: parts.day ?? 1,
    h: (parts.hour ?? 0) % 24,
    mi: parts.minute ?? 0,
    s: parts.second ?? 0,
  };
}

function zoneOffsetMs(ms: number, ianaZone: string): number {
  const p = zoneParts(ms, ianaZone);
  return Date.UTC(p.y, p.m - 1, p.d, p.h, p.mi, p.s) - Math.floor(ms / 1000) * 1000;
}

/**
 * The tickets list's default cut-off: start of today in the agent's zone minus one month
 * (calendar month, day clamped to the month's length).
 */
export function startOfTodayMinusOneMonth(nowMs: number, zoneName: string): number {
  const iana = TIME_ZONES[zoneName] ?? 'UTC';
  const p = zoneParts(nowMs, iana);
  let year = p.y;
  let monthIndex = p.m - 2;
  if (monthIndex < 0) {
    monthIndex += 12;
    year -= 1;
  }
  const day = Math.min(p.d, daysInMonth(year, monthIndex));
  const localMidnightAsUtc = Date.UTC(year, monthIndex, day);
  let guess = localMidnightAsUtc - zoneOffsetMs(localMidnightAsUtc, iana);
  guess = localMidnightAsUtc - zoneOffsetMs(guess, iana);
  return guess;
}
