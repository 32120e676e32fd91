/** One field that differs between the version a user started from and the server's current one. */
export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

function show(value: unknown): string {
  if (value == null) return '';
  if (Array.isArray(value)) return value.map(show).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * The fields in `fields` whose values differ between `before` and `after`, shown as text, so a
 * 412 can tell the user what someone else changed (bookkeeping like `version` is left out by the caller).
 */
export function changedFields<T extends object>(before: T, after: T, fields: readonly (keyof T & string)[]): FieldChange[] {
  return fields
    .filter((f) => JSON.stringify(before[f] ?? null) !== JSON.stringify(after[f] ?? null))
    .map((f) => ({ field: f, before: show(before[f]), after: show(after[f]) }));
}

/**
 * Re-applying a user's edit on top of someone else's newer version: the fields the user changed
 * (`mine` differs from `base`, what they started from) are taken from `mine`, every other field
 * from `theirs`, so the other person's changes to fields the user did not touch are kept.
 */
export function reapplyChanges<T extends object>(base: T, mine: T, theirs: T): T {
  const out = { ...theirs };
  for (const k of Object.keys(mine) as (keyof T)[]) {
    if (JSON.stringify(mine[k]) !== JSON.stringify(base[k])) out[k] = mine[k];
  }
  return out;
}
