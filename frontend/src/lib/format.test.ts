import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from './format';
import { shouldRetry } from './query-client';
import { ApiProblem } from '../api/problem';
import { safeNextPath } from '../config/paths';

describe('formatting', () => {
  it('formats dates in Swedish style', () => {
    expect(formatDate('1981-12-18')).toBe('1981-12-18');
    expect(formatDate(null)).toBe('');
    expect(formatDateTime('2026-11-25T14:05:00')).toBe('2026-11-25 14:05');
  });
});

describe('query retry policy', () => {
  it('never retries 4xx problems but retries server and network errors', () => {
    expect(shouldRetry(0, ApiProblem.fromBody(404, {}))).toBe(false);
    expect(shouldRetry(0, ApiProblem.fromBody(412, {}))).toBe(false);
    expect(shouldRetry(0, ApiProblem.fromBody(503, {}))).toBe(true);
    expect(shouldRetry(2, ApiProblem.fromBody(503, {}))).toBe(false);
    expect(shouldRetry(0, ApiProblem.network(new Error('x')))).toBe(true);
  });
});

describe('safeNextPath', () => {
  it('keeps in-app paths and refuses others', () => {
    expect(safeNextPath('/participants?q=anna')).toBe('/participants?q=anna');
    expect(safeNextPath('//evil.example')).toBe('/');
    expect(safeNextPath('https://evil.example')).toBe('/');
    expect(safeNextPath('/login?next=/x')).toBe('/');
    expect(safeNextPath(null)).toBe('/');
  });
});

describe('randomId', () => {
  it('makes distinct v4 UUIDs', async () => {
    const { randomId } = await import('./ids');
    const a = randomId();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(randomId()).not.toBe(a);
  });
});
