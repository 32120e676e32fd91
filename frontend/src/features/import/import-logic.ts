import type { Role } from '../../api/types';

/** The roles that record casework (`policy::writes_casework`): everyone but admin and read-only. */
const CASEWORK: readonly Role[] = ['manager', 'caseworker', 'work_consultant', 'housing_support', 'housing_coordinator', 'treatment_staff'];

/**
 * What the import page offers, and to whom. The server decides (`policy::import`); this list only
 * keeps the page from offering what a role may not do. `columns` is a short hint of a file's header
 * (the README's examples); the full list is the resource's create body plus `external_id`, and
 * `id` (the Stegvis id an export writes first, which makes a row update that record).
 */
export const IMPORT_RESOURCES = [
  {
    resource: 'participants',
    roles: ['manager', 'caseworker'],
    columns: 'external_id;personal_identity_number;first_name;last_name;gender;unit_id;housing_situation;main_substance;income_source;city',
  },
  { resource: 'employers', roles: ['manager', 'work_consultant'], columns: 'external_id;name;organisation_number;sector;contact_person;work_kinds' },
  {
    resource: 'apartments',
    roles: ['manager', 'housing_coordinator'],
    columns: 'external_id;unit_id;address;district;kind;rooms;size_sqm;monthly_rent',
  },
  {
    resource: 'referrals',
    roles: ['manager', 'caseworker'],
    columns: 'external_id;participant_id;programme_id;referring_unit_id;reason;target_group',
  },
  { resource: 'contacts', roles: CASEWORK, columns: 'external_id;participants;occurred_at;kind;note' },
  {
    resource: 'activities',
    roles: ['manager', 'caseworker', 'work_consultant'],
    columns: 'external_id;enrolment_id;kind;provider_employer_id;provider_name;start_date;hours_per_week;note',
  },
  { resource: 'enrolments', roles: CASEWORK, columns: 'external_id;participant_id;programme_id;start_date' },
  {
    resource: 'tenancies',
    roles: ['manager', 'housing_coordinator'],
    columns: 'external_id;participant_id;apartment_id;move_in_on;planned_takeover_on;note',
  },
  {
    resource: 'queue-entries',
    roles: ['manager', 'housing_coordinator', 'caseworker'],
    columns: 'external_id;participant_id;wish;joined_on;priority;ready;not_ready_reason',
  },
] as const satisfies readonly {
  resource: string;
  roles: readonly Role[];
  columns: string;
}[];

export type ImportResource = (typeof IMPORT_RESOURCES)[number]['resource'];
export type FileFormat = 'csv' | 'ndjson';

export function importableResources(role: Role): ImportResource[] {
  return IMPORT_RESOURCES.filter((r) => (r.roles as readonly Role[]).includes(role)).map((r) => r.resource);
}

export function mayImport(role: Role): boolean {
  return importableResources(role).length > 0;
}

/** Every role that reads participants (all but admin) may export every resource (`exports.rs`). */
export function exportableResources(role: Role): ImportResource[] {
  return role === 'admin' ? [] : IMPORT_RESOURCES.map((r) => r.resource);
}

/** A short hint of the columns a file of `resource` has (the first line of a CSV). */
export function importColumns(resource: ImportResource): string {
  return IMPORT_RESOURCES.find((r) => r.resource === resource)?.columns ?? '';
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
