import dayjs from 'dayjs';
// Loads dayjs's nl and da locales and plugins, for the date pickers too.
import '../lib/format.ts';
import i18n, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { prepareFormats } from '../lib/money.ts';
import { LANGUAGES, loadStrings, type UiLanguage } from './load.ts';
import { numbersFormatter } from './numbers.ts';

export { LANGUAGES, type UiLanguage } from './load.ts';

const STORAGE_KEY = 'c365.language';

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

/** i18next asks for a language's strings when it first needs them: at the start, and on a switch to another language. */
const stringsBackend: BackendModule = {
  type: 'backend',
  init: () => {},
  read: (language, _namespace, callback) => {
    if (!isUiLanguage(language)) return callback(null, {});
    loadStrings(language).then(
      (strings) => callback(null, strings),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), null),
    );
  },
};

i18n.on('languageChanged', (lng) => {
  // Right after the strings are in, while the page still waits for its data.
  setTimeout(() => prepareFormats(lng), 0);
  dayjs.locale(lng);
  document.documentElement.lang = lng;
  if (isUiLanguage(lng)) localStorage.setItem(STORAGE_KEY, lng);
});

// Only the UI language is loaded: no fallback language, since the strings test keeps en, nl and da to the same keys.
// Until its strings are in, components that translate suspend (main.tsx shows nothing there; it is one small file).
void i18n
  .use(stringsBackend)
  .use(numbersFormatter)
  .use(initReactI18next)
  .init({
    lng: initialLanguage(),
    supportedLngs: LANGUAGES,
    load: 'currentOnly',
    fallbackLng: false,
    // Numbers in strings are printed in the UI language's format (i18n/numbers.ts).
    interpolation: { escapeValue: false, alwaysFormat: true },
    returnNull: false,
  });

/**
 * Shows a public page (a customer's quote, …) in its reader's language without making that the language this browser
 * opens the app in next time (the language it had is kept).
 */
export async function showPageInLanguage(lang: UiLanguage): Promise<void> {
  const remembered = localStorage.getItem(STORAGE_KEY);
  await i18n.changeLanguage(lang);
  if (remembered === null) localStorage.removeItem(STORAGE_KEY);
  else localStorage.setItem(STORAGE_KEY, remembered);
}

export default i18n;
