import { describe, expect, it } from 'vitest';
import { intOrNull, str, utcToLocalInput, validateRecord, type FieldSpec } from './record-edit';

type V = { name: string; on: string; rooms: string; rent: string; kind: string; ok: boolean };
const fields: FieldSpec<V>[] = [
  { name: 'name', label: 'Name', required: true },
  { name: 'on', label: 'On', type: 'date', required: true },
  { name: 'rooms', label: 'Rooms', type: 'number', min: 1 },
  { name: 'rent', label: 'Rent', type: 'number', min: 0 },
  { name: 'kind', label: 'Kind', type: 'select', required: true },
  { name: 'ok', label: 'OK', type: 'checkbox' },
];
const good: V = { name: 'Ada', on: '2026-01-31', rooms: '2', rent: '0', kind: 'a', ok: false };

describe('validateRecord', () => {
  it('accepts a complete record', () => {
    expect(validateRecord(good, fields)).toEqual({});
  });

  it('requires required fields (a select asks for a choice) and ignores empty optional ones', () => {
    expect(validateRecord({ ...good, name: '  ', kind: '', rooms: '', rent: '' }, fields)).toEqual({ name: 'validation.required', kind: 'validation.choose' });
  });

  it('checks real dates and whole numbers with their minimum', () => {
    expect(validateRecord({ ...good, on: '2026-02-30', rooms: '0', rent: '-1' }, fields)).toEqual({
      on: 'validation.dateFormat',
      rooms: 'validation.positive',
      rent: 'validation.notNegative',
    });
    expect(validateRecord({ ...good, rooms: '2.5' }, fields)).toEqual({ rooms: 'validation.number' });
  });

  it('adds checks between fields without hiding a field check', () => {
    const extra = () => ({ on: 'validation.endBeforeStart', rent: 'validation.tooLong' });
    expect(validateRecord({ ...good, on: 'x' }, fields, extra)).toEqual({ on: 'validation.dateFormat', rent: 'validation.tooLong' });
  });
});

describe('helpers', () => {
  it('converts between form text and API values', () => {
    expect(intOrNull(' ')).toBeNull();
    expect(intOrNull('12')).toBe(12);
    expect(str(null)).toBe('');
    expect(str(3)).toBe('3');
  });

  it('shows a UTC timestamp as local datetime-local text', () => {
    const local = utcToLocalInput('2026-03-01T09:30:00Z');
    expect(local).toMatch(/^2026-03-01T\d{2}:30$/);
    expect(new Date(local).toISOString()).toBe('2026-03-01T09:30:00.000Z');
  });
});

describe('decimal fields', () => {
  it('take a comma or a point', async () => {
    const { decimalOrNull } = await import('./record-edit');
    const spec: FieldSpec<{ size: string }>[] = [{ name: 'size', label: 'Size', type: 'number', decimal: true, min: 0 }];
    expect(validateRecord({ size: '28,5' }, spec)).toEqual({});
    expect(validateRecord({ size: '28,5,1' }, spec)).toEqual({ size: 'validation.decimal' });
    expect(validateRecord({ size: '-1' }, spec)).toEqual({ size: 'validation.notNegative' });
    expect(decimalOrNull('28,5')).toBe(28.5);
  });
});
