/**
 * Reading a date typed into a date input, in the UI language's habits. Mantine's own parser falls
 * back to `new Date(text)`, which reads 31-12-2026 as nothing and 05/06/2026 as 6 May everywhere.
 *
 * - ISO `2026-12-31` (also with / or .) in every language;
 * - numbers with - . / or spaces: day first (31-12-2026, 31/12/2026, 31.12.2026, 31 12 26) — except
 *   English with slashes, which is month first (12/31/2026) as in the English UI's dates and
 *   Mantine's English default; a first number above 12 is still read as the day there;
 * - a month by name in the UI language or in English, in any order: "31 dec. 2026", "Dec 31, 2026".
 *
 * Two-digit years are 20xx. Returns `YYYY-MM-DD`, or null when the text is not (yet) a whole date.
 */
export function parseDateInput(text: string, lang: string): string | null {
  const value = text.trim().toLowerCase();
  if (!value) return null;

  const iso = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(value);
  if (iso) return toIsoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));

  const numeric = /^(\d{1,2})\s*([-/.\s])\s*(\d{1,2})\s*\2\s*(\d{2}|\d{4})$/.exec(value);
  if (numeric) {
    const [a, b, year] = [Number(numeric[1]), Number(numeric[3]), fullYear(numeric[4] ?? '')];
    const monthFirst = lang.startsWith('en') && numeric[2] === '/' && a <= 12;
    return monthFirst ? toIsoDate(year, a, b) : (toIsoDate(year, b, a) ?? (b > 12 ? toIsoDate(year, a, b) : null));
  }

  const words = value.match(/\p{L}+/gu) ?? [];
  const numbers = value.match(/\d+/g) ?? [];
  if (words.length < 1 || numbers.length !== 2) return null;
  const month = words.map((w) => monthByName(w, lang)).find((m) => m !== undefined);
  if (month === undefined) return null;
  const [day, year] = (numbers[0]?.length ?? 0) > 2 ? [numbers[1], numbers[0]] : [numbers[0], numbers[1]];
  if (!day || !year || day.length > 2 || (year.length !== 2 && year.length !== 4)) return null;
  return toIsoDate(fullYear(year), month, Number(day));
}

function fullYear(digits: string): number {
  return digits.length === 2 ? 2000 + Number(digits) : Number(digits);
}

/** The date as YYYY-MM-DD when it exists in the calendar (no 31 February), else null. */
function toIsoDate(year: number, month: number, day: number): string | null {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

const monthNames = new Map<string, string[][]>();

/** Month names (long and short, without dots) per month, in `lang` and English. */
function monthsOf(lang: string): string[][] {
  let names = monthNames.get(lang);
  if (!names) {
    const langs = [...new Set([lang, 'en'])];
    names = Array.from({ length: 12 }, (_, i) =>
      langs.flatMap((l) =>
        (['long', 'short'] as const).map((month) =>
          new Intl.DateTimeFormat(l, { month, timeZone: 'UTC' })
            .format(new Date(Date.UTC(2026, i, 15)))
            .toLowerCase()
            .replace(/\./g, ''),
        ),
      ),
    );
    monthNames.set(lang, names);
  }
  return names;
}

/** 1–12 for a month's name or an abbreviation of at least three letters ("dec", "mrt", "maj"). */
function monthByName(word: string, lang: string): number | undefined {
  if (word.length < 3) return undefined;
  const months = monthsOf(lang);
  const exact = months.findIndex((names) => names.includes(word));
  if (exact >= 0) return exact + 1;
  const matches = months.flatMap((names, i) => (names.some((n) => n.startsWith(word)) ? [i + 1] : []));
  return matches.length === 1 ? matches[0] : undefined;
}
