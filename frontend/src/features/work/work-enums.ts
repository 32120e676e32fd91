import type { Schema } from '../../api/types';

// Runtime lists of the work API's enums; `Record<T, true>` makes a missing or extra value a type error.
function values<T extends string>(record: Record<T, true>): T[] {
  return Object.keys(record) as T[];
}

export const ACTIVITY_KINDS = values<Schema<'ActivityKind'>>({
  internship: true,
  work_training: true,
  employment_service_rehabilitation: true,
  labour_market_training: true,
  preparatory: true,
  education: true,
  employment: true,
});
export const EMPLOYMENT_KINDS = values<Schema<'EmploymentKind'>>({ osa: true, nystartsjobb: true, trygghetsanstallning: true, ordinary: true });
export const AGREEMENT_PARTIES = values<Schema<'AgreementParty'>>({ participant: true, employer: true, consultant: true });
export const INTERNSHIP_FOLLOW_UP_KINDS = values<Schema<'InternshipFollowUpKind'>>({ workplace_visit: true, phone_call: true });
