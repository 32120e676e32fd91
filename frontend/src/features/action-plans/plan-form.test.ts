import { describe, expect, it } from 'vitest';
import type { Schema } from '../../api/types';
import { emptyGoal, emptyIntervention, emptyReview, formToPlanUpdate, formToReview, goalsToCarry, planSchema, planToForm, reviewSchema, toFormPath } from './plan-form';

const plan: Schema<'ActionPlanView'> = {
  id: 'p1',
  participant_id: 'x',
  sequence: 2,
  status: 'active',
  period_start: '2026-09-01',
  period_end: '2026-11-30',
  review_overdue: false,
  purpose: 'Behålla bostaden',
  goals: [
    { id: 'g2', position: 2, horizon: 'long_term', text: 'Eget kontrakt', in_participants_words: false },
    { id: 'g1', position: 1, horizon: 'short_term', text: 'Betala hyran i tid', in_participants_words: true, carried_from_goal_id: 'old' },
  ],
  interventions: [{ id: 'i1', position: 1, what: 'Hembesök', responsible_kind: 'external', external_actor: 'Länkarna', frequency: 'Varje vecka' }],
  created_by: 's',
  created_at: '',
  updated_at: '',
  version: 4,
};

describe('plan form', () => {
  it('orders goals by position, keeps ids and flags, and sends nulls for blanks', () => {
    const form = planToForm(plan);
    expect(form.goals.map((g) => g.id)).toEqual(['g1', 'g2']);
    expect(form.goals[0]).toMatchObject({ in_participants_words: true, carried: true });
    const body = formToPlanUpdate({ ...form, scope: '  ', goals: [...form.goals, { ...emptyGoal(), text: 'Nytt' }] });
    expect(body.scope).toBeNull();
    expect(body.goals?.map((g) => g.id)).toEqual(['g1', 'g2', null]);
    expect(body.interventions?.[0]).toMatchObject({ responsible_kind: 'external', external_actor: 'Länkarna', responsible_staff_id: null });
  });

  it('requires the responsible staff member or external actor that matches the kind', () => {
    const form = planToForm(plan);
    const bad = planSchema.safeParse({ ...form, interventions: [{ ...emptyIntervention(), what: 'Samtal' }] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toContain('interventions.0.responsible_staff_id');
    const ok = planSchema.safeParse({ ...form, interventions: [{ ...emptyIntervention(), what: 'Samtal', responsible_staff_id: 's1' }] });
    expect(ok.success).toBe(true);
  });

  it('refuses a period that ends before it starts', () => {
    const r = planSchema.safeParse({ ...planToForm(plan), period_end: '2026-08-01' });
    expect(r.error?.issues[0].path).toEqual(['period_end']);
  });

  it('maps API field paths to form paths', () => {
    expect(toFormPath('goals[1].text')).toBe('goals.1.text');
    expect(toFormPath('participant_views')).toBe('participant_views');
  });
});

describe('review form', () => {
  it('starts with one outcome per goal in plan order', () => {
    const v = emptyReview(plan, '2026-11-30');
    expect(v.outcomes.map((o) => o.goal_id)).toEqual(['g1', 'g2']);
  });

  it('needs an outcome for every goal and a reason unless achieved', () => {
    const v = emptyReview(plan, '2026-11-30');
    const filled = { ...v, analysis: 'Gick bra', participant_view: 'Nöjd' };
    expect(reviewSchema.safeParse(filled).success).toBe(false);
    const outcomes = [
      { goal_id: 'g1', outcome: 'achieved' as const, reason: '' },
      { goal_id: 'g2', outcome: 'partly_achieved' as const, reason: '' },
    ];
    const r = reviewSchema.safeParse({ ...filled, outcomes });
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['outcomes.1.reason']);
    outcomes[1].reason = 'Kön till bostad är lång';
    expect(reviewSchema.safeParse({ ...filled, outcomes }).success).toBe(true);
  });

  it('carries over the goals not fully achieved and drops reasons of achieved goals', () => {
    const v = {
      reviewed_on: '2026-11-30',
      analysis: 'a',
      participant_view: 'b',
      outcomes: [
        { goal_id: 'g1', outcome: 'achieved' as const, reason: 'ignored' },
        { goal_id: 'g2', outcome: 'not_achieved' as const, reason: 'Sjukdom' },
      ],
    };
    expect(goalsToCarry(v)).toEqual(['g2']);
    const body = formToReview(v, 4);
    expect(body.version).toBe(4);
    expect(body.outcomes[0].reason).toBeNull();
    expect(body.outcomes[1]).toEqual({ goal_id: 'g2', outcome: 'not_achieved', reason: 'Sjukdom' });
  });
});
