import { beforeAll, describe, expect, it } from 'vitest';
import { FEATURES } from '../features/index.ts';
import { mergeStrings } from './bundles.ts';
import { loadStrings } from './load.ts';

// Every user-facing string goes through i18next in English, Dutch and Danish. These checks keep the
// three languages in step: the same keys, the same {{placeholders}}, and no t('key') in the code
// that English lacks (i18next would silently show the raw key).

type Tree = { [key: string]: string | Tree };
const LANGUAGES = ['en', 'nl', 'da'] as const;

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

/** The strings of each language as the app loads them: the shared file with each feature's bundle merged in. */
const strings = new Map<string, Map<string, string>>();
const stringsOf = (lang: (typeof LANGUAGES)[number]) => strings.get(lang) ?? new Map<string, string>();
beforeAll(async () => {
  for (const lang of LANGUAGES) strings.set(lang, flatten((await loadStrings(lang)) as Tree));
});

const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();
const PLURAL = /_(zero|one|two|few|many|other)$/;

describe('UI strings', () => {
  let en = new Map<string, string>();
  beforeAll(() => {
    en = stringsOf('en');
  });

  it('has English strings', () => {
    expect(en.size).toBeGreaterThan(100);
  });

  it('refuses a feature string that another feature or the shared strings already set', () => {
    expect(() =>
      mergeStrings({ nav: { accounts: 'Accounts' } }, [{ name: 'b', strings: { nav: { contacts: 'Contacts' } } }]),
    ).not.toThrow();
    expect(() => mergeStrings({ nav: { accounts: 'Accounts' } }, [{ name: 'b', strings: { nav: { accounts: 'Mine' } } }])).toThrow(
      /nav\.accounts.*feature b.*shared/,
    );
    expect(() =>
      mergeStrings({}, [
        { name: 'a', strings: { x: { y: '1' } } },
        { name: 'b', strings: { x: { y: '2' } } },
      ]),
    ).toThrow(/x\.y.*feature b.*set by a/);
  });

  it('finds every feature folder with strings in the features list', () => {
    const folders = Object.keys(import.meta.glob('../features/*/i18n/en.json')).map((f) => f.split('/')[2]);
    expect(folders.filter((name) => !FEATURES.some((feature) => feature.name === name && 'strings' in feature))).toEqual([]);
  });

  for (const lang of LANGUAGES.filter((l) => l !== 'en')) {
    it(`${lang} has exactly the English keys`, () => {
      const other = stringsOf(lang);
      // Plural forms differ by language, so compare the base key of plural entries.
      const base = (keys: Iterable<string>) => new Set([...keys].map((k) => k.replace(PLURAL, '')));
      const english = base(en.keys());
      const theirs = base(other.keys());
      expect([...english].filter((k) => !theirs.has(k)).sort()).toEqual([]);
      expect([...theirs].filter((k) => !english.has(k)).sort()).toEqual([]);
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
