import { memoryStorage, Session, type SessionChannel, type SessionMessage } from '../lib/session';
import { createApiClient } from './create-client';

export { ApiProblem, isApiProblem } from './problem';
export type { FieldError } from './problem';

function browserSessionStorage() {
  try {
    return window.sessionStorage;
  } catch {
    return memoryStorage();
  }
}

function sessionChannel(): SessionChannel | null {
  if (typeof BroadcastChannel !== 'function') return null;
  const channel = new BroadcastChannel('stegvis.session');
  return {
    postMessage: (message) => channel.postMessage(message),
    subscribe: (listener) => channel.addEventListener('message', (event) => listener(event.data as SessionMessage)),
  };
}

/** The one session of this browser tab (tokens live in sessionStorage; duplicated tabs stay in step). */
export const session = new Session({ storage: browserSessionStorage(), channel: sessionChannel() });

/**
 * The one API client. Every call resolves with `data` or rejects with an `ApiProblem`
 * (see ./middleware.ts), so `const { data } = await api.GET(...)` is all a caller needs.
 */
export const api = createApiClient(session, { baseUrl: window.location.origin });
