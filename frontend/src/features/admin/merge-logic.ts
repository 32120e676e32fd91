import type { Schema } from '../../api/types';

export interface DuplicateSearch {
  personal_identity_number: string;
  first_name: string;
  last_name: string;
  date_of_birth: string;
}

export type DuplicateQuery = Partial<DuplicateSearch>;

/**
 * The `GET /participants/duplicates` query for the search form: a personnummer alone, or first
 * name, last name and date of birth together (what the server compares); null if neither is given.
 */
export function duplicateQuery(form: DuplicateSearch): DuplicateQuery | null {
  const pnr = form.personal_identity_number.trim();
  const first = form.first_name.trim();
  const last = form.last_name.trim();
  const dob = form.date_of_birth.trim();
  const byName = first && last && dob;
  if (!pnr && !byName) return null;
  const q: DuplicateQuery = {};
  if (pnr) q.personal_identity_number = pnr;
  if (byName) Object.assign(q, { first_name: first, last_name: last, date_of_birth: dob });
  return q;
}

/** A merge needs two different records: the one to keep and the duplicate moved into it. */
export function canMerge(keep: string | null, from: string | null): boolean {
  return !!keep && !!from && keep !== from;
}

/** The tables that had rows moved, largest first, and the total. */
export function movedSummary(moved: Schema<'MovedCount'>[]): { rows: Schema<'MovedCount'>[]; total: number } {
  const rows = moved.filter((m) => m.rows > 0).sort((a, b) => b.rows - a.rows || a.table.localeCompare(b.table));
  return { rows, total: rows.reduce((sum, m) => sum + m.rows, 0) };
}
