import { describe, expect, it, vi } from 'vitest';
import type { TokenResponse } from '../api/types';
import { memoryStorage, Session, type SessionChannel, type SessionMessage } from './session';

const staff = { id: 's1', username: 'anna', display_name: 'Anna', role: 'caseworker', units: [] } as TokenResponse['staff'];
const tokens = (n: number, expiresIn = 60): TokenResponse => ({
  access_token: `access-${n}`,
  token_type: 'Bearer',
  expires_in: expiresIn,
  refresh_token: `refresh-${n}`,
  refresh_expires_in: 3600,
  staff,
});

/** Like BroadcastChannel: asynchronous, and never delivered to the sender. */
function bus() {
  const listeners = new Set<{ owner: object; fn: (m: SessionMessage) => void }>();
  return () => {
    const owner = {};
    const channel: SessionChannel = {
      postMessage: (m) => {
        for (const l of listeners) if (l.owner !== owner) setTimeout(() => l.fn(structuredClone(m)), 5);
      },
      subscribe: (fn) => void listeners.add({ owner, fn }),
    };
    return channel;
  };
}

/** A fake server that rotates refresh tokens: each works once. */
function server(delayMs = 0) {
  let next = 2;
  const valid = new Set(['refresh-1']);
  const refresh = vi.fn(async (token: string) => {
    await new Promise((r) => setTimeout(r, delayMs));
    if (!valid.delete(token)) throw new Error('401 refresh token used');
    const t = tokens(next++);
    valid.add(t.refresh_token);
    return t;
  });
  return refresh;
}

function twoTabs(refresh: ReturnType<typeof server>) {
  const channel = bus();
  const make = () => {
    const s = new Session({ storage: memoryStorage(), channel: channel(), renewalGraceMs: 100 });
    s.setRefresher(refresh);
    s.start(tokens(1)); // a duplicated tab starts with the same tokens
    return s;
  };
  return [make(), make()] as const;
}

describe('Session across duplicated tabs', () => {
  it('passes renewed tokens to the other tab of the same session', async () => {
    const refresh = server();
    const [a, b] = twoTabs(refresh);
    await expect(a.renew()).resolves.toBe('access-2');
    await vi.waitFor(() => expect(b.current()?.refreshToken).toBe('refresh-2'));
    await expect(b.accessToken()).resolves.toBe('access-2');
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('when both renew at once, the loser adopts the winner’s tokens instead of ending', async () => {
    const refresh = server(10);
    const [a, b] = twoTabs(refresh);
    const [ta, tb] = await Promise.all([a.renew(), b.renew()]);
    expect(ta).toBe('access-2');
    expect(tb).toBe('access-2');
    expect(a.current()?.refreshToken).toBe('refresh-2');
    expect(b.current()?.refreshToken).toBe('refresh-2');
    expect(b.lastEndReason).toBeNull();
  });

  it('logging out in one tab ends the other', async () => {
    const [a, b] = twoTabs(server());
    a.clear('logout');
    await vi.waitFor(() => expect(b.current()).toBeNull());
    expect(b.lastEndReason).toBe('logout');
  });

  it('ignores messages about other sessions', async () => {
    const refresh = server();
    const channel = bus();
    const a = new Session({ storage: memoryStorage(), channel: channel() });
    const b = new Session({ storage: memoryStorage(), channel: channel() });
    a.setRefresher(refresh);
    a.start(tokens(1));
    b.start({ ...tokens(99), refresh_token: 'other' });
    await a.renew();
    a.clear('logout');
    await new Promise((r) => setTimeout(r, 20));
    expect(b.current()?.accessToken).toBe('access-99');
  });

  it('still ends the session when nobody else renewed it', async () => {
    const channel = bus();
    const a = new Session({ storage: memoryStorage(), channel: channel(), renewalGraceMs: 10 });
    a.setRefresher(async () => {
      throw new Error('401');
    });
    a.start(tokens(1));
    await expect(a.renew()).rejects.toThrow('401');
    expect(a.current()).toBeNull();
    expect(a.lastEndReason).toBe('expired');
  });
});
