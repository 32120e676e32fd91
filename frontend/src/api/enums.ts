import type { Schema } from './types';

// Runtime lists of the API's enum values. `values<T>()` takes a record keyed by every member of the
// generated union, so a value the API lacks, or an API value missing here, fails type-checking.
function values<T extends string>(record: Record<T, true>): T[] {
  return Object.keys(record) as T[];
}

export const REFERRAL_STATUSES = values<Schema<'ReferralStatus'>>({
  received: true,
  first_meeting_booked: true,
  enrolled: true,
  declined: true,
  no_show: true,
  withdrawn: true,
});
export const REFERRAL_ACTIONS = values<Schema<'ReferralAction'>>({
  book_first_meeting: true,
  enrol: true,
  decline: true,
  record_no_show: true,
  withdraw: true,
});
export const TARGET_GROUPS = values<Schema<'TargetGroup'>>({
  homeless_with_substance_use: true,
  young_adult: true,
  woman_subjected_to_violence: true,
  lost_lodging: true,
  needs_housing_exchange: true,
  other: true,
});
export const CONTACT_KINDS = values<Schema<'ContactKind'>>({
  meeting: true,
  phone_call: true,
  home_visit: true,
  workplace_visit: true,
  study_visit: true,
  group_session: true,
  other: true,
});
export const SUBSTANCES = values<Schema<'Substance'>>({
  alcohol: true,
  cannabis: true,
  amphetamine: true,
  cocaine: true,
  opioids: true,
  benzodiazepines: true,
  multiple: true,
  other: true,
  none: true,
  unknown: true,
});
export const RELAPSE_OUTCOMES = values<Schema<'RelapseOutcome'>>({
  resumed_planning: true,
  new_treatment: true,
  plan_interrupted: true,
  not_yet_known: true,
});
export const GOAL_HORIZONS = values<Schema<'GoalHorizon'>>({ short_term: true, long_term: true });
export const GOAL_OUTCOMES = values<Schema<'GoalOutcome'>>({ achieved: true, partly_achieved: true, not_achieved: true });
export const RESPONSIBLE_KINDS = values<Schema<'ResponsibleKind'>>({ staff: true, external: true });
export const PLAN_STATUSES = values<Schema<'PlanStatus'>>({ draft: true, active: true, reviewed: true });
export const APARTMENT_KINDS = values<Schema<'ApartmentKind'>>({
  supported_housing: true,
  training_apartment: true,
  trial_apartment: true,
  group_home: true,
});
export const APARTMENT_STATUSES = values<Schema<'ApartmentStatus'>>({
  available: true,
  reserved: true,
  occupied: true,
  renovation: true,
  returned: true,
});
export const QUEUE_STATUSES = values<Schema<'QueueStatus'>>({ waiting: true, notified: true, moved_in: true, removed: true });
export const QUEUE_WISHES = values<Schema<'QueueWish'>>({ training_apartment: true, trial_apartment: true });
export const REMOVAL_REASONS = values<Schema<'RemovalReason'>>({
  got_worse: true,
  chose_not_to: true,
  unpaid_rent: true,
  own_solution: true,
  other: true,
});
export const MOVE_OUT_REASONS = values<Schema<'MoveOutReason'>>({
  took_over_lease: true,
  moved_on: true,
  evicted: true,
  relapse: true,
  other: true,
});
export const RISK_KINDS = values<Schema<'RiskKind'>>({ disturbance_complaint: true, sanitary_problem: true, unpaid_rent: true });
export const LADDER_STEPS = values<Schema<'LadderStep'>>({
  homeless: true,
  supported_housing: true,
  training_apartment: true,
  trial_apartment: true,
  own_lease: true,
});
export const SEARCH_TARGET_GROUPS = values<Schema<'SearchTargetGroup'>>({
  young_adult: true,
  woman_subjected_to_violence: true,
  former_lodger: true,
  too_large_or_expensive_home: true,
  other: true,
});
export const SEARCH_ACTION_KINDS = values<Schema<'SearchActionKind'>>({
  prepared_calls: true,
  exchange_advertisement: true,
  housing_agency_registration: true,
  application: true,
  viewing: true,
  other: true,
});
export const SEARCH_OUTCOMES = values<Schema<'SearchOutcome'>>({ first_hand_lease: true, second_hand_lease: true, exchange_done: true, other: true, none: true });
export const TEMPORARY_STAY_KINDS = values<Schema<'TemporaryStayKind'>>({ shelter: true, hotel: true, other: true });
