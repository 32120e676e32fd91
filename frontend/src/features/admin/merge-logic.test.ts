import { describe, expect, it } from 'vitest';
import { canMerge, duplicateQuery, movedSummary } from './merge-logic';

const empty = { personal_identity_number: '', first_name: '', last_name: '', date_of_birth: '' };

describe('duplicateQuery', () => {
  it('needs a personnummer or the whole name and date of birth', () => {
    expect(duplicateQuery(empty)).toBeNull();
    expect(duplicateQuery({ ...empty, first_name: 'Rita', last_name: 'Ek' })).toBeNull();
  });
  it('searches by personnummer alone', () => {
    expect(duplicateQuery({ ...empty, personal_identity_number: ' 19800101-1234 ', first_name: 'Rita' })).toEqual({
      personal_identity_number: '19800101-1234',
    });
  });
  it('searches by name and date of birth (trimmed)', () => {
    expect(duplicateQuery({ ...empty, first_name: ' Rita', last_name: 'Ek ', date_of_birth: '1980-01-01' })).toEqual({
      first_name: 'Rita',
      last_name: 'Ek',
      date_of_birth: '1980-01-01',
    });
  });
});

describe('canMerge', () => {
  it('needs two different records', () => {
    expect(canMerge(null, 'a')).toBe(false);
    expect(canMerge('a', 'a')).toBe(false);
    expect(canMerge('a', 'b')).toBe(true);
  });
});

describe('movedSummary', () => {
  it('drops empty tables, sorts by rows and sums', () => {
    expect(
      movedSummary([
        { table: 'contacts', rows: 2 },
        { table: 'referrals', rows: 0 },
        { table: 'assignments', rows: 3 },
      ]),
    ).toEqual({ rows: [{ table: 'assignments', rows: 3 }, { table: 'contacts', rows: 2 }], total: 5 });
  });
});
