import { FEATURES } from '../features/index.ts';
import { mergeStrings, type Strings } from './bundles.ts';

export const LANGUAGES = ['en', 'nl', 'da'] as const;
export type UiLanguage = (typeof LANGUAGES)[number];

// The shared strings (buttons, errors, layout). Like the features' bundles, each language is its own import:
// the build puts a language's shared and feature strings together in one chunk (vite.config.ts), so the
// first visit asks for one small file in its own language instead of carrying all three in the app's code.
const SHARED: Record<UiLanguage, () => Promise<Strings>> = {
  en: () => import('./en.json').then((m) => m.default),
  nl: () => import('./nl.json').then((m) => m.default),
  da: () => import('./da.json').then((m) => m.default),
};

/** One language's strings as the app sees them: the shared ones with every feature's bundle merged in (features/index.ts). */
export async function loadStrings(lang: UiLanguage): Promise<Strings> {
  const [shared, bundles] = await Promise.all([
    SHARED[lang](),
    Promise.all(
      FEATURES.flatMap((feature) =>
        'strings' in feature ? [feature.strings[lang]().then((strings) => ({ name: feature.name, strings }))] : [],
      ),
    ),
  ]);
  return mergeStrings(shared, bundles);
}
