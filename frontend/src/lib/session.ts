/**
 * The signed-in session: tokens in sessionStorage (per browser tab, gone when it closes) and the
 * renewal logic. The access token is short-lived; it is renewed with the refresh token shortly
 * before it expires (checked on every request) and once more if the server still answers 401.
 * Concurrent renewals share one request, because the server rotates the refresh token.
 */
import type { Me, TokenResponse } from '../api/types';

export interface SessionData {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms at which the access token expires. */
  expiresAt: number;
  /** Epoch ms at which the refresh token expires. */
  refreshExpiresAt: number;
  /** Lifetime of the access token in ms, used to choose the renewal margin. */
  lifetimeMs: number;
  staff: Me;
}

export type SessionEndReason = 'logout' | 'expired';

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export type RefreshFn = (refreshToken: string) => Promise<TokenResponse>;

/**
 * Messages between tabs that share one server session (a duplicated tab copies sessionStorage).
 * The server rotates the refresh token, so a tab that renews tells the others the new tokens.
 */
export type SessionMessage =
  | { type: 'renewed'; previousRefreshToken: string; data: SessionData }
  | { type: 'ended'; refreshToken: string };

export interface SessionChannel {
  postMessage(message: SessionMessage): void;
  subscribe(listener: (message: SessionMessage) => void): void;
}

export interface SessionOptions {
  storage: KeyValueStorage;
  now?: () => number;
  key?: string;
  /** Usually a BroadcastChannel; absent in tests and old browsers. */
  channel?: SessionChannel | null;
  /** How long a failed renewal waits for another tab's renewal of the same session. */
  renewalGraceMs?: number;
}

/** Renew this long before expiry at most (and at most a quarter of the token's lifetime). */
export const RENEWAL_MARGIN_MS = 30_000;

export class Session {
  private readonly storage: KeyValueStorage;
  private readonly now: () => number;
  private readonly key: string;
  private data: SessionData | null;
  private listeners = new Set<() => void>();
  private renewing: Promise<string> | null = null;
  private refresher: RefreshFn | null = null;
  private readonly channel: SessionChannel | null;
  private readonly renewalGraceMs: number;
  /** Why the last session ended (read by the login page). */
  lastEndReason: SessionEndReason | null = null;

  constructor({ storage, now = Date.now, key = 'stegvis.session', channel = null, renewalGraceMs = 500 }: SessionOptions) {
    this.storage = storage;
    this.now = now;
    this.key = key;
    this.channel = channel;
    this.renewalGraceMs = renewalGraceMs;
    this.data = this.load();
    channel?.subscribe((message) => this.receive(message));
  }

  private receive(message: SessionMessage): void {
    const data = this.data;
    if (!data) return;
    if (message.type === 'renewed' && message.previousRefreshToken === data.refreshToken) this.set(message.data);
    if (message.type === 'ended' && message.refreshToken === data.refreshToken) this.clear('logout', false);
  }

  setRefresher(fn: RefreshFn): void {
    this.refresher = fn;
  }

  /** The current session, or null when signed out. Stable identity between changes. */
  current = (): SessionData | null => this.data;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Starts (or replaces) the session from a login or refresh response. */
  start(tokens: TokenResponse): void {
    const now = this.now();
    this.set({
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      expiresAt: now + tokens.expires_in * 1000,
      refreshExpiresAt: now + tokens.refresh_expires_in * 1000,
      lifetimeMs: tokens.expires_in * 1000,
      staff: tokens.staff,
    });
    this.lastEndReason = null;
  }

  /** Ends the session; on logout the other tabs sharing it end theirs too. */
  clear(reason: SessionEndReason, tellOthers = reason === 'logout'): void {
    const data = this.data;
    if (data === null) return;
    this.lastEndReason = reason;
    this.set(null);
    if (tellOthers) this.channel?.postMessage({ type: 'ended', refreshToken: data.refreshToken });
  }

  /** True when the access token expires within the renewal margin. */
  needsRenewal(): boolean {
    if (!this.data) return false;
    const margin = Math.min(RENEWAL_MARGIN_MS, this.data.lifetimeMs / 4);
    return this.now() >= this.data.expiresAt - margin;
  }

  /**
   * An access token to send, renewed first if it is about to expire. Null when signed out.
   * Rejects (and ends the session as expired) when renewal fails.
   */
  async accessToken(): Promise<string | null> {
    if (!this.data) return null;
    if (this.needsRenewal()) return this.renew();
    return this.data.accessToken;
  }

  /** Renews now with the refresh token. Concurrent callers share one request. */
  renew(): Promise<string> {
    if (!this.renewing) {
      this.renewing = this.doRenew().finally(() => {
        this.renewing = null;
      });
    }
    return this.renewing;
  }

  private async doRenew(): Promise<string> {
    const data = this.data;
    if (!data || !this.refresher) throw new Error('No session to renew');
    if (this.now() >= data.refreshExpiresAt) {
      this.clear('expired');
      throw new Error('Refresh token expired');
    }
    try {
      const tokens = await this.refresher(data.refreshToken);
      // Signed out (or someone else signed in) while the request was in flight: keep that.
      if (this.data !== data) throw new Error('Session changed during renewal');
      this.start(tokens);
      this.channel?.postMessage({ type: 'renewed', previousRefreshToken: data.refreshToken, data: this.data! });
      return tokens.access_token;
    } catch (error) {
      // Another tab of the same session may have renewed first (its message can arrive a moment
      // after our refused attempt): adopt its tokens instead of ending the session.
      if (this.channel && this.data === data) await new Promise((r) => setTimeout(r, this.renewalGraceMs));
      const adopted = this.data as SessionData | null;
      if (adopted && adopted !== data && adopted.refreshToken !== data.refreshToken) return adopted.accessToken;
      if (this.data === data) this.clear('expired');
      throw error;
    }
  }

  private set(data: SessionData | null): void {
    this.data = data;
    try {
      if (data) this.storage.setItem(this.key, JSON.stringify(data));
      else this.storage.removeItem(this.key);
    } catch {
      // Storage full or disabled: the session still lives in memory for this page.
    }
    for (const listener of this.listeners) listener();
  }

  private load(): SessionData | null {
    try {
      const raw = this.storage.getItem(this.key);
      if (!raw) return null;
      const data = JSON.parse(raw) as SessionData;
      if (typeof data?.accessToken !== 'string' || typeof data.refreshToken !== 'string') return null;
      if (this.now() >= data.refreshExpiresAt) return null;
      return data;
    } catch {
      return null;
    }
  }
}

/** An in-memory storage, for tests and for browsers that refuse sessionStorage. */
export function memoryStorage(): KeyValueStorage {
  const map = new Map<string, string>();
  return {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}
