import dayjs from 'dayjs';
// Loads dayjs's nl and da locales and plugins, for the date pickers too.
import '../lib/format.ts';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { FEATURES } from '../features/index.ts';
import { mergeStrings, type Strings } from './bundles.ts';
import da from './da.json';
import en from './en.json';
import nl from './nl.json';

export const LANGUAGES = ['en', 'nl', 'da'] as const;
export type UiLanguage = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'c365.language';

/** The shared strings (buttons, errors, layout) with every feature's own bundle merged in (features/index.ts). */
function stringsOf(lang: UiLanguage, shared: Strings): Strings {
  return mergeStrings(
    shared,
    FEATURES.flatMap((feature) => ('strings' in feature ? [{ name: feature.name, strings: feature.strings[lang] }] : [])),
  );
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
    en: { translation: stringsOf('en', en) },
    nl: { translation: stringsOf('nl', nl) },
    da: { translation: stringsOf('da', da) },
  },
  lng: initialLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18n;
