import { beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryStorage, Session } from '../lib/session';
import { createApiClient } from './create-client';
import { ApiProblem } from './problem';
import type { TokenResponse } from './types';

const staff = {
  id: '0193a1b2-0000-7000-8000-000000000001',
  username: 'anna.handlaggare',
  display_name: 'Anna Handläggare',
  role: 'caseworker',
  units: [],
} as TokenResponse['staff'];

function tokens(n: number, expiresIn = 60): TokenResponse {
  return {
    access_token: `access-${n}`,
    token_type: 'Bearer',
    expires_in: expiresIn,
    refresh_token: `refresh-${n}`,
    refresh_expires_in: 3600,
    staff,
  };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const problem = (status: number, title: string) =>
  new Response(JSON.stringify({ type: 'about:blank', title, status }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
const emptyList = { items: [], total: 0, limit: 50, offset: 0 };

interface Seen {
  path: string;
  auth: string | null;
  body: string;
}

function setup(handler: (req: Request, seen: Seen[]) => Response | Promise<Response>) {
  let clock = 1_000_000;
  const session = new Session({ storage: memoryStorage(), now: () => clock });
  const seen: Seen[] = [];
  const fetch = vi.fn(async (req: Request) => {
    const entry = { path: new URL(req.url).pathname, auth: req.headers.get('Authorization'), body: await req.clone().text() };
    seen.push(entry);
    return handler(req, seen);
  });
  const api = createApiClient(session, { baseUrl: 'http://stegvis.test', fetch });
  return { session, api, seen, fetch, advance: (ms: number) => (clock += ms) };
}

describe('auth middleware and token renewal', () => {
  let refreshCount: number;
  beforeEach(() => {
    refreshCount = 0;
  });

  const refreshOk = async (req: Request) => {
    const body = (await req.json()) as { refresh_token: string };
    refreshCount += 1;
    expect(body.refresh_token).toBe(`refresh-${refreshCount}`);
    return json(tokens(refreshCount + 1));
  };

  it('sends the access token as a bearer token, but none to login', async () => {
    const { api, session, seen } = setup((req) =>
      new URL(req.url).pathname === '/api/v1/auth/login' ? json(tokens(1)) : json(emptyList),
    );
    const { data } = await api.POST('/api/v1/auth/login', { body: { username: 'a', password: 'b' } });
    session.start(data!);
    await api.GET('/api/v1/participants');
    expect(seen.map((s) => s.auth)).toEqual([null, 'Bearer access-1']);
  });

  it('renews shortly before expiry, once for concurrent requests', async () => {
    const { api, session, seen, advance } = setup((req) =>
      new URL(req.url).pathname === '/api/v1/auth/refresh' ? refreshOk(req) : json(emptyList),
    );
    session.start(tokens(1, 60));
    advance(30_000);
    await api.GET('/api/v1/participants');
    expect(refreshCount).toBe(0);

    advance(20_000); // 10 s left, inside the 15 s margin (a quarter of 60 s)
    await Promise.all([api.GET('/api/v1/participants'), api.GET('/api/v1/participants'), api.GET('/api/v1/auth/me')]);
    expect(refreshCount).toBe(1);
    const after = seen.filter((s) => s.path !== '/api/v1/auth/refresh').slice(1);
    expect(after.map((s) => s.auth)).toEqual(['Bearer access-2', 'Bearer access-2', 'Bearer access-2']);
    expect(session.current()?.refreshToken).toBe('refresh-2');
  });

  it('on a 401 renews once and retries the same request with its body', async () => {
    const { api, session, seen } = setup((req, s) => {
      const path = new URL(req.url).pathname;
      if (path === '/api/v1/auth/refresh') return refreshOk(req);
      return s.at(-1)!.auth === 'Bearer access-1' ? problem(401, 'Unauthorized') : json({ id: 'x' }, 201);
    });
    session.start(tokens(1));
    const body = {
      first_name: 'Kim',
      last_name: 'Testsson',
      gender: 'unknown',
      protected_identity: false,
      unit_id: '0193a1b2-0000-7000-8000-0000000000aa',
      housing_situation: 'unknown',
      main_substance: 'unknown',
      income_source: 'unknown',
    } as const;
    const { data } = await api.POST('/api/v1/participants', { body });
    expect(data).toEqual({ id: 'x' });
    expect(seen.map((s) => [s.path, s.auth])).toEqual([
      ['/api/v1/participants', 'Bearer access-1'],
      ['/api/v1/auth/refresh', null],
      ['/api/v1/participants', 'Bearer access-2'],
    ]);
    expect(JSON.parse(seen[2].body)).toEqual(body);
  });

  it('ends the session when the retry is refused too', async () => {
    const { api, session } = setup((req) =>
      new URL(req.url).pathname === '/api/v1/auth/refresh' ? refreshOk(req) : problem(401, 'Unauthorized'),
    );
    session.start(tokens(1));
    const error = await api.GET('/api/v1/participants').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiProblem);
    expect((error as ApiProblem).status).toBe(401);
    expect(refreshCount).toBe(1);
    expect(session.current()).toBeNull();
    expect(session.lastEndReason).toBe('expired');
  });

  it('ends the session when renewal fails, and does not loop', async () => {
    const { api, session, fetch } = setup((req) =>
      new URL(req.url).pathname === '/api/v1/auth/refresh' ? problem(401, 'Invalid refresh token') : problem(401, 'Unauthorized'),
    );
    session.start(tokens(1));
    const listener = vi.fn();
    session.subscribe(listener);
    const error = await api.GET('/api/v1/participants').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiProblem);
    expect((error as ApiProblem).status).toBe(401);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(session.current()).toBeNull();
    expect(session.lastEndReason).toBe('expired');
    expect(listener).toHaveBeenCalled();
  });

  it('does not call the server to renew an expired refresh token', async () => {
    const { api, session, fetch, advance } = setup(() => json(emptyList));
    session.start(tokens(1));
    advance(3_600_000);
    const error = await api.GET('/api/v1/participants').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiProblem);
    expect((error as ApiProblem).status).toBe(401);
    expect(fetch).not.toHaveBeenCalled();
    expect(session.current()).toBeNull();
  });

  it('throws a typed ApiProblem for other errors without renewing', async () => {
    const { api, session } = setup(() =>
      new Response(
        JSON.stringify({ type: 'about:blank', title: 'Precondition Failed', status: 412, detail: 'stale version' }),
        { status: 412, headers: { 'Content-Type': 'application/problem+json' } },
      ),
    );
    session.start(tokens(1));
    const error = await api.GET('/api/v1/participants').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiProblem);
    expect(error).toMatchObject({ status: 412, detail: 'stale version' });
    expect(refreshCount).toBe(0);
    expect(session.current()).not.toBeNull();
  });

  it('turns network failures into an ApiProblem', async () => {
    const { api, session } = setup(() => {
      throw new TypeError('Failed to fetch');
    });
    session.start(tokens(1));
    const error = await api.GET('/api/v1/participants').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiProblem);
    expect((error as ApiProblem).status).toBe(0);
  });

  it('persists the session in the given storage and restores it', () => {
    const storage = memoryStorage();
    const a = new Session({ storage, now: () => 0 });
    a.start(tokens(7));
    const b = new Session({ storage, now: () => 1000 });
    expect(b.current()?.accessToken).toBe('access-7');
    b.clear('logout');
    expect(new Session({ storage, now: () => 2000 }).current()).toBeNull();
  });
});
