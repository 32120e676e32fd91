import type { Schema } from '../../api/types';

/** At most this many removals in one approval (the server's limit). */
export const MAX_APPROVAL = 100;

/** Keeps only selected ids that are still candidates (after a reload some may be gone). */
export function selectedCandidates(items: Schema<'RetentionCandidate'>[], selected: ReadonlySet<string>): Schema<'RetentionCandidate'>[] {
  return items.filter((c) => selected.has(c.participant_id));
}

/** Toggles one id in the selection (a new set, for React state). */
export function toggle(selected: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(selected);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

/** "Select all": every candidate, or none if all are already selected; never more than the limit. */
export function toggleAll(items: Schema<'RetentionCandidate'>[], selected: ReadonlySet<string>): Set<string> {
  const all = items.length > 0 && items.every((c) => selected.has(c.participant_id));
  return all ? new Set() : new Set(items.slice(0, MAX_APPROVAL).map((c) => c.participant_id));
}

/** Rows removed in all, from the approval's answer. */
export function removedRows(result: Schema<'RetentionResult'>): number {
  return result.removed.reduce((sum, p) => sum + p.rows.reduce((s, r) => s + r.count, 0), 0);
}
