import { describe, expect, it } from 'vitest';
import { changedFields } from './changes';

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
