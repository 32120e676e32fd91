import { createBrowserRouter } from 'react-router';
import { paths } from '../config/paths';
import { RequireAuth } from '../features/auth';
import { AppShell } from './AppShell';
import { NotFoundPage } from './NotFoundPage';
import { Loading } from '../components/Status';
import { RouteError } from './RouteError';

// Pages are lazy-loaded chunks; the shell, auth and API client are in the initial bundle.
export const router = createBrowserRouter([
  {
    path: paths.login.path,
    lazy: async () => ({ Component: (await import('../features/auth/LoginPage')).LoginPage }),
    errorElement: <RouteError />,
    hydrateFallbackElement: <Loading />,
  },
  {
    element: (
      <RequireAuth>
        <AppShell />
      </RequireAuth>
    ),
    errorElement: <RouteError />,
    hydrateFallbackElement: <Loading />,
    children: [
      { index: true, lazy: async () => ({ Component: (await import('../features/my-day/MyDayPage')).MyDayPage }) },
      {
        path: paths.participants.path,
        lazy: async () => ({ Component: (await import('../features/participants/ParticipantsListPage')).ParticipantsListPage }),
      },
      {
        path: paths.participantNew.path,
        lazy: async () => ({ Component: (await import('../features/participants/NewParticipantPage')).NewParticipantPage }),
      },
      {
        path: paths.participant.path,
        lazy: async () => ({ Component: (await import('../features/participants/ParticipantDetailPage')).ParticipantDetailPage }),
      },
      {
        path: paths.referrals.path,
        lazy: async () => ({ Component: (await import('../features/referrals/ReferralsListPage')).ReferralsListPage }),
      },
      {
        path: paths.referral.path,
        lazy: async () => ({ Component: (await import('../features/referrals/ReferralDetailPage')).ReferralDetailPage }),
      },
      {
        path: paths.enrolment.path,
        lazy: async () => ({ Component: (await import('../features/referrals/EnrolmentPage')).EnrolmentPage }),
      },
      {
        path: paths.actionPlan.path,
        lazy: async () => ({ Component: (await import('../features/action-plans/ActionPlanPage')).ActionPlanPage }),
      },
      {
        path: paths.actionPlanReview.path,
        lazy: async () => ({ Component: (await import('../features/action-plans/ReviewPage')).ReviewPage }),
      },
      {
        path: paths.actionPlanPrint.path,
        lazy: async () => ({ Component: (await import('../features/action-plans/PrintPage')).PrintPage }),
      },
      {
        path: paths.housing.path,
        lazy: async () => ({ Component: (await import('../features/housing/HousingBoardPage')).HousingBoardPage }),
      },
      {
        path: paths.housingQueue.path,
        lazy: async () => ({ Component: (await import('../features/housing/QueuePage')).QueuePage }),
      },
      {
        path: paths.housingDraw.path,
        lazy: async () => ({ Component: (await import('../features/housing/DrawPage')).DrawPage }),
      },
      {
        path: paths.housingSupport.path,
        lazy: async () => ({ Component: (await import('../features/housing/SupportPage')).SupportPage }),
      },
      {
        path: paths.housingCourse.path,
        lazy: async () => ({ Component: (await import('../features/housing/CoursePage')).CoursePage }),
      },
      {
        path: paths.housingCourseSession.path,
        lazy: async () => ({ Component: (await import('../features/housing/CourseSessionPage')).CourseSessionPage }),
      },
      {
        path: paths.employers.path,
        lazy: async () => ({ Component: (await import('../features/work/EmployersPage')).EmployersPage }),
      },
      {
        path: paths.employer.path,
        lazy: async () => ({ Component: (await import('../features/work/EmployerPage')).EmployerPage }),
      },
      {
        path: paths.reports.path,
        lazy: async () => ({ Component: (await import('../features/reports/ReportsPage')).ReportsPage }),
      },
      {
        path: paths.report.path,
        lazy: async () => ({ Component: (await import('../features/reports/ReportsPage')).ReportsPage }),
      },
      {
        path: paths.adminStaff.path,
        lazy: async () => ({ Component: (await import('../features/admin/StaffPage')).StaffPage }),
      },
      {
        path: paths.adminUnits.path,
        lazy: async () => ({ Component: (await import('../features/admin/UnitsPage')).UnitsPage }),
      },
      {
        path: paths.adminDuplicates.path,
        lazy: async () => ({ Component: (await import('../features/admin/DuplicatesPage')).DuplicatesPage }),
      },
      {
        path: paths.adminRetention.path,
        lazy: async () => ({ Component: (await import('../features/admin/RetentionPage')).RetentionPage }),
      },
      {
        path: paths.adminAudit.path,
        lazy: async () => ({ Component: (await import('../features/admin/AuditPage')).AuditPage }),
      },
      {
        path: paths.imports.path,
        lazy: async () => ({ Component: (await import('../features/import/ImportPage')).ImportPage }),
      },
      {
        path: paths.programmes.path,
        lazy: async () => ({ Component: (await import('../features/programmes/ProgrammesPage')).ProgrammesPage }),
      },
      {
        path: paths.programme.path,
        lazy: async () => ({ Component: (await import('../features/programmes/ProgrammePage')).ProgrammePage }),
      },
      { path: '*', Component: NotFoundPage },
    ],
  },
]);
