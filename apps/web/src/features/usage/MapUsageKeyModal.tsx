import { Button, Modal, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AccountSelect } from '../../components/AccountSelect.tsx';
import { FormFooter } from '../../components/FormFooter.tsx';
import { api, fieldErrors, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { formatNumber } from '../../lib/format.ts';
import { usageKeys } from './queryKeys.ts';
import type { UsageKey } from './types.ts';

/** Maps an account key to an account: the key's stored events move to it and count in its usage. */
export function MapUsageKeyModal({ usageKey, onClose }: { usageKey: UsageKey | null; onClose: () => void }): ReactElement {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [accountId, setAccountId] = useState<string | null>(null);
  const map = useMutation({
    mutationFn: async (key: UsageKey) =>
      unwrap(
        await api.POST('/api/v1/usage/sources/{id}/keys/map', {
          params: { path: { id: key.sourceId } },
          body: { kind: key.kind, key: key.key, accountId: accountId ?? '' },
        }),
      ),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: usageKeys.keys });
      notifySuccess(t('usage.keys.mapped', { account: result.key.accountName ?? '', count: result.eventsMoved }));
      close();
    },
    onError: (error) => notifyError(error),
  });
  const errors = fieldErrors(map.error);
  const close = () => {
    setAccountId(null);
    map.reset();
    onClose();
  };
  return (
    <Modal opened={usageKey !== null} onClose={close} title={t('usage.keys.mapTitle', { key: usageKey?.key ?? '' })} size="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (usageKey) map.mutate(usageKey);
        }}
      >
        <Stack>
          <Text size="sm">{t('usage.keys.mapHelp', { count: usageKey?.events ?? 0, events: formatNumber(usageKey?.events ?? 0) })}</Text>
          <AccountSelect
            label={t('usage.keys.account')}
            required
            placeholder={t('usage.keys.accountPlaceholder')}
            value={accountId}
            onChange={setAccountId}
            error={errors.accountId}
            data-testid="map-account"
          />
          <FormFooter>
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={map.isPending} disabled={!accountId}>
              {t('usage.keys.map')}
            </Button>
          </FormFooter>
        </Stack>
      </form>
    </Modal>
  );
}
