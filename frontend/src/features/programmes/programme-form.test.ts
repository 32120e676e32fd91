import { describe, expect, it } from 'vitest';
import type { Schema } from '../../api/types';
import { canManageProgramme, canReadEvaluations, canWriteEvaluations, currentHalfYear, formToProgrammeInput, isHalfYear, onTimeShare, programmeChecks, programmeToForm } from './programme-form';

const units = [{ id: 'u1', name: 'Enhet 1' }] as { id: string; name: string }[];

describe('who may do what with programmes', () => {
  it('follows the server policy', () => {
    expect(canManageProgramme({ role: 'manager', units }, 'u1')).toBe(true);
    expect(canManageProgramme({ role: 'manager', units }, 'u2')).toBe(false);
    expect(canManageProgramme({ role: 'admin', units: [] }, 'u2')).toBe(true);
    expect(canManageProgramme({ role: 'caseworker', units }, 'u1')).toBe(false);
    expect(canReadEvaluations({ role: 'caseworker', units }, 'u1')).toBe(true);
    expect(canReadEvaluations({ role: 'caseworker', units }, 'u2')).toBe(false);
    expect(canReadEvaluations({ role: 'admin', units }, 'u1')).toBe(false);
    expect(canWriteEvaluations({ role: 'admin', units: [] }, 'u1')).toBe(false);
    expect(canWriteEvaluations({ role: 'manager', units }, 'u1')).toBe(true);
  });
});

describe('programme form', () => {
  const p: Schema<'ProgrammeView'> = {
    id: 'p1',
    unit_id: 'u1',
    name: 'Arbetsträning',
    kind: 'job_rehabilitation',
    description: null,
    start_date: '2026-01-01',
    end_date: null,
    end_statuses: ['employment', 'studies'],
    created_at: '',
    updated_at: '',
    version: 1,
  };
  it('keeps the end statuses and sends empty text as null', () => {
    expect(formToProgrammeInput(p, { ...programmeToForm(p), name: ' Arbetsträning 2 ' })).toEqual({
      unit_id: 'u1',
      name: 'Arbetsträning 2',
      kind: 'job_rehabilitation',
      description: null,
      start_date: '2026-01-01',
      end_date: null,
      end_statuses: ['employment', 'studies'],
    });
  });
  it('needs the end after the start', () => {
    expect(programmeChecks({ ...programmeToForm(p), end_date: '2025-12-31' })).toEqual({ end_date: 'validation.endBeforeStart' });
  });
});

describe('half-years', () => {
  it('parses and picks the current one', () => {
    expect(isHalfYear('2026-H1')).toBe(true);
    expect(isHalfYear('2026-H3')).toBe(false);
    expect(currentHalfYear(new Date(2026, 10, 26))).toBe('2026-H2');
    expect(currentHalfYear(new Date(2026, 5, 30))).toBe('2026-H1');
  });
  it('shows the on-time share only when reviews were due', () => {
    const f = { reviews_due: 3, reviews_on_time: 2 } as Schema<'MethodFigures'>;
    expect(onTimeShare(f)).toBe(67);
    expect(onTimeShare({ ...f, reviews_due: 0 })).toBeNull();
  });
});
