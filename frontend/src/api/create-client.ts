import createClient from 'openapi-fetch';
import type { Session } from '../lib/session';
import { createAuthMiddleware } from './middleware';
import type { paths } from './schema';

export interface ApiClientOptions {
  baseUrl: string;
  fetch?: (request: Request) => Promise<Response>;
}

/** An API client bound to `session`: bearer tokens, renewal, and `ApiProblem` errors. */
export function createApiClient(session: Session, { baseUrl, fetch }: ApiClientOptions) {
  const client = createClient<paths>({ baseUrl, ...(fetch ? { fetch } : {}) });
  client.use(createAuthMiddleware(session));
  session.setRefresher(async (refresh_token) => {
    const { data } = await client.POST('/api/v1/auth/refresh', { body: { refresh_token } });
    if (!data) throw new Error('Empty refresh response');
    return data;
  });
  return client;
}

export type ApiClient = ReturnType<typeof createApiClient>;
