/**
 * Local drafts of long forms (notes, mapping, action plans), so nothing typed is lost to a reload,
 * a crash or an expired session. Stored in localStorage per signed-in staff member, and removed
 * when the form is saved, discarded, on explicit logout, or after MAX_AGE_MS.
 */
import type { KeyValueStorage } from './session';

const PREFIX = 'stegvis.draft.v1:';
export const DRAFT_MAX_AGE_MS = 14 * 24 * 3600 * 1000;

export interface Draft<T> {
  savedAt: number;
  /** The server version the draft was based on (null for new records). */
  baseVersion: number | null;
  values: T;
}

export interface DraftStoreOptions {
  storage?: (KeyValueStorage & { key?(i: number): string | null; readonly length?: number }) | null;
  now?: () => number;
}

function defaultStorage() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function draftKey(staffId: string, key: string): string {
  return `${PREFIX}${staffId}:${key}`;
}

export function createDraftStore({ storage = defaultStorage(), now = Date.now }: DraftStoreOptions = {}) {
  return {
    load<T>(staffId: string, key: string): Draft<T> | null {
      if (!storage) return null;
      try {
        const raw = storage.getItem(draftKey(staffId, key));
        if (!raw) return null;
        const draft = JSON.parse(raw) as Draft<T>;
        if (typeof draft?.savedAt !== 'number' || now() - draft.savedAt > DRAFT_MAX_AGE_MS) {
          storage.removeItem(draftKey(staffId, key));
          return null;
        }
        return draft;
      } catch {
        return null;
      }
    },
    save<T>(staffId: string, key: string, values: T, baseVersion: number | null): void {
      if (!storage) return;
      try {
        const draft: Draft<T> = { savedAt: now(), baseVersion, values };
        storage.setItem(draftKey(staffId, key), JSON.stringify(draft));
      } catch {
        // Storage full or disabled: the form still works, only without a local copy.
      }
    },
    remove(staffId: string, key: string): void {
      try {
        storage?.removeItem(draftKey(staffId, key));
      } catch {
        // ignore
      }
    },
    /** Removes every draft of `staffId` (explicit logout), or every expired draft when staffId is null. */
    purge(staffId: string | null): void {
      if (!storage || typeof storage.key !== 'function' || typeof storage.length !== 'number') return;
      const doomed: string[] = [];
      for (let i = 0; i < storage.length; i++) {
        const k = storage.key(i);
        if (!k?.startsWith(PREFIX)) continue;
        if (staffId !== null) {
          if (k.startsWith(`${PREFIX}${staffId}:`)) doomed.push(k);
          continue;
        }
        try {
          const d = JSON.parse(storage.getItem(k) ?? '') as Draft<unknown>;
          if (typeof d?.savedAt !== 'number' || now() - d.savedAt > DRAFT_MAX_AGE_MS) doomed.push(k);
        } catch {
          doomed.push(k);
        }
      }
      for (const k of doomed) storage.removeItem(k);
    },
  };
}

export type DraftStore = ReturnType<typeof createDraftStore>;
export const drafts = createDraftStore();

/** Stable JSON for comparing form values (key order independent). */
export function sameValues(a: unknown, b: unknown): boolean {
  return stableStringify(a) === stableStringify(b);
}

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
