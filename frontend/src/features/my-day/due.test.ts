import { describe, expect, it } from 'vitest';
import { dueTarget, groupDue, type DueItem } from './due';

const item = (urgency: DueItem['urgency'], due_on: string, last = 'A', record_type = 'action_plan'): DueItem => ({
  kind: 'plan_review',
  urgency,
  due_on,
  days_until: 0,
  participant: { id: `p-${last}`, first_name: 'T', last_name: last },
  record_type,
  record_id: `r-${due_on}`,
  link: '',
});

describe('due list', () => {
  it('groups by urgency in order, sorted by date, without empty groups', () => {
    const groups = groupDue([item('later', '2026-12-20'), item('overdue', '2026-11-02', 'Ö'), item('overdue', '2026-11-01', 'B'), item('today', '2026-11-25')]);
    expect(groups.map((g) => g.urgency)).toEqual(['overdue', 'today', 'later']);
    expect(groups[0].items.map((i) => i.due_on)).toEqual(['2026-11-01', '2026-11-02']);
  });
  it('links each record type to its page', () => {
    expect(dueTarget(item('today', 'x'))).toEqual({ page: 'plan', id: 'r-x' });
    expect(dueTarget(item('today', 'x', 'A', 'referral'))).toEqual({ page: 'referral', id: 'r-x' });
    expect(dueTarget(item('today', 'x', 'A', 'tenancy'))).toEqual({ page: 'participant', id: 'p-A', tab: 'housing' });
    expect(dueTarget(item('today', 'x', 'A', 'participant'))).toEqual({ page: 'participant', id: 'p-A' });
  });
});
