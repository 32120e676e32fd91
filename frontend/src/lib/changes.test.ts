import { describe, expect, it } from 'vitest';
import { changedFields, reapplyChanges } from './changes';

describe('changedFields', () => {
  const base = { name: 'Parkbolaget', phone: null as string | null, kinds: ['park'], version: 1 };

  it('lists only the named fields that differ, as text', () => {
    const now = { ...base, phone: '08-123', kinds: ['park', 'kök'], version: 2 };
    expect(changedFields(base, now, ['name', 'phone', 'kinds'])).toEqual([
      { field: 'phone', before: '', after: '08-123' },
      { field: 'kinds', before: 'park', after: 'park, kök' },
    ]);
  });

  it('treats null and a missing value as the same', () => {
    expect(changedFields(base, { ...base, phone: undefined as unknown as null }, ['phone'])).toEqual([]);
  });
});

describe('reapplyChanges', () => {
  it("keeps the other person's changes to fields the user did not touch", () => {
    const base = { phone: '1', notes: '', name: 'A' };
    const mine = { phone: '1', notes: 'mine', name: 'A' };
    const theirs = { phone: '2', notes: '', name: 'A' };
    expect(reapplyChanges(base, mine, theirs)).toEqual({ phone: '2', notes: 'mine', name: 'A' });
  });

  it('the user wins on a field both changed (they chose to re-apply)', () => {
    expect(reapplyChanges({ a: 1 }, { a: 2 }, { a: 3 })).toEqual({ a: 2 });
  });
});
