// Translations owned by features (each a set of top-level keys no other file uses).
import casework_en from '../features/casework/locales/en.json';
import casework_sv from '../features/casework/locales/sv.json';
import referrals_en from '../features/referrals/locales/en.json';
import referrals_sv from '../features/referrals/locales/sv.json';
import plans_en from '../features/action-plans/locales/en.json';
import plans_sv from '../features/action-plans/locales/sv.json';
import housing_en from '../features/housing/locales/en.json';
import housing_sv from '../features/housing/locales/sv.json';
import myday_en from '../features/my-day/locales/en.json';
import myday_sv from '../features/my-day/locales/sv.json';
import work_en from '../features/work/locales/en.json';
import work_sv from '../features/work/locales/sv.json';
import reports_en from '../features/reports/locales/en.json';
import reports_sv from '../features/reports/locales/sv.json';
import admin_en from '../features/admin/locales/en.json';
import admin_sv from '../features/admin/locales/sv.json';
import records_en from '../features/case-records/locales/en.json';
import records_sv from '../features/case-records/locales/sv.json';
import imports_en from '../features/import/locales/en.json';
import imports_sv from '../features/import/locales/sv.json';
import programmes_en from '../features/programmes/locales/en.json';
import programmes_sv from '../features/programmes/locales/sv.json';

export const sv = { ...casework_sv, ...referrals_sv, ...plans_sv, ...housing_sv, ...myday_sv, ...work_sv, ...reports_sv, ...admin_sv, ...records_sv, ...imports_sv, ...programmes_sv };
export const en = { ...casework_en, ...referrals_en, ...plans_en, ...housing_en, ...myday_en, ...work_en, ...reports_en, ...admin_en, ...records_en, ...imports_en, ...programmes_en };
export const fragments = {
  casework: [casework_sv, casework_en],
  referrals: [referrals_sv, referrals_en],
  plans: [plans_sv, plans_en],
  housing: [housing_sv, housing_en],
  myday: [myday_sv, myday_en],
  work: [work_sv, work_en],
  reports: [reports_sv, reports_en],
  admin: [admin_sv, admin_en],
  records: [records_sv, records_en],
  imports: [imports_sv, imports_en],
  programmes: [programmes_sv, programmes_en],
} as const;
