import { describe, expect, it } from 'vitest';
import { luhnValid, parsePersonnummer } from './personnummer';

const today = new Date(2026, 10, 25); // 2026-11-25

describe('luhnValid', () => {
  it('accepts a correct check digit and rejects a wrong one', () => {
    expect(luhnValid('8112189876')).toBe(true);
    expect(luhnValid('8112189877')).toBe(false);
    expect(luhnValid('81121898a6')).toBe(false);
  });
});

describe('parsePersonnummer', () => {
  it.each(['811218-9876', '8112189876', '19811218-9876', '198112189876', '  811218-9876 '])(
    'accepts %j and canonicalises it',
    (input) => {
      expect(parsePersonnummer(input, today)).toEqual({
        ok: true,
        canonical: '19811218-9876',
        birthDate: '1981-12-18',
        coordinationNumber: false,
      });
    },
  );

  it('picks the most recent century for the short form', () => {
    expect(parsePersonnummer('121212-1212', today)).toMatchObject({ ok: true, canonical: '20121212-1212' });
    // 2026-12-31 would be in the future, so it is 1926.
    expect(parsePersonnummer('991231-1231', today)).toMatchObject({ ok: true, canonical: '19991231-1231' });
  });

  it("treats '+' as turning 100 or more this year (year-based, like the server)", () => {
    expect(parsePersonnummer('121212+1212', today)).toMatchObject({ ok: true, canonical: '19121212-1212' });
    // Turns 100 on 2026-12-31, already written with '+': 1926, not 1826.
    expect(parsePersonnummer('261231+1239', today)).toMatchObject({ ok: true, canonical: '19261231-1239' });
  });

  it('accepts a samordningsnummer (day + 60) and derives the real birth date', () => {
    expect(parsePersonnummer('701063-2391', today)).toEqual({
      ok: true,
      canonical: '19701063-2391',
      birthDate: '1970-10-03',
      coordinationNumber: true,
    });
  });

  it('knows leap years', () => {
    expect(parsePersonnummer('20000229-1235', today)).toMatchObject({ ok: true, birthDate: '2000-02-29' });
    expect(parsePersonnummer('19000229-1235', today)).toEqual({ ok: false, error: 'date' });
  });

  it('rejects a wrong check digit', () => {
    expect(parsePersonnummer('811218-9877', today)).toEqual({ ok: false, error: 'checksum' });
  });

  it('rejects impossible dates', () => {
    expect(parsePersonnummer('811318-9875', today)).toEqual({ ok: false, error: 'date' });
  });

  it('rejects birth dates in the future (checked before the check digit, as the server does)', () => {
    expect(parsePersonnummer('20270101-1237', today)).toEqual({ ok: false, error: 'future' });
    expect(parsePersonnummer('20270101-1230', today)).toEqual({ ok: false, error: 'future' });
  });

  it.each(['', 'abc', '81121-9876', '811218_9876', '19811218+9876', '1981121898765', '811218--9876'])(
    'rejects the malformed %j',
    (input) => {
      expect(parsePersonnummer(input, today)).toEqual({ ok: false, error: 'format' });
    },
  );
});
