import type { Schema } from '../../api/types';

function values<T extends string>(record: Record<T, true>): T[] {
  return Object.keys(record) as T[];
}

export const CONSENT_PARTIES = values<Schema<'ConsentParty'>>({
  employment_service: true,
  landlord: true,
  addiction_care: true,
  probation: true,
  health_care: true,
  social_insurance: true,
  housing_agency: true,
  job_centre: true,
  other: true,
});
export const ASSIGNMENT_KINDS = values<Schema<'AssignmentKind'>>({ caseworker: true, work_consultant: true, housing_support: true, treatment_contact: true });
export const ASI_AREAS = values<Schema<'AsiArea'>>({
  medical: true,
  employment_support: true,
  alcohol: true,
  drugs: true,
  legal: true,
  family_social: true,
  psychiatric: true,
});
export const ASI_KINDS = values<Schema<'AsiKind'>>({ baseline: true, follow_up: true });
