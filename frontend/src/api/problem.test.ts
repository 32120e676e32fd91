import { describe, expect, it } from 'vitest';
import { ApiProblem, isApiProblem } from './problem';

describe('ApiProblem', () => {
  it('parses a full problem+json response with field errors and extensions', async () => {
    const response = new Response(
      JSON.stringify({
        type: 'https://stegvis.se/problems/validation',
        title: 'Validation failed',
        status: 422,
        detail: 'Two fields are invalid',
        errors: [
          { field: 'personal_identity_number', message: 'invalid check digit' },
          { field: 'first_name', message: 'must not be empty' },
        ],
        existing_id: '0193a1b2-0000-7000-8000-000000000001',
      }),
      { status: 422, headers: { 'Content-Type': 'application/problem+json' } },
    );
    const p = await ApiProblem.fromResponse(response);
    expect(isApiProblem(p)).toBe(true);
    expect(p).toBeInstanceOf(Error);
    expect(p.status).toBe(422);
    expect(p.type).toBe('https://stegvis.se/problems/validation');
    expect(p.title).toBe('Validation failed');
    expect(p.detail).toBe('Two fields are invalid');
    expect(p.message).toBe('Two fields are invalid');
    expect(p.errors).toEqual([
      { field: 'personal_identity_number', message: 'invalid check digit' },
      { field: 'first_name', message: 'must not be empty' },
    ]);
    expect(p.existingId).toBe('0193a1b2-0000-7000-8000-000000000001');
    expect(p.isClientError).toBe(true);
  });

  it('falls back to the HTTP status when the body is not JSON', async () => {
    const p = await ApiProblem.fromResponse(new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    expect(p.status).toBe(502);
    expect(p.title).toBe('Bad Gateway');
    expect(p.type).toBe('about:blank');
    expect(p.errors).toEqual([]);
    expect(p.isClientError).toBe(false);
  });

  it('handles an empty body', async () => {
    const p = await ApiProblem.fromResponse(new Response(null, { status: 404 }));
    expect(p.status).toBe(404);
    expect(p.title).toBe('HTTP 404');
  });

  it('drops malformed field errors and ignores ill-typed members', () => {
    const p = ApiProblem.fromBody(400, {
      title: 42,
      status: 'x',
      errors: [{ field: 'a', message: 'ok' }, { field: 1, message: 'no' }, 'junk', null],
    });
    expect(p.status).toBe(400);
    expect(p.title).toBe('HTTP 400');
    expect(p.errors).toEqual([{ field: 'a', message: 'ok' }]);
    expect(p.existingId).toBeUndefined();
  });

  it('keeps the line of import errors, also when the whole row (no field) is wrong', () => {
    const p = ApiProblem.fromBody(422, {
      status: 422,
      errors: [
        { line: 3, field: 'personal_identity_number', message: 'the check digit does not match' },
        { line: 4, field: null, message: 'too many fields' },
      ],
      import_id: 'abc',
    });
    expect(p.errors).toEqual([
      { line: 3, field: 'personal_identity_number', message: 'the check digit does not match' },
      { line: 4, field: '', message: 'too many fields' },
    ]);
    expect(p.extensions.import_id).toBe('abc');
  });

  it('wraps network failures', () => {
    const p = ApiProblem.network(new TypeError('Failed to fetch'));
    expect(p.status).toBe(0);
    expect(p.detail).toBe('Failed to fetch');
  });
});
