import type { Role } from '../../api/types';

/**
 * What the import page offers, and to whom. The server decides (`policy::import`); this list only
 * keeps the page from offering what a role may not do. Today the API imports participants, which
 * managers and caseworkers may create.
 */
export const IMPORT_RESOURCES = [{ resource: 'participants', roles: ['manager', 'caseworker'] }] as const satisfies readonly {
  resource: string;
  roles: readonly Role[];
}[];

export type ImportResource = (typeof IMPORT_RESOURCES)[number]['resource'];
export type FileFormat = 'csv' | 'ndjson';

export function importableResources(role: Role): ImportResource[] {
  return IMPORT_RESOURCES.filter((r) => (r.roles as readonly Role[]).includes(role)).map((r) => r.resource);
}

export function mayImport(role: Role): boolean {
  return importableResources(role).length > 0;
}

/**
 * The format of a chosen file, from its name first (browsers often give `.ndjson` no type, and
 * Windows reports `.csv` as `application/vnd.ms-excel`), then from its type; null if neither says.
 */
export function fileFormat(file: { name: string; type: string }): FileFormat | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.csv') || name.endsWith('.txt')) return 'csv';
  if (name.endsWith('.ndjson') || name.endsWith('.jsonl')) return 'ndjson';
  const type = file.type.toLowerCase();
  if (type === 'text/csv' || type === 'application/vnd.ms-excel') return 'csv';
  if (type === 'application/x-ndjson' || type === 'application/jsonl') return 'ndjson';
  return null;
}

export const CONTENT_TYPES: Record<FileFormat, string> = { csv: 'text/csv', ndjson: 'application/x-ndjson' };

export interface RowError {
  line: number;
  field: string | null;
  message: string;
}

/** A validation report in file order: by line, errors about the whole row first, then by column. */
export function sortRowErrors(errors: readonly RowError[]): RowError[] {
  return [...errors].sort((a, b) => a.line - b.line || (a.field ?? '').localeCompare(b.field ?? ''));
}

/** The lines of the file that have at least one error (a row with three bad fields counts once). */
export function invalidLines(errors: readonly RowError[]): number {
  return new Set(errors.map((e) => e.line)).size;
}

interface JobLike {
  id: string;
  resource: string;
  status: string;
  started_at: string;
}

/**
 * While an upload runs the page does not know its job id yet (the POST answers at the end), so it
 * watches the newest running job of the same resource that started after the upload began.
 */
export function currentRunningJob<J extends JobLike>(jobs: readonly J[], resource: string, since: Date): J | null {
  // The server's clock and the browser's may differ a little; allow for it.
  const from = since.getTime() - 60_000;
  const candidates = jobs.filter((j) => j.status === 'running' && j.resource === resource && Date.parse(j.started_at) >= from);
  candidates.sort((a, b) => Date.parse(b.started_at) - Date.parse(a.started_at));
  return candidates[0] ?? null;
}
