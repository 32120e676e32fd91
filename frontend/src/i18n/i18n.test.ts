import { describe, expect, it } from 'vitest';
import en from './en.json';
import sv from './sv.json';
import { fragments } from './features';

function keys(obj: unknown, prefix = ''): string[] {
  if (!obj || typeof obj !== 'object') return [prefix];
  return Object.entries(obj as Record<string, unknown>).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('translations', () => {
  it('Swedish and English have the same keys, in the shared file and every feature', () => {
    expect(keys(en).sort()).toEqual(keys(sv).sort());
    for (const [name, [fsv, fen]] of Object.entries(fragments)) {
      expect(keys(fen).sort(), name).toEqual(keys(fsv).sort());
    }
  });

  it('features never redefine a top-level key of another file', () => {
    const seen = new Map<string, string>(Object.keys(sv).map((k) => [k, 'shared']));
    for (const [name, [fsv]] of Object.entries(fragments)) {
      for (const k of Object.keys(fsv)) {
        expect(seen.get(k), `${name}.${k}`).toBeUndefined();
        seen.set(k, name);
      }
    }
  });
});
