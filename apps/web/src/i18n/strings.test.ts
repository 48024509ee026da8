import { describe, expect, it } from 'vitest';

// Every user-facing string goes through i18next in English, Dutch and Danish. These checks keep the
// three languages in step: the same keys, the same {{placeholders}}, and no t('key') in the code
// that English lacks (i18next would silently show the raw key).

type Tree = { [key: string]: string | Tree };
const LANGUAGES = ['en', 'nl', 'da'] as const;

const shared = import.meta.glob<Tree>('./*.json', { eager: true, import: 'default' });
const features = import.meta.glob<Tree>('../features/*/i18n/*.json', { eager: true, import: 'default' });
const sources = import.meta.glob<string>(['../**/*.ts', '../**/*.tsx', '!../**/*.test.ts'], {
  eager: true,
  query: '?raw',
  import: 'default',
});

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

/** The strings of one language as the app sees them: shared file plus each feature's under its name. */
function stringsOf(lang: string): Map<string, string> {
  const all = flatten(shared[`./${lang}.json`] ?? {});
  for (const [file, tree] of Object.entries(features)) {
    const match = /features\/([^/]+)\/i18n\/([a-z]+)\.json$/.exec(file);
    if (match?.[2] === lang) for (const [k, v] of flatten(tree, `${match[1]}.`)) all.set(k, v);
  }
  return all;
}

const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();
const PLURAL = /_(zero|one|two|few|many|other)$/;

describe('UI strings', () => {
  const en = stringsOf('en');

  it('has English strings', () => {
    expect(en.size).toBeGreaterThan(100);
  });

  for (const lang of LANGUAGES.filter((l) => l !== 'en')) {
    it(`${lang} has exactly the English keys`, () => {
      const other = stringsOf(lang);
      // Plural forms differ by language, so compare the base key of plural entries.
      const base = (keys: Iterable<string>) => new Set([...keys].map((k) => k.replace(PLURAL, '')));
      expect([...base(en.keys())].filter((k) => !base(other.keys()).has(k)).sort()).toEqual([]);
      expect([...base(other.keys())].filter((k) => !base(en.keys()).has(k)).sort()).toEqual([]);
    });

    it(`${lang} uses the same {{placeholders}} as English`, () => {
      const other = stringsOf(lang);
      const mismatches = [...en]
        .filter(([key]) => other.has(key))
        .filter(([key, text]) => placeholders(text).join() !== placeholders(other.get(key) ?? '').join())
        .map(([key]) => key);
      expect(mismatches).toEqual([]);
    });
  }

  it('has an English string for every literal t() key in the code', () => {
    const exists = (key: string) => en.has(key) || [...en.keys()].some((k) => k.startsWith(`${key}_`) && PLURAL.test(k));
    const missing: string[] = [];
    for (const [file, text] of Object.entries(sources)) {
      for (const m of text.matchAll(/\bt\(\s*'([A-Za-z0-9_.]+)'/g)) {
        const key = m[1]!;
        // Comments may mention t('…') as an example; only dotted keys are real lookups.
        if (key.includes('.') && !exists(key)) missing.push(`${key} (${file})`);
      }
    }
    expect(missing).toEqual([]);
  });
});
