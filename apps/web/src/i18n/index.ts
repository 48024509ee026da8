import dayjs from 'dayjs';
import 'dayjs/locale/da';
import 'dayjs/locale/nl';
import localizedFormat from 'dayjs/plugin/localizedFormat';
import relativeTime from 'dayjs/plugin/relativeTime';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import da from './da.json';
import en from './en.json';
import nl from './nl.json';

dayjs.extend(relativeTime);
dayjs.extend(localizedFormat);

export const LANGUAGES = ['en', 'nl', 'da'] as const;
export type UiLanguage = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'c365.language';

type Strings = Record<string, unknown>;

// A feature may keep its strings beside its code in features/<name>/i18n/<lang>.json; they are
// merged under the feature's name, so "title" in features/imports/i18n/en.json is the key imports.title.
const featureFiles = import.meta.glob<Strings>('../features/*/i18n/*.json', { eager: true, import: 'default' });

function withFeatureStrings(lang: UiLanguage, base: Strings): Strings {
  const merged: Strings = { ...base };
  for (const [file, strings] of Object.entries(featureFiles)) {
    const match = /features\/([^/]+)\/i18n\/([a-z]+)\.json$/.exec(file);
    if (!match || match[2] !== lang) continue;
    const feature = match[1]!;
    const existing = merged[feature];
    merged[feature] = existing && typeof existing === 'object' ? { ...(existing as Strings), ...strings } : strings;
  }
  return merged;
}

export function isUiLanguage(value: unknown): value is UiLanguage {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Before sign-in: the last language used in this browser, else the browser's own if we have it. */
function initialLanguage(): UiLanguage {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (isUiLanguage(stored)) return stored;
  const browser = navigator.language.slice(0, 2);
  return isUiLanguage(browser) ? browser : 'en';
}

i18n.on('languageChanged', (lng) => {
  dayjs.locale(lng);
  document.documentElement.lang = lng;
  if (isUiLanguage(lng)) localStorage.setItem(STORAGE_KEY, lng);
});

void i18n.use(initReactI18next).init({
  resources: {
    en: { translation: withFeatureStrings('en', en) },
    nl: { translation: withFeatureStrings('nl', nl) },
    da: { translation: withFeatureStrings('da', da) },
  },
  lng: initialLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18n;
