import * as z from 'zod/mini';
import { GOAL_HORIZONS, GOAL_OUTCOMES, RESPONSIBLE_KINDS } from '../../api/enums';
import type { Schema } from '../../api/types';
import { isIsoDate } from '../../lib/dates';

const required = { error: 'validation.required' } as const;
const tooLong = { error: 'validation.tooLong' } as const;
const longText = z.string().check(z.maxLength(10_000, tooLong));
const date = z.string().check(z.refine((v) => isIsoDate(v), { error: 'validation.dateFormat' }));

export const planSchema = z
  .object({
    period_start: date,
    period_end: date,
    purpose: longText,
    scope: longText,
    participant_views: longText,
    goals: z.array(
      z.object({
        id: z.string(),
        horizon: z.enum(GOAL_HORIZONS),
        text: z.string().check(z.trim(), z.minLength(1, required), z.maxLength(2000, tooLong)),
        in_participants_words: z.boolean(),
        carried: z.boolean(),
      }),
    ),
    interventions: z.array(
      z
        .object({
          what: z.string().check(z.trim(), z.minLength(1, required), z.maxLength(2000, tooLong)),
          responsible_kind: z.enum(RESPONSIBLE_KINDS),
          responsible_staff_id: z.string(),
          external_actor: z.string().check(z.maxLength(200, tooLong)),
          frequency: z.string().check(z.maxLength(200, tooLong)),
        })
        .check(
          z.superRefine((v, ctx) => {
            if (v.responsible_kind === 'staff' && !v.responsible_staff_id)
              ctx.issues.push({ code: 'custom', message: 'validation.choose', path: ['responsible_staff_id'], input: v });
            if (v.responsible_kind === 'external' && !v.external_actor.trim())
              ctx.issues.push({ code: 'custom', message: 'validation.required', path: ['external_actor'], input: v });
          }),
        ),
    ),
  })
  .check(
    z.superRefine((v, ctx) => {
      if (isIsoDate(v.period_start) && isIsoDate(v.period_end) && v.period_end < v.period_start)
        ctx.issues.push({ code: 'custom', message: 'validation.endBeforeStart', path: ['period_end'], input: v });
    }),
  );

export type PlanValues = z.infer<typeof planSchema>;
export type GoalValues = PlanValues['goals'][number];
export type InterventionValues = PlanValues['interventions'][number];

export const emptyGoal = (): GoalValues => ({ id: '', horizon: 'short_term', text: '', in_participants_words: false, carried: false });
export const emptyIntervention = (): InterventionValues => ({
  what: '',
  responsible_kind: 'staff',
  responsible_staff_id: '',
  external_actor: '',
  frequency: '',
});

export function planToForm(p: Schema<'ActionPlanView'>): PlanValues {
  return {
    period_start: p.period_start,
    period_end: p.period_end,
    purpose: p.purpose ?? '',
    scope: p.scope ?? '',
    participant_views: p.participant_views ?? '',
    goals: [...p.goals]
      .sort((a, b) => a.position - b.position)
      .map((g) => ({ id: g.id, horizon: g.horizon, text: g.text, in_participants_words: g.in_participants_words, carried: !!g.carried_from_goal_id })),
    interventions: [...p.interventions]
      .sort((a, b) => a.position - b.position)
      .map((i) => ({
        what: i.what,
        responsible_kind: i.responsible_kind,
        responsible_staff_id: i.responsible_staff_id ?? '',
        external_actor: i.external_actor ?? '',
        frequency: i.frequency ?? '',
      })),
  };
}

const orNull = (v: string) => (v.trim() === '' ? null : v.trim());

export function formToPlanUpdate(v: PlanValues): Schema<'ActionPlanUpdate'> {
  return {
    period_start: v.period_start,
    period_end: v.period_end,
    purpose: orNull(v.purpose),
    scope: orNull(v.scope),
    participant_views: orNull(v.participant_views),
    // Existing goals keep their id (so review outcomes and carried-over links stay attached).
    goals: v.goals.map((g) => ({ id: g.id || null, horizon: g.horizon, text: g.text.trim(), in_participants_words: g.in_participants_words })),
    interventions: v.interventions.map((i) => ({
      what: i.what.trim(),
      responsible_kind: i.responsible_kind,
      responsible_staff_id: i.responsible_kind === 'staff' ? i.responsible_staff_id || null : null,
      external_actor: i.responsible_kind === 'external' ? orNull(i.external_actor) : null,
      frequency: orNull(i.frequency),
    })),
  };
}

/** The API's `goals[0].text` → react-hook-form's `goals.0.text`. */
export function toFormPath(field: string): string {
  return field.replace(/\[(\d+)\]/g, '.$1');
}

// ---- Review ----

export const reviewSchema = z.object({
  reviewed_on: date,
  outcomes: z.array(
    z
      .object({
        goal_id: z.string(),
        outcome: z.union([z.enum(GOAL_OUTCOMES), z.literal('')]),
        reason: z.string().check(z.maxLength(4000, tooLong)),
      })
      .check(
        z.superRefine((o, ctx) => {
          if (o.outcome === '') ctx.issues.push({ code: 'custom', message: 'validation.choose', path: ['outcome'], input: o });
          else if (o.outcome !== 'achieved' && !o.reason.trim())
            ctx.issues.push({ code: 'custom', message: 'validation.required', path: ['reason'], input: o });
        }),
      ),
  ),
  analysis: z.string().check(z.trim(), z.minLength(1, required), z.maxLength(10_000, tooLong)),
  participant_view: z.string().check(z.trim(), z.minLength(1, required), z.maxLength(10_000, tooLong)),
});
export type ReviewValues = z.infer<typeof reviewSchema>;

export function emptyReview(plan: Schema<'ActionPlanView'>, today: string): ReviewValues {
  return {
    reviewed_on: today,
    outcomes: [...plan.goals].sort((a, b) => a.position - b.position).map((g) => ({ goal_id: g.id, outcome: '', reason: '' })),
    analysis: '',
    participant_view: '',
  };
}

export function formToReview(v: ReviewValues, version: number): Schema<'ReviewInput'> {
  return {
    version,
    reviewed_on: v.reviewed_on,
    outcomes: v.outcomes.map((o) => ({
      goal_id: o.goal_id,
      outcome: o.outcome as Schema<'GoalOutcome'>,
      reason: o.outcome === 'achieved' ? null : orNull(o.reason),
    })),
    analysis: v.analysis.trim(),
    participant_view: v.participant_view.trim(),
  };
}

/** The goals a review will carry over to the next plan (not fully achieved), in order. */
export function goalsToCarry(v: ReviewValues): string[] {
  return v.outcomes.filter((o) => o.outcome === 'partly_achieved' || o.outcome === 'not_achieved').map((o) => o.goal_id);
}
