/**
 * Swedish personal identity numbers (personnummer) and coordination numbers (samordningsnummer).
 * Mirrors the server's rules (domain/src/personnummer.rs, same order of checks) so that the form can validate while typing;
 * the server stays the authority.
 *
 * Accepted input: YYMMDD-NNNN, YYMMDD+NNNN (age 100+), YYMMDDNNNN, YYYYMMDD-NNNN, YYYYMMDDNNNN
 * (surrounding whitespace ignored). The last digit is a Luhn check digit over the 10-digit form.
 * A coordination number has day + 60. Canonical form: "YYYYMMDD-NNNN".
 */

export type PersonnummerError = 'format' | 'date' | 'checksum' | 'future';

export type PersonnummerResult =
  | {
      ok: true;
      /** Canonical "YYYYMMDD-NNNN". */
      canonical: string;
      /** Date of birth as "YYYY-MM-DD" (for a coordination number: the day minus 60). */
      birthDate: string;
      coordinationNumber: boolean;
    }
  | { ok: false; error: PersonnummerError };

const PATTERN = /^(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)(\d{4})$/;

/** Luhn (mod 10) check over a string of digits, the last being the check digit. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * The full birth year of a 10-digit form. With '-' or no separator: the most recent century that
 * puts the birth date on or before today. With '+' (written from the start of the year the person
 * turns 100): the latest year ending in YY that is at most today's year − 100.
 */
function inferYear(yy: number, mm: string, day: number, plus: boolean, todayY: number, todayIso: string): number {
  if (plus) {
    const limit = todayY - 100;
    return limit - ((((limit - yy) % 100) + 100) % 100);
  }
  const thisCentury = todayY - (todayY % 100) + yy;
  return `${pad(thisCentury, 4)}-${mm}-${pad(day)}` > todayIso ? thisCentury - 100 : thisCentury;
}

/**
 * Parses a personnummer or samordningsnummer. `today` decides the century of the short forms
 * and rejects birth dates in the future.
 */
export function parsePersonnummer(input: string, today: Date = new Date()): PersonnummerResult {
  const m = PATTERN.exec(input.trim());
  if (!m) return { ok: false, error: 'format' };
  const [, century, yy, mm, dd, sep, tail] = m;
  if (century !== undefined && sep === '+') return { ok: false, error: 'format' };

  const todayY = today.getFullYear();
  const todayIso = `${todayY}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;

  const month = Number(mm);
  const rawDay = Number(dd);
  const coordinationNumber = rawDay > 60;
  const day = coordinationNumber ? rawDay - 60 : rawDay;

  let year: number;
  if (century !== undefined) {
    year = Number(century + yy);
  } else {
    year = inferYear(Number(yy), mm, day, sep === '+', todayY, todayIso);
  }

  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, error: 'date' };
  }
  const birthDate = `${pad(year, 4)}-${mm}-${pad(day)}`;
  if (birthDate > todayIso) return { ok: false, error: 'future' };
  if (!luhnValid(`${yy}${mm}${dd}${tail}`)) return { ok: false, error: 'checksum' };

  return {
    ok: true,
    canonical: `${pad(year, 4)}${mm}${dd}-${tail}`,
    birthDate,
    coordinationNumber,
  };
}
