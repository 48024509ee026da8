/**
 * Intl formatters, made once per language and options: building one costs far more than formatting with it
 * (a revenue dashboard of 60 periods formats thousands of amounts on its first paint).
 */
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

export function numberFormat(lang: string, opts: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${lang}|${JSON.stringify(opts)}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang, opts);
    numberFormats.set(key, f);
  }
  return f;
}

export function dateTimeFormat(lang: string, opts: Intl.DateTimeFormatOptions = {}): Intl.DateTimeFormat {
  const key = `${lang}|${JSON.stringify(opts)}`;
  let f = dateFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang, opts);
    dateFormats.set(key, f);
  }
  return f;
}
