import { describe, expect, it } from 'vitest';
import { eventTarget, groupTimeline, type TimelineEvent } from './timeline';

const ev = (date: string, kind: string, resource = 'contact'): TimelineEvent => ({ date, kind, resource, resource_id: `${kind}-${date}`, code: null });

describe('groupTimeline', () => {
  it('groups by month, newest first, keeping same-day order stable', () => {
    const groups = groupTimeline([ev('2026-01-03', 'a'), ev('2026-02-10', 'b'), ev('2026-02-10', 'c'), ev('2025-12-31', 'd')]);
    expect(groups.map((g) => g.month)).toEqual(['2026-02', '2026-01', '2025-12']);
    expect(groups[0].items.map((i) => i.kind)).toEqual(['b', 'c']);
  });
  it('handles an empty history', () => {
    expect(groupTimeline([])).toEqual([]);
  });
  it('links referrals and enrolments only', () => {
    expect(eventTarget(ev('2026-01-01', 'referral_received', 'referral'))).toBe('referral');
    expect(eventTarget(ev('2026-01-01', 'enrolment_started', 'enrolment'))).toBe('enrolment');
    expect(eventTarget(ev('2026-01-01', 'contact'))).toBeNull();
  });
});
