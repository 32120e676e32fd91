import { describe, expect, it } from 'vitest';
import { currentRunningJob, exportableResources, fileFormat, importableResources, importColumns, IMPORT_RESOURCES, invalidLines, mayImport, sortRowErrors } from './import-logic';

describe('who is offered which import', () => {
  it('follows policy::import for every role', () => {
    expect(importableResources('manager')).toEqual(['participants', 'employers', 'apartments', 'referrals', 'contacts', 'activities', 'enrolments', 'tenancies', 'queue-entries']);
    expect(importableResources('caseworker')).toEqual(['participants', 'referrals', 'contacts', 'activities', 'enrolments', 'queue-entries']);
    expect(importableResources('work_consultant')).toEqual(['employers', 'contacts', 'activities', 'enrolments']);
    expect(importableResources('housing_coordinator')).toEqual(['apartments', 'contacts', 'enrolments', 'tenancies', 'queue-entries']);
    expect(importableResources('housing_support')).toEqual(['contacts', 'enrolments']);
    expect(importableResources('treatment_staff')).toEqual(['contacts', 'enrolments']);
  });

  it('offers nothing to import to admin and read-only', () => {
    for (const role of ['admin', 'read_only'] as const) {
      expect(importableResources(role), role).toEqual([]);
      expect(mayImport(role), role).toBe(false);
    }
    expect(mayImport('treatment_staff')).toBe(true);
  });

  it('offers every export to the roles that read participants, none to admin', () => {
    expect(exportableResources('read_only')).toHaveLength(9);
    expect(exportableResources('housing_support')).toEqual(IMPORT_RESOURCES.map((r) => r.resource));
    expect(exportableResources('admin')).toEqual([]);
  });

  it('hints each resource\'s columns, external_id first', () => {
    for (const { resource } of IMPORT_RESOURCES) {
      expect(importColumns(resource).split(';')[0], resource).toBe('external_id');
    }
    expect(importColumns('employers')).toContain('organisation_number');
  });
});

describe('fileFormat', () => {
  it('goes by the file name first, since browsers type these files inconsistently', () => {
    expect(fileFormat({ name: 'deltagare.CSV', type: 'application/vnd.ms-excel' })).toBe('csv');
    expect(fileFormat({ name: 'deltagare.ndjson', type: '' })).toBe('ndjson');
    expect(fileFormat({ name: 'export.jsonl', type: 'application/octet-stream' })).toBe('ndjson');
  });

  it('falls back to the type, and refuses what is neither', () => {
    expect(fileFormat({ name: 'fil', type: 'text/csv' })).toBe('csv');
    expect(fileFormat({ name: 'fil', type: 'application/x-ndjson' })).toBe('ndjson');
    expect(fileFormat({ name: 'deltagare.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })).toBeNull();
  });
});

describe('the validation report', () => {
  const errors = [
    { line: 5, field: 'unit_id', message: 'unknown unit' },
    { line: 3, field: 'personal_identity_number', message: 'the check digit does not match' },
    { line: 5, field: null, message: 'too many fields' },
    { line: 3, field: 'gender', message: 'unknown value' },
  ];

  it('is in file order, whole-row errors before column errors on the same line', () => {
    expect(sortRowErrors(errors).map((e) => `${e.line}:${e.field ?? '-'}`)).toEqual(['3:gender', '3:personal_identity_number', '5:-', '5:unit_id']);
    expect(errors[0].line, 'input left as it was').toBe(5);
  });

  it('counts lines, not errors', () => {
    expect(invalidLines(errors)).toBe(2);
    expect(invalidLines([])).toBe(0);
  });
});

describe('currentRunningJob', () => {
  const since = new Date('2026-11-26T08:00:00Z');
  const job = (id: string, started_at: string, status = 'running', resource = 'participants') => ({ id, resource, status, started_at });

  it('picks the newest running job of the resource that started after the upload began', () => {
    const jobs = [
      job('old', '2026-11-26T07:00:00Z'),
      job('done', '2026-11-26T08:00:05Z', 'succeeded'),
      job('mine', '2026-11-26T08:00:02Z'),
      job('earlier', '2026-11-26T08:00:01Z'),
    ];
    expect(currentRunningJob(jobs, 'participants', since)?.id).toBe('mine');
  });

  it('tolerates a server clock a little behind the browser, and finds nothing when nothing runs', () => {
    expect(currentRunningJob([job('skewed', '2026-11-26T07:59:30Z')], 'participants', since)?.id).toBe('skewed');
    expect(currentRunningJob([job('other', '2026-11-26T08:00:02Z', 'running', 'employers')], 'participants', since)).toBeNull();
    expect(currentRunningJob([], 'participants', since)).toBeNull();
  });
});
