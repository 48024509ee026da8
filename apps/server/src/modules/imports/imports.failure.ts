import { createCatalogue, type TApiLanguage, translateText } from '../../platform/http/validation-i18n.ts';
import type { TCatalogueEntry } from '../../platform/http/validation-messages.ts';

/**
 * Why an import stopped, in every UI language. The stored text is English (a failed import keeps it for
 * API clients without Accept-Language); it is built from the parts below, and read back part by part, so
 * texts stored by earlier versions are worded in the reader's language too.
 */
export const FAILURE_MESSAGES = {
  rows_invalid_now_one: {
    en: '1 row has errors now; nothing was imported.',
    nl: '1 rij bevat nu fouten; er is niets geïmporteerd.',
    da: '1 række har nu fejl; intet blev importeret.',
  },
  rows_invalid_now: {
    en: '{count} rows have errors now; nothing was imported.',
    nl: '{count} rijen bevatten nu fouten; er is niets geïmporteerd.',
    da: '{count} rækker har nu fejl; intet blev importeret.',
  },
  some_rows_invalid_now: {
    en: 'Some rows have errors now; nothing was imported.',
    nl: 'Sommige rijen bevatten nu fouten; er is niets geïmporteerd.',
    da: 'Nogle rækker har nu fejl; intet blev importeret.',
  },
  check_errors_again: {
    en: 'Check the errors, then start again.',
    nl: 'Bekijk de fouten en start dan opnieuw.',
    da: 'Se fejlene igennem, og start så igen.',
  },
  kept_one: {
    en: '1 row that someone changed while the import ran was left as it is now, with the imported values and that change (listed with the errors).',
    nl: '1 rij die iemand wijzigde terwijl de import liep, is gelaten zoals hij nu is, met de geïmporteerde waarden en die wijziging (staat bij de fouten).',
    da: '1 række, som nogen ændrede, mens importen kørte, er efterladt, som den er nu, med de importerede værdier og ændringen (står sammen med fejlene).',
  },
  kept: {
    en: '{count} rows that someone changed while the import ran were left as they are now, with the imported values and that change (listed with the errors).',
    nl: '{count} rijen die iemand wijzigde terwijl de import liep, zijn gelaten zoals ze nu zijn, met de geïmporteerde waarden en die wijziging (staan bij de fouten).',
    da: '{count} rækker, som nogen ændrede, mens importen kørte, er efterladt, som de er nu, med de importerede værdier og ændringen (står sammen med fejlene).',
  },
  concurrent_records: {
    en: 'Some of the same records were changed by someone else at the same time; start again.',
    nl: 'Een deel van dezelfde records werd tegelijk door iemand anders gewijzigd; start opnieuw.',
    da: 'Nogle af de samme poster blev ændret af en anden på samme tid; start igen.',
  },
  concurrent_rows: {
    en: 'Some of the same rows were changed by someone else at the same time; start again.',
    nl: 'Een deel van dezelfde rijen werd tegelijk door iemand anders gewijzigd; start opnieuw.',
    da: 'Nogle af de samme rækker blev ændret af en anden på samme tid; start igen.',
  },
  internal_import: {
    en: 'The import stopped because of an internal error; try again, or check the server log.',
    nl: 'De import is gestopt door een interne fout; probeer het opnieuw of kijk in het serverlogboek.',
    da: 'Importen stoppede på grund af en intern fejl; prøv igen, eller se serverloggen.',
  },
  internal_validation: {
    en: 'The validation stopped because of an internal error; try again, or check the server log.',
    nl: 'De controle is gestopt door een interne fout; probeer het opnieuw of kijk in het serverlogboek.',
    da: 'Kontrollen stoppede på grund af en intern fejl; prøv igen, eller se serverloggen.',
  },
  undo_failed: {
    en: 'The import stopped halfway and undoing what it had written failed; check the server log before importing again.',
    nl: 'De import is halverwege gestopt en het terugdraaien van wat al geschreven was, is mislukt; kijk in het serverlogboek voordat je opnieuw importeert.',
    da: 'Importen stoppede halvvejs, og det lykkedes ikke at fortryde det, den havde skrevet; se serverloggen, før du importerer igen.',
  },
  server_stopped_one: {
    en: 'The server stopped while this ran, 1 time in a row (for example it ran out of memory, or was restarted)',
    nl: 'De server stopte terwijl dit liep (bijvoorbeeld omdat het geheugen op was of omdat hij opnieuw werd gestart)',
    da: 'Serveren stoppede, mens dette kørte (for eksempel fordi hukommelsen slap op, eller fordi den blev genstartet)',
  },
  server_stopped: {
    en: 'The server stopped while this ran, {count} times in a row (for example it ran out of memory, or was restarted)',
    nl: 'De server stopte {count} keer achter elkaar terwijl dit liep (bijvoorbeeld omdat het geheugen op was of omdat hij opnieuw werd gestart)',
    da: 'Serveren stoppede {count} gange i træk, mens dette kørte (for eksempel fordi hukommelsen slap op, eller fordi den blev genstartet)',
  },
  then_remap: {
    en: 'check the file, then save the mapping again.',
    nl: 'controleer het bestand en sla de koppeling daarna opnieuw op.',
    da: 'kontrollér filen, og gem derefter tilknytningen igen.',
  },
  counted_rows_written: {
    en: 'the rows counted here were written.',
    nl: 'de hier getelde rijen zijn weggeschreven.',
    da: 'de rækker, der er talt her, blev skrevet.',
  },
  nothing_imported: { en: 'nothing was imported.', nl: 'er is niets geïmporteerd.', da: 'intet blev importeret.' },
} as const satisfies Record<string, TCatalogueEntry>;

