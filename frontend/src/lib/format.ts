/** Dates are always shown in Swedish format (2026-11-25, 2026-11-25 14:05), whatever the UI language. */
const dateFormat = new Intl.DateTimeFormat('sv-SE', { year: 'numeric', month: '2-digit', day: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat('sv-SE', {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** "YYYY-MM-DD" (a calendar date, no time zone) or an ISO timestamp → "2026-11-25". */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-').map(Number);
    return dateFormat.format(new Date(y, m - 1, d));
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : dateFormat.format(date);
}

/** ISO timestamp → "2026-11-25 14:05" in local time. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : dateTimeFormat.format(date);
}

/** Numbers with Swedish grouping (1 234). */
export function formatNumber(value: number): string {
  return new Intl.NumberFormat('sv-SE').format(value);
}
