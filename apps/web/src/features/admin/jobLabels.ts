import type { TFunction } from 'i18next';
import { humanize } from './auditLabels.ts';

/**
 * What a job does, in the UI language: its name in the catalogue (a dot in a job's name would nest the i18n key, so
 * dots read as underscores there), or, for the delivery of a domain event ("event:playbooks.onChurnSignal"), the
 * module that handles it; a job added later without a catalogue entry shows its own name.
 */
export function jobLabel(t: TFunction, name: string): string {
  const handler = /^event:([A-Za-z]+)\./.exec(name);
  if (handler?.[1]) {
    const module = handler[1];
    return t('admin.jobs.eventDelivery', { module: t(`admin.jobs.modules.${module}`, { defaultValue: humanize(module) }) });
  }
  return t(`admin.jobs.names.${name.replace(/\./g, '_')}`, { defaultValue: name });
}
