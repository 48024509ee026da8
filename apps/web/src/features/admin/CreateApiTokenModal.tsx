import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Code,
  CopyButton,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/auth.tsx';
import { DateField } from '../../components/DateField.tsx';
import { api, fieldErrors, notifyError, unwrap } from '../../lib/api.ts';
import type { Permission } from '../../lib/types.ts';

type Expiry = '30' | '90' | '365' | 'never' | 'custom';

function expiresAtFor(expiry: Expiry, custom: string | null): string | null {
  if (expiry === 'never') return null;
  if (expiry === 'custom') return custom ? dayjs(custom).endOf('day').toISOString() : null;
  return dayjs().add(Number(expiry), 'day').toISOString();
}

/** Creates a token with the chosen scopes (never more than the creator holds) and shows its secret exactly once. */
export function CreateApiTokenModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Permission[]>([]);
  const [expiry, setExpiry] = useState<Expiry>('90');
  const [customDate, setCustomDate] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);

  const create = useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/api/v1/api-tokens', { body: { name, scopes, expiresAt: expiresAtFor(expiry, customDate) } })),
    onSuccess: async (created) => {
      setSecret(created.token);
      await queryClient.invalidateQueries({ queryKey: ['api-tokens'] });
    },
    onError: (error) => notifyError(error),
  });
  const errors = fieldErrors(create.error);

  const close = () => {
    setName('');
    setScopes([]);
    setExpiry('90');
    setCustomDate(null);
    setSecret(null);
    create.reset();
    onClose();
  };
  const available = me.permissions;

  if (secret) {
    return (
      <Modal opened={opened} onClose={close} title={t('admin.apiTokens.createdTitle')} size="lg" closeOnClickOutside={false}>
        <Stack>
          <Alert color="yellow" icon={<IconAlertTriangle size={16} />}>
            {t('admin.apiTokens.showOnce')}
          </Alert>
          <Group gap="xs" wrap="nowrap">
            <Code block style={{ flex: 1, wordBreak: 'break-all' }} data-testid="new-api-token">
              {secret}
            </Code>
            <CopyButton value={secret} timeout={2000}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? t('admin.apiTokens.copied') : t('admin.apiTokens.copy')}>
                  <ActionIcon
                    size="lg"
                    variant={copied ? 'filled' : 'light'}
                    color={copied ? 'teal' : undefined}
                    onClick={copy}
                    aria-label={t('admin.apiTokens.copy')}
                  >
                    {copied ? <IconCheck size={18} /> : <IconCopy size={18} />}
                  </ActionIcon>
                </Tooltip>
              )}
            </CopyButton>
          </Group>
          <Text size="sm" c="dimmed">
            {t('admin.apiTokens.usage')} <Code>Authorization: Bearer …</Code>
          </Text>
          <Group justify="flex-end">
            <Button onClick={close}>{t('admin.apiTokens.done')}</Button>
          </Group>
        </Stack>
      </Modal>
    );
  }

  return (
    <Modal opened={opened} onClose={close} title={t('admin.apiTokens.new')} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Stack>
          <TextInput
            label={t('admin.apiTokens.name')}
            description={t('admin.apiTokens.nameHelp')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
          />
          <Checkbox.Group
            label={t('admin.apiTokens.scopes')}
            description={t('admin.apiTokens.scopesHelp')}
            error={errors.scopes}
            required
            value={scopes}
            onChange={(v) => setScopes(v as Permission[])}
          >
            <Group gap="xs" mt={6} mb={4}>
              <Button size="compact-xs" variant="subtle" onClick={() => setScopes([...available])}>
                {t('admin.apiTokens.selectAll')}
              </Button>
              <Button size="compact-xs" variant="subtle" onClick={() => setScopes(available.filter((p) => p.endsWith(':read')))}>
                {t('admin.apiTokens.readOnly')}
              </Button>
              <Button size="compact-xs" variant="subtle" color="gray" onClick={() => setScopes([])}>
                {t('admin.apiTokens.selectNone')}
              </Button>
            </Group>
            <SimpleGrid cols={3} spacing="xs" verticalSpacing={6}>
              {available.map((scope) => (
                <Checkbox key={scope} size="xs" value={scope} label={scope} ff="monospace" />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <SimpleGrid cols={2}>
            <Select
              label={t('admin.apiTokens.expiry')}
              allowDeselect={false}
              data={(['30', '90', '365', 'never', 'custom'] as const).map((v) => ({
                value: v,
                label: t(`admin.apiTokens.expiryOptions.${v}`),
              }))}
              value={expiry}
              onChange={(v) => v && setExpiry(v as Expiry)}
            />
            {expiry === 'custom' ? (
              <DateField
                label={t('admin.apiTokens.expiresOn')}
                required
                minDate={dayjs().add(1, 'day').format('YYYY-MM-DD')}
                value={customDate}
                onChange={setCustomDate}
                error={errors.expiresAt}
              />
            ) : null}
          </SimpleGrid>
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} disabled={scopes.length === 0 || (expiry === 'custom' && !customDate)}>
              {t('admin.apiTokens.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
