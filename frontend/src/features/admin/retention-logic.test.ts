import { describe, expect, it } from 'vitest';
import { removedRows, selectedCandidates, toggle, toggleAll } from './retention-logic';

const c = (id: string) => ({
  participant_id: id,
  unit_id: 'u1',
  first_name: 'Testa',
  last_name: id,
  closed_on: '2019-03-31',
  last_entry_at: '2019-04-02T09:15:00Z',
  removable_from: '2024-04-02',
});

describe('retention selection', () => {
  it('toggles one id', () => {
    expect([...toggle(new Set(['a']), 'b')]).toEqual(['a', 'b']);
    expect([...toggle(new Set(['a', 'b']), 'a')]).toEqual(['b']);
  });
  it('selects all, or clears when all are selected', () => {
    const items = [c('a'), c('b')];
    expect([...toggleAll(items, new Set(['a']))]).toEqual(['a', 'b']);
    expect([...toggleAll(items, new Set(['a', 'b']))]).toEqual([]);
    expect([...toggleAll([], new Set())]).toEqual([]);
  });
  it('selects at most 100', () => {
    const many = Array.from({ length: 120 }, (_, i) => c(String(i)));
    expect(toggleAll(many, new Set()).size).toBe(100);
  });
  it('keeps only ids that are still candidates', () => {
    expect(selectedCandidates([c('a'), c('b')], new Set(['b', 'gone'])).map((x) => x.participant_id)).toEqual(['b']);
  });
  it('sums the removed rows', () => {
    expect(
      removedRows({
        removed: [
          { participant_id: 'a', rows: [{ table: 'participants', count: 1 }, { table: 'contacts', count: 4 }] },
          { participant_id: 'b', rows: [{ table: 'participants', count: 1 }] },
        ],
      }),
    ).toBe(6);
  });
});
