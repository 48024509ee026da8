import { Table, Text } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../lib/format.ts';
import { useAuditLabels } from './auditLabels.ts';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A snapshot's value as text: numbers with the UI language's separators (2,238 / 2.238), lists comma-separated,
 * an id as the name of what it points at (`names`, from the server), or `notNamed` when that is not known.
 */
export function showValue(value: unknown, names: Record<string, string> = {}, notNamed = '—'): string {
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value === 'string') return UUID.test(value) ? (names[value.toLowerCase()] ?? notNamed) : value;
  if (typeof value === 'number') return formatNumber(value);
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null))
    return value.length ? value.map((v) => showValue(v, names, notNamed)).join(', ') : '—';
  return JSON.stringify(value);
}

export interface DiffRow {
  field: string;
  before: unknown;
  after: unknown;
  changed: boolean;
}

/** Bookkeeping the snapshots carry but people do not need: the row version used to refuse stale edits. */
const INTERNAL_FIELDS = new Set(['version', 'id', 'orgId']);

/** Field-by-field comparison of an audit entry's before and after snapshots; changed fields first. */
export function diffSnapshots(before: unknown, after: unknown): DiffRow[] {
  if (!isRecord(before) && !isRecord(after)) {
    return before === undefined && after === undefined
      ? []
      : [{ field: '', before, after, changed: showValue(before) !== showValue(after) }];
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((field) => !INTERNAL_FIELDS.has(field));
  const rows = fields.map((field) => ({ field, before: b[field], after: a[field], changed: showValue(b[field]) !== showValue(a[field]) }));
  return rows.sort((x, y) => Number(y.changed) - Number(x.changed));
}

/** The before → after table shown for one audit entry. Unchanged fields are greyed out. */
export function AuditDiff({ before, after, names = {} }: { before: unknown; after: unknown; names?: Record<string, string> }) {
  const { t } = useTranslation();
  const labels = useAuditLabels();
  const notNamed = t('admin.audit.notNamed');
  const show = (value: unknown) => showValue(value, names, notNamed);
  const rows = diffSnapshots(before, after);
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('admin.audit.noDetails')}
      </Text>
    );
  }
  return (
    <Table withTableBorder withColumnBorders fz="xs" data-testid="audit-diff">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="24%">{t('admin.audit.field')}</Table.Th>
          <Table.Th>{t('admin.audit.before')}</Table.Th>
          <Table.Th w={24} />
          <Table.Th>{t('admin.audit.after')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.field} c={row.changed ? undefined : 'dimmed'} data-changed={row.changed || undefined}>
            <Table.Td fw={500}>{row.field ? labels.field(row.field) : '·'}</Table.Td>
            <Table.Td bg={row.changed && row.before !== undefined ? 'red.0' : undefined} style={{ wordBreak: 'break-word' }}>
              {show(row.before)}
            </Table.Td>
            <Table.Td ta="center">{row.changed ? <IconArrowRight size={12} /> : null}</Table.Td>
            <Table.Td bg={row.changed && row.after !== undefined ? 'teal.0' : undefined} style={{ wordBreak: 'break-word' }}>
              {show(row.after)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
