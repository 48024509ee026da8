import type { AppError } from '../../platform/errors.ts';
import { createCatalogue, type TApiLanguage } from '../../platform/http/validation-i18n.ts';
import { defineMessages, findMessage, renderCode, type TMessageValues } from '../../platform/messages.ts';
import { matchRowMessage } from './imports.messages.ts';
import type { TFailurePart } from './imports.table.ts';

/**
 * Why an import stopped, in every UI language. A failure is stored as its parts, each a code with values
 * (`imports.failure`), and rendered by code in the reader's language; the English text is stored beside it
 * for API clients without Accept-Language and the CSV. Failures stored as text only, by earlier versions,
 * are read back part by part (localiseFailure).
 */
export const failureMessages = defineMessages({
  import_rows_invalid_now_one: {
    en: '1 row has errors now; nothing was imported.',
    nl: '1 rij bevat nu fouten; er is niets geïmporteerd.',
    da: '1 række har nu fejl; intet blev importeret.',
  },
  import_rows_invalid_now: {
    en: '{count} rows have errors now; nothing was imported.',
    nl: '{count} rijen bevatten nu fouten; er is niets geïmporteerd.',
    da: '{count} rækker har nu fejl; intet blev importeret.',
  },
  import_some_rows_invalid_now: {
    en: 'Some rows have errors now; nothing was imported.',
    nl: 'Sommige rijen bevatten nu fouten; er is niets geïmporteerd.',
    da: 'Nogle rækker har nu fejl; intet blev importeret.',
  },
  import_check_errors_again: {
    en: 'Check the errors, then start again.',
    nl: 'Bekijk de fouten en start dan opnieuw.',
    da: 'Se fejlene igennem, og start så igen.',
  },
  import_kept_one: {
    en: '1 row that someone changed while the import ran was left as it is now, with the imported values and that change (listed with the errors).',
    nl: '1 rij die iemand wijzigde terwijl de import liep, is gelaten zoals hij nu is, met de geïmporteerde waarden en die wijziging (staat bij de fouten).',
    da: '1 række, som nogen ændrede, mens importen kørte, er efterladt, som den er nu, med de importerede værdier og ændringen (står sammen med fejlene).',
  },
  import_kept: {
    en: '{count} rows that someone changed while the import ran were left as they are now, with the imported values and that change (listed with the errors).',
    nl: '{count} rijen die iemand wijzigde terwijl de import liep, zijn gelaten zoals ze nu zijn, met de geïmporteerde waarden en die wijziging (staan bij de fouten).',
    da: '{count} rækker, som nogen ændrede, mens importen kørte, er efterladt, som de er nu, med de importerede værdier og ændringen (står sammen med fejlene).',
  },
  import_concurrent_records: {
    en: 'Some of the same records were changed by someone else at the same time; start again.',
    nl: 'Een deel van dezelfde records werd tegelijk door iemand anders gewijzigd; start opnieuw.',
    da: 'Nogle af de samme poster blev ændret af en anden på samme tid; start igen.',
  },
  import_concurrent_rows: {
    en: 'Some of the same rows were changed by someone else at the same time; start again.',
    nl: 'Een deel van dezelfde rijen werd tegelijk door iemand anders gewijzigd; start opnieuw.',
    da: 'Nogle af de samme rækker blev ændret af en anden på samme tid; start igen.',
  },
  import_internal_import: {
    en: 'The import stopped because of an internal error; try again, or check the server log.',
    nl: 'De import is gestopt door een interne fout; probeer het opnieuw of kijk in het serverlogboek.',
    da: 'Importen stoppede på grund af en intern fejl; prøv igen, eller se serverloggen.',
  },
  import_internal_validation: {
    en: 'The validation stopped because of an internal error; try again, or check the server log.',
    nl: 'De controle is gestopt door een interne fout; probeer het opnieuw of kijk in het serverlogboek.',
    da: 'Kontrollen stoppede på grund af en intern fejl; prøv igen, eller se serverloggen.',
  },
  import_undo_failed: {
    en: 'The import stopped halfway and undoing what it had written failed; check the server log before importing again.',
    nl: 'De import is halverwege gestopt en het terugdraaien van wat al geschreven was, is mislukt; kijk in het serverlogboek voordat je opnieuw importeert.',
    da: 'Importen stoppede halvvejs, og det lykkedes ikke at fortryde det, den havde skrevet; se serverloggen, før du importerer igen.',
  },
  import_server_stopped_one: {
    en: 'The server stopped while this ran, 1 time in a row (for example it ran out of memory, or was restarted)',
    nl: 'De server stopte terwijl dit liep (bijvoorbeeld omdat het geheugen op was of omdat hij opnieuw werd gestart)',
    da: 'Serveren stoppede, mens dette kørte (for eksempel fordi hukommelsen slap op, eller fordi den blev genstartet)',
  },
  import_server_stopped: {
    en: 'The server stopped while this ran, {count} times in a row (for example it ran out of memory, or was restarted)',
    nl: 'De server stopte {count} keer achter elkaar terwijl dit liep (bijvoorbeeld omdat het geheugen op was of omdat hij opnieuw werd gestart)',
    da: 'Serveren stoppede {count} gange i træk, mens dette kørte (for eksempel fordi hukommelsen slap op, eller fordi den blev genstartet)',
  },
  import_then_remap: {
    en: 'check the file, then save the mapping again.',
    nl: 'controleer het bestand en sla de koppeling daarna opnieuw op.',
    da: 'kontrollér filen, og gem derefter tilknytningen igen.',
  },
  import_counted_rows_written: {
    en: 'the rows counted here were written.',
    nl: 'de hier getelde rijen zijn weggeschreven.',
    da: 'de rækker, der er talt her, blev skrevet.',
  },
  import_nothing_imported: { en: 'nothing was imported.', nl: 'er is niets geïmporteerd.', da: 'intet blev importeret.' },
});

