import { describe, expect, it } from 'vitest';
import { createDraftStore, DRAFT_MAX_AGE_MS, sameValues } from './draft';

function fakeStorage() {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
    key: (i: number) => [...map.keys()][i] ?? null,
    get length() {
      return map.size;
    },
    map,
  };
}

describe('draft store', () => {
  it('saves, loads and removes a draft per staff member', () => {
    const storage = fakeStorage();
    const store = createDraftStore({ storage, now: () => 1000 });
    store.save('s1', 'mapping:e1', { own_goal: 'Lager' }, 3);
    expect(store.load('s1', 'mapping:e1')).toEqual({ savedAt: 1000, baseVersion: 3, values: { own_goal: 'Lager' } });
    expect(store.load('s2', 'mapping:e1')).toBeNull();
    store.remove('s1', 'mapping:e1');
    expect(store.load('s1', 'mapping:e1')).toBeNull();
  });

  it('drops expired drafts', () => {
    const storage = fakeStorage();
    let now = 0;
    const store = createDraftStore({ storage, now: () => now });
    store.save('s1', 'k', { a: 1 }, null);
    now = DRAFT_MAX_AGE_MS + 1;
    expect(store.load('s1', 'k')).toBeNull();
    expect(storage.map.size).toBe(0);
  });

  it('purges one user’s drafts on logout and only expired ones otherwise', () => {
    const storage = fakeStorage();
    let now = 0;
    const store = createDraftStore({ storage, now: () => now });
    store.save('s1', 'a', 1, null);
    store.save('s2', 'b', 2, null);
    storage.setItem('other', 'x');
    store.purge('s1');
    expect([...storage.map.keys()].sort()).toEqual(['other', 'stegvis.draft.v1:s2:b']);
    now = DRAFT_MAX_AGE_MS / 2;
    store.save('s3', 'c', 3, null);
    now = DRAFT_MAX_AGE_MS + 10;
    store.purge(null);
    expect([...storage.map.keys()].sort()).toEqual(['other', 'stegvis.draft.v1:s3:c']);
  });

  it('tolerates broken JSON and missing storage', () => {
    const storage = fakeStorage();
    storage.setItem('stegvis.draft.v1:s1:k', '{nope');
    expect(createDraftStore({ storage }).load('s1', 'k')).toBeNull();
    const none = createDraftStore({ storage: null });
    none.save('s1', 'k', 1, null);
    expect(none.load('s1', 'k')).toBeNull();
  });
});

describe('sameValues', () => {
  it('ignores key order and undefined members', () => {
    expect(sameValues({ a: 1, b: [1, { c: 2, d: undefined }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(sameValues({ a: 1 }, { a: 2 })).toBe(false);
  });
});
