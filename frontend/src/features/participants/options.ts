import type { Gender, HousingSituation, IncomeSource, MainSubstance, ParticipantListQuery, ParticipantStatus } from '../../api/types';

// Runtime lists of the API's enum values. Each is checked against the generated types in both
// directions (a value the API lacks, or an API value missing here, fails type-checking).
function values<T extends string>(record: Record<T, true>): T[] {
  return Object.keys(record) as T[];
}

export const GENDERS = values<Gender>({ woman: true, man: true, other: true, unknown: true });

export const HOUSING_SITUATIONS = values<HousingSituation>({
  rough_sleeping: true,
  shelter: true,
  institution: true,
  temporary_housing: true,
  staying_with_friends: true,
  lodger: true,
  supported_housing: true,
  training_apartment: true,
  trial_apartment: true,
  own_lease: true,
  second_hand_lease: true,
  other: true,
  unknown: true,
});

export const MAIN_SUBSTANCES = values<MainSubstance>({
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

export const INCOME_SOURCES = values<IncomeSource>({
  salary: true,
  financial_assistance: true,
  sickness_benefit: true,
  activity_compensation: true,
  unemployment_benefit: true,
  pension: true,
  student_aid: true,
  none: true,
  other: true,
  unknown: true,
});

export const STATUSES = values<ParticipantStatus>({ active: true, closed: true });

export const SORTS = values<NonNullable<ParticipantListQuery['sort']>>({
  last_name: true,
  '-last_name': true,
  created_at: true,
  '-created_at': true,
});
export type ParticipantSort = (typeof SORTS)[number];

export const PAGE_SIZES = [25, 50, 100] as const;