export type TFailureCode = keyof typeof failureMessages;

export type { TFailurePart };

const part = (code: TFailureCode, count?: number, clause?: boolean): TFailurePart => ({
  code,
  ...(count === undefined ? {} : { values: { count: String(count) } }),
  ...(clause ? { clause } : {}),
});

export const failurePart = (code: TFailureCode, clause?: boolean) => part(code, undefined, clause);

export const rowsInvalidNow = (invalid: number | undefined): TFailurePart =>
  invalid === undefined
    ? part('import_some_rows_invalid_now')
    : invalid === 1
      ? part('import_rows_invalid_now_one')
      : part('import_rows_invalid_now', invalid);

/** "2 rows that someone changed … (listed with the errors)." after a sentence, or nothing. */
export const keptNote = (kept: number): TFailurePart[] => (kept ? [kept === 1 ? part('import_kept_one') : part('import_kept', kept)] : []);

export const serverStopped = (attempts: number): TFailurePart =>
  attempts === 1 ? part('import_server_stopped_one') : part('import_server_stopped', attempts);

const stringValues = (values: TMessageValues = {}) => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)]));

/** One of our errors as a part: by its entry's code, or its one detail's; its text only when it has neither. */
export function errorPart(err: AppError): TFailurePart {
  if (err.messageCode) return { code: err.messageCode, values: stringValues(err.messageValues) };
  const [d] = err.details;
  if (err.details.length === 1 && d?.code && findMessage(d.code)) return { field: d.field, code: d.code, values: stringValues(d.values) };
  return { text: err.message };
}

/** A stored failure in `lang`: each part rendered by its code. */
export function renderFailure(parts: TFailurePart[], lang: TApiLanguage): string {
  let out = '';
  for (const p of parts) {
    const text = 'text' in p ? p.text : (renderCode(p.code, lang, p.values) ?? p.code);
    const shown = 'field' in p && p.field ? `${p.field}: ${text}` : text;
    out += out ? `${p.clause ? '; ' : ' '}${shown}` : shown;
  }
  return out;
}

/** What an import row stores for a failure: the parts, and their English text. */
export const failureOf = (parts: TFailurePart[]) => ({ failure: parts, failureMessage: renderFailure(parts, 'en') });

/** The failure of an import row in `lang`: by code when stored as parts, else its old text part by part. */
export const describeFailure = (row: { failure: TFailurePart[] | null; failureMessage: string | null }, lang: TApiLanguage) =>
  row.failure?.length ? renderFailure(row.failure, lang) : localiseFailure(row.failureMessage, lang);

const catalogue = createCatalogue<TFailureCode>(failureMessages);

// Texts stored by earlier versions: "1 rows have errors now", "1 row … was left as they are now".
const SINGULAR: Partial<Record<TFailureCode, TFailureCode>> = {
  import_rows_invalid_now: 'import_rows_invalid_now_one',
  import_kept: 'import_kept_one',
  import_server_stopped: 'import_server_stopped_one',
};
const OLD_KEPT_ONE = /^1 row that someone changed while the import ran was left as they are now, (.*)$/s;

/** One part (a sentence, or a clause after "; ") in `lang`: ours, a platform message ("file: has no header row"), or as it is. */
function localisePart(text: string, lang: TApiLanguage): string {
  const own = catalogue.match(text.replace(OLD_KEPT_ONE, '1 row that someone changed while the import ran was left as it is now, $1'));
  if (own) return catalogue.render(own.values.count === '1' ? (SINGULAR[own.code] ?? own.code) : own.code, lang, own.values);
  const whole = matchRowMessage(text);
  if (whole) return renderCode(whole.code, lang, whole.values) ?? text;
  const prefixed = /^([\w.[\]-]+): (.+)$/s.exec(text);
  const clause = prefixed ? matchRowMessage(prefixed[2] ?? '') : undefined;
  return prefixed && clause ? `${prefixed[1]}: ${renderCode(clause.code, lang, clause.values)}` : text;
}

/** A failure stored as text only (by earlier versions) in `lang`, sentence by sentence and clause by clause; what is not ours stays as it is. */
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
