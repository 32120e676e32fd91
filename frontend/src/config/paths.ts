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
  participant: { path: '/participants/:id', href: (id: string) => `/participants/${encodeURIComponent(id)}` },
} as const;
