import { describe, expect, it } from 'vitest';
import { canMakeRegisterExtract } from './session-hooks';

const units = [{ id: 'u1', name: 'Enhet 1' }];

describe('canMakeRegisterExtract', () => {
  it('lets admins make any extract', () => {
    expect(canMakeRegisterExtract({ role: 'admin', units: [] }, 'u2')).toBe(true);
  });
  it('lets managers make extracts only in their own units', () => {
    expect(canMakeRegisterExtract({ role: 'manager', units }, 'u1')).toBe(true);
    expect(canMakeRegisterExtract({ role: 'manager', units }, 'u2')).toBe(false);
  });
  it('does not offer it to other roles', () => {
    for (const role of ['caseworker', 'read_only', 'housing_coordinator'] as const) {
      expect(canMakeRegisterExtract({ role, units }, 'u1')).toBe(false);
    }
  });
});
