/** Every URL of the app, in one place. Route definitions use `path`; links use `href(...)`. */

/** Only same-app paths are allowed as a post-login target (no open redirects). */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return paths.home.href();
  if (next.startsWith(paths.login.path)) return paths.home.href();
  return next;
}

export const paths = {
  home: { path: '/', href: () => '/' },
  login: {
    path: '/login',
    href: (next?: string, reason?: 'expired') => {
      const params = new URLSearchParams();
      if (next && next !== '/') params.set('next', next);
      if (reason) params.set('reason', reason);
      const qs = params.toString();
      return qs ? `/login?${qs}` : '/login';
    },
  },
  participants: {
    path: '/participants',
    href: (search?: URLSearchParams) => (search && search.size ? `/participants?${search}` : '/participants'),
  },
  participantNew: { path: '/participants/new', href: () => '/participants/new' },
  participant: {
    path: '/participants/:id',
    href: (id: string, tab?: string) => `/participants/${encodeURIComponent(id)}${tab ? `?tab=${encodeURIComponent(tab)}` : ''}`,
  },
  referrals: {
    path: '/referrals',
    href: (search?: URLSearchParams) => (search && search.size ? `/referrals?${search}` : '/referrals'),
  },
  referral: { path: '/referrals/:id', href: (id: string) => `/referrals/${encodeURIComponent(id)}` },
  enrolment: { path: '/enrolments/:id', href: (id: string) => `/enrolments/${encodeURIComponent(id)}` },
  actionPlan: { path: '/action-plans/:id', href: (id: string) => `/action-plans/${encodeURIComponent(id)}` },
  actionPlanReview: { path: '/action-plans/:id/review', href: (id: string) => `/action-plans/${encodeURIComponent(id)}/review` },
  actionPlanPrint: { path: '/action-plans/:id/print', href: (id: string) => `/action-plans/${encodeURIComponent(id)}/print` },
  housing: { path: '/housing', href: () => '/housing' },
  housingQueue: { path: '/housing/queue', href: () => '/housing/queue' },
  housingDraw: { path: '/housing/draws/:id', href: (id: string) => `/housing/draws/${encodeURIComponent(id)}` },
  housingSupport: { path: '/housing/support', href: () => '/housing/support' },
  housingCourse: { path: '/housing/course', href: () => '/housing/course' },
  housingCourseSession: { path: '/housing/course/:id', href: (id: string) => `/housing/course/${encodeURIComponent(id)}` },
  employers: {
    path: '/work/employers',
    href: (search?: URLSearchParams) => (search && search.size ? `/work/employers?${search}` : '/work/employers'),
  },
  employer: { path: '/work/employers/:id', href: (id: string) => `/work/employers/${encodeURIComponent(id)}` },
  reports: { path: '/reports', href: () => '/reports' },
  report: {
    path: '/reports/:key',
    href: (key: string, search?: URLSearchParams) => `/reports/${encodeURIComponent(key)}${search && search.size ? `?${search}` : ''}`,
  },
  adminStaff: { path: '/admin/staff', href: () => '/admin/staff' },
  adminUnits: { path: '/admin/units', href: () => '/admin/units' },
  adminRetention: { path: '/admin/retention', href: () => '/admin/retention' },
  adminDuplicates: { path: '/admin/duplicates', href: () => '/admin/duplicates' },
  adminAudit: {
    path: '/admin/audit',
    href: (search?: URLSearchParams) => (search && search.size ? `/admin/audit?${search}` : '/admin/audit'),
  },
  imports: { path: '/import', href: () => '/import' },
  programmes: { path: '/programmes', href: () => '/programmes' },
  programme: { path: '/programmes/:id', href: (id: string) => `/programmes/${encodeURIComponent(id)}` },
} as const;
