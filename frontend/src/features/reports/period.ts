/** The report periods the API takes: `2026-T3` (tertial), `2026`, `2026-05`, `2026-01-01..2026-04-30`. */
export type PeriodKind = 'tertial' | 'year' | 'month' | 'range';

export interface PeriodParts {
  kind: PeriodKind;
  year: string;
  tertial: '1' | '2' | '3';
  month: string; // YYYY-MM
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function defaultPeriod(today: Date = new Date()): PeriodParts {
  const y = String(today.getFullYear());
  const t = String(Math.floor(today.getMonth() / 4) + 1) as '1' | '2' | '3';
  return { kind: 'tertial', year: y, tertial: t, month: `${y}-${pad(today.getMonth() + 1)}`, from: `${y}-01-01`, to: `${y}-12-31` };
}

/** The API's period string, or '' when the parts are incomplete. */
export function periodString(p: PeriodParts): string {
  if (p.kind === 'year') return /^\d{4}$/.test(p.year) ? p.year : '';
  if (p.kind === 'tertial') return /^\d{4}$/.test(p.year) ? `${p.year}-T${p.tertial}` : '';
  if (p.kind === 'month') return /^\d{4}-\d{2}$/.test(p.month) ? p.month : '';
  return p.from && p.to ? `${p.from}..${p.to}` : '';
}

/** Back from the API's period string (as kept in the URL) to the picker's parts. */
export function parsePeriod(value: string | null | undefined, today: Date = new Date()): PeriodParts {
  const base = defaultPeriod(today);
  if (!value) return base;
  let m = /^(\d{4})-T([123])$/.exec(value);
  if (m) return { ...base, kind: 'tertial', year: m[1], tertial: m[2] as '1' | '2' | '3' };
  m = /^(\d{4})$/.exec(value);
  if (m) return { ...base, kind: 'year', year: m[1] };
  m = /^(\d{4}-\d{2})$/.exec(value);
  if (m) return { ...base, kind: 'month', month: m[1] };
  m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(value);
  if (m) return { ...base, kind: 'range', from: m[1], to: m[2] };
  return base;
}

/** The ISO week ("2026-W48") of a date, as `<input type="week">` shows it. */
export function isoWeek(date: Date = new Date()): string {
  const d = new Date(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = new Date(Date.UTC(d.getUTCFullYear(), 0, 1));
  const week = Math.ceil(((d.getTime() - yearStart.getTime()) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${pad(week)}`;
}
