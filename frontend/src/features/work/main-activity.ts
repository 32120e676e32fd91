/** Periods offered for the main activity: this year's tertials so far, this year, and last year (newest first). */
export function mainActivityPeriods(today: Date = new Date()): { value: string; year: number; tertial: number | null }[] {
  const y = today.getFullYear();
  const current = Math.floor(today.getMonth() / 4) + 1;
  const tertials = Array.from({ length: current }, (_, i) => current - i).map((n) => ({ value: `${y}-T${n}`, year: y, tertial: n }));
  return [...tertials, { value: String(y), year: y, tertial: null }, { value: String(y - 1), year: y - 1, tertial: null }];
}
