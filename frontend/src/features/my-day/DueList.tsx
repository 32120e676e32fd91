/** Placeholder until the due-list endpoint exists in the API (filled in after merging main). */
export function DueList() {
  return null;
}
