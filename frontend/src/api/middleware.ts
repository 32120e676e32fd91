import type { Middleware } from 'openapi-fetch';
import type { Session } from '../lib/session';
import { ApiProblem } from './problem';

/** Endpoints that must never carry a bearer token nor trigger a renewal. */
const PUBLIC_PATHS = new Set(['/api/v1/auth/login', '/api/v1/auth/refresh']);

/**
 * Adds `Authorization: Bearer …` (renewing the access token shortly before it expires), retries a
 * request once with a renewed token when the server answers 401, and throws an `ApiProblem` for
 * every non-OK response, so callers (and React Query) get typed errors and never a silent `error`.
 */
export function createAuthMiddleware(session: Session): Middleware {
  // Copies of the outgoing requests, kept until their response arrives, for the one retry.
  const pending = new Map<string, Request>();

  return {
    async onRequest({ request, schemaPath, id }) {
      if (PUBLIC_PATHS.has(schemaPath)) return undefined;
      let token: string | null;
      try {
        token = await session.accessToken();
      } catch {
        throw ApiProblem.sessionExpired();
      }
      if (token) request.headers.set('Authorization', `Bearer ${token}`);
      pending.set(id, request.clone());
      return request;
    },

    async onResponse({ response, schemaPath, id, options }) {
      const copy = pending.get(id);
      pending.delete(id);
      let res = response;
      if (res.status === 401 && copy && !PUBLIC_PATHS.has(schemaPath) && session.current()) {
        let token: string;
        try {
          token = await session.renew();
        } catch {
          throw await ApiProblem.fromResponse(res);
        }
        copy.headers.set('Authorization', `Bearer ${token}`);
        const fetchFn = options.fetch; // detached: calling it as a method would bind `this` wrongly
        res = await fetchFn(copy);
        if (res.status === 401) session.clear('expired');
      }
      if (!res.ok) throw await ApiProblem.fromResponse(res);
      return res;
    },

    onError({ error, id }) {
      pending.delete(id);
      return error instanceof ApiProblem ? error : ApiProblem.network(error);
    },
  };
}