export type TFailureCode = keyof typeof FAILURE_MESSAGES;
const catalogue = createCatalogue<TFailureCode>(FAILURE_MESSAGES);

/** The English text of a part. */
export const failureText = (code: TFailureCode, count?: number) =>
  catalogue.render(code, 'en', count === undefined ? {} : { count: String(count) });

export const rowsInvalidNow = (invalid: number | undefined) =>
  invalid === undefined
    ? failureText('some_rows_invalid_now')
    : invalid === 1
      ? failureText('rows_invalid_now_one')
      : failureText('rows_invalid_now', invalid);

/** " 2 rows that someone changed … (listed with the errors)." after a sentence, or nothing. */
export const keptNote = (kept: number) => (kept ? ` ${kept === 1 ? failureText('kept_one') : failureText('kept', kept)}` : '');

export const serverStopped = (attempts: number) =>
  attempts === 1 ? failureText('server_stopped_one') : failureText('server_stopped', attempts);

// Texts stored by earlier versions: "1 rows have errors now", "1 row … was left as they are now".
const SINGULAR: Partial<Record<TFailureCode, TFailureCode>> = {
  rows_invalid_now: 'rows_invalid_now_one',
  kept: 'kept_one',
  server_stopped: 'server_stopped_one',
};
const OLD_KEPT_ONE = /^1 row that someone changed while the import ran was left as they are now, (.*)$/s;

/** One part (a sentence, or a clause after "; ") in `lang`: ours, a platform message ("file: has no header row"), or as it is. */
function localisePart(text: string, lang: TApiLanguage): string {
  const own = catalogue.match(text.replace(OLD_KEPT_ONE, '1 row that someone changed while the import ran was left as it is now, $1'));
  if (own) return catalogue.render(own.values.count === '1' ? (SINGULAR[own.code] ?? own.code) : own.code, lang, own.values);
  const whole = translateText(text, lang);
  if (whole.code) return whole.message;
  const prefixed = /^([\w.[\]-]+): (.+)$/s.exec(text);
  return prefixed ? `${prefixed[1]}: ${translateText(prefixed[2] ?? '', lang).message}` : text;
}

/** A stored failure message in `lang`, sentence by sentence and clause by clause; what is not ours stays as it is. */
export function localiseFailure(text: string | null, lang: TApiLanguage): string | null {
  if (text === null || lang === 'en') return text;
  const whole = catalogue.match(text);
  if (whole) return catalogue.render(whole.code, lang, whole.values);
  // "The server stopped …; nothing was imported." and such: the clause before "; " is a part of its own.
  const stopped = /^(The server stopped while this ran, .*? \(for example it ran out of memory, or was restarted\)); (.*)$/s.exec(text);
  if (stopped) return `${localisePart(stopped[1] ?? '', lang)}; ${localiseFailure(stopped[2] ?? '', lang)}`;
  const sentences = text.split(/(?<=\.) (?=[A-Z0-9])/);
  if (sentences.length === 1) return localisePart(text, lang);
  return sentences.map((s) => localisePart(s, lang)).join(' ');
}
