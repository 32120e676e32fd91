import { describe, expect, it } from 'vitest';
import type { Schema } from '../../api/types';
import { activeQueue, ladderShares, parseSeed, waitingParts } from './queue';

const entry = (id: string, status: Schema<'QueueStatus'>, position: number | null, joined_on: string) =>
  ({ id, status, position, joined_on }) as Schema<'QueueEntryView'>;

describe('queue helpers', () => {
  it('splits waiting days', () => {
    expect(waitingParts(400)).toEqual({ years: 1, months: 1, days: 5 });
    expect(waitingParts(0)).toEqual({ years: 0, months: 0, days: 0 });
  });
  it('keeps only active entries, in position order', () => {
    const q = activeQueue([entry('c', 'waiting', 3, '2010-01-01'), entry('x', 'removed', null, '2001-01-01'), entry('a', 'notified', 1, '2012-01-01'), entry('b', 'waiting', null, '2008-10-31')]);
    expect(q.map((e) => e.id)).toEqual(['a', 'c', 'b']);
  });
  it('parses seeds: blank means server-chosen; only safe whole numbers', () => {
    expect(parseSeed('')).toBeNull();
    expect(parseSeed(' 42 ')).toBe(42);
    expect(parseSeed('-1')).toBe('invalid');
    expect(parseSeed('1.5')).toBe('invalid');
    expect(parseSeed('9007199254740991')).toBe(9007199254740991);
    expect(parseSeed('9007199254740992')).toBe('invalid');
  });
  it('computes ladder shares in ladder order', () => {
    const s = ladderShares([{ step: 'training_apartment', days: 30 }, { step: 'homeless', days: 90 }], ['homeless', 'supported_housing', 'training_apartment']);
    expect(s).toEqual([
      { step: 'homeless', days: 90, share: 0.75 },
      { step: 'supported_housing', days: 0, share: 0 },
      { step: 'training_apartment', days: 30, share: 0.25 },
    ]);
  });
});
