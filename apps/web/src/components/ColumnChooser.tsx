import { Button, Checkbox, Divider, Popover, ScrollArea, Stack, Switch, Text } from '@mantine/core';
import { IconColumns } from '@tabler/icons-react';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Which columns a user sees in one list and whether its rows are compact, kept in this browser. */
export interface ColumnSettings {
  /** Per column id, only the columns the user changed; the rest follow the list's defaults. */
  visible: Record<string, boolean>;
  dense: boolean;
}

export interface ColumnOption {
  id: string;
  label: string;
  /** Always shown (the name column); not offered in the chooser. */
  required?: boolean;
}

const STORAGE_PREFIX = 'c365.table.';

function readSettings(key: string): Partial<ColumnSettings> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_PREFIX + key) ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Partial<ColumnSettings>) : {};
  } catch {
    return {};
  }
}

/**
 * The column settings of one list for one user (`storageKey` includes the user id, so people sharing
 * a browser keep their own). Columns in `defaultHidden` start hidden; new columns (a custom field
 * added later) follow the defaults until the user changes them.
 */
/** Custom fields marked "show in lists" that are visible until a user chooses otherwise. */
const DEFAULT_CUSTOM_COLUMNS = 3;

/**
 * Columns hidden by default in a list with custom fields: the optional built-in ones, and every custom field
 * beyond the first DEFAULT_CUSTOM_COLUMNS marked "show in lists" (custom columns are keyed `custom:<key>`).
 */
export function defaultHiddenColumns(
  optionalColumns: readonly string[],
  customFields: readonly { key: string; showInList: boolean }[] | undefined,
): string[] {
  const fields = customFields ?? [];
  const shown = new Set(
    fields
      .filter((f) => f.showInList)
      .slice(0, DEFAULT_CUSTOM_COLUMNS)
      .map((f) => f.key),
  );
  return [...optionalColumns, ...fields.filter((f) => !shown.has(f.key)).map((f) => `custom:${f.key}`)];
}

export function useColumnSettings(storageKey: string, defaultHidden: readonly string[], defaultDense = true) {
  const [stored, setStored] = useState<Partial<ColumnSettings>>(() => readSettings(storageKey));
  const [loadedKey, setLoadedKey] = useState(storageKey);
  if (loadedKey !== storageKey) {
    setLoadedKey(storageKey);
    setStored(readSettings(storageKey));
  }

  const save = useCallback(
    (next: Partial<ColumnSettings>) => {
      setStored(next);
      try {
        localStorage.setItem(STORAGE_PREFIX + storageKey, JSON.stringify(next));
      } catch {
        // storage full or blocked: the choice lasts for this page view
      }
    },
    [storageKey],
  );

  const hiddenByDefault = useMemo(() => new Set(defaultHidden), [defaultHidden]);
  const isVisible = useCallback((id: string) => stored.visible?.[id] ?? !hiddenByDefault.has(id), [stored, hiddenByDefault]);
  return {
    isVisible,
    dense: stored.dense ?? defaultDense,
    setVisible: (id: string, visible: boolean) => save({ ...stored, visible: { ...stored.visible, [id]: visible } }),
    setDense: (dense: boolean) => save({ ...stored, dense }),
    reset: () => save({}),
    customised: Object.keys(stored.visible ?? {}).length > 0 || stored.dense !== undefined,
  };
}

export type ColumnSettingsState = ReturnType<typeof useColumnSettings>;

/** The "Columns" button: show or hide each column, compact rows, back to the defaults. */
export function ColumnChooser({ columns, settings }: { columns: ColumnOption[]; settings: ColumnSettingsState }) {
  const { t } = useTranslation();
  const choosable = columns.filter((c) => !c.required);
  const shown = choosable.filter((c) => settings.isVisible(c.id)).length;
  return (
    <Popover position="bottom-end" shadow="md" width={300} withinPortal>
      <Popover.Target>
        <Button variant="default" leftSection={<IconColumns size={16} />} data-testid="column-chooser">
          {t('table.columns', { shown, total: choosable.length })}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <Text size="sm" fw={600}>
            {t('table.showColumns')}
          </Text>
          <ScrollArea.Autosize mah={320} type="auto" offsetScrollbars>
            <Stack gap={6}>
              {choosable.map((c) => (
                <Checkbox
                  key={c.id}
                  size="sm"
                  label={c.label}
                  checked={settings.isVisible(c.id)}
                  onChange={(e) => settings.setVisible(c.id, e.currentTarget.checked)}
                  data-testid={`column-toggle-${c.id}`}
                />
              ))}
            </Stack>
          </ScrollArea.Autosize>
          <Divider />
          <Switch
            size="sm"
            label={t('table.compactRows')}
            checked={settings.dense}
            onChange={(e) => settings.setDense(e.currentTarget.checked)}
          />
          <Button size="xs" variant="subtle" disabled={!settings.customised} onClick={settings.reset} data-testid="column-reset">
            {t('table.resetColumns')}
          </Button>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
