import { ActionIcon, Alert, Button, Code, CopyButton, Group, Modal, Select, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormFooter } from '../../components/FormFooter.tsx';
import { api, fieldErrors, notifyError, unwrap } from '../../lib/api.ts';
import { usageKeys } from './queryKeys.ts';
import type { UsageSourceInput } from './types.ts';

type Mapping = NonNullable<UsageSourceInput['accountMapping']>;

function Copyable({ value, testId }: { value: string; testId: string }): ReactElement {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Code block style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap' }} data-testid={testId}>
        {value}
      </Code>
      <CopyButton value={value} timeout={2000}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? t('usage.create.copied') : t('usage.create.copy')}>
            <ActionIcon
              size="lg"
              variant={copied ? 'filled' : 'light'}
              color={copied ? 'teal' : undefined}
              onClick={copy}
              aria-label={t('usage.create.copy')}
            >
              {copied ? <IconCheck size={18} /> : <IconCopy size={18} />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}

/** Makes a source, then shows its write key exactly once, with the lines that point Segment's client at this server. */
export function CreateUsageSourceModal({ opened, onClose }: { opened: boolean; onClose: () => void }): ReactElement {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [mapping, setMapping] = useState<Mapping>('group_id');
  const [trait, setTrait] = useState('');
  const [writeKey, setWriteKey] = useState<string | null>(null);

  const create = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/usage/sources', {
          body: { name, accountMapping: mapping, accountTrait: mapping === 'trait' ? trait : null },
        }),
      ),
    onSuccess: async (created) => {
      setWriteKey(created.writeKey);
      await queryClient.invalidateQueries({ queryKey: usageKeys.sources });
    },
    onError: (error) => notifyError(error),
  });
  const errors = fieldErrors(create.error);

  const close = () => {
    setName('');
    setMapping('group_id');
    setTrait('');
    setWriteKey(null);
    create.reset();
    onClose();
  };

  if (writeKey) {
    const snippet = `import { Analytics } from '@segment/analytics-node';\nconst analytics = new Analytics({ writeKey: '${writeKey}', host: '${window.location.origin}' });`;
    return (
      <Modal opened={opened} onClose={close} title={t('usage.create.createdTitle')} size="lg" closeOnClickOutside={false}>
        <Stack>
          <Alert color="yellow" icon={<IconAlertTriangle size={16} />}>
            {t('usage.create.showOnce')}
          </Alert>
          <Copyable value={writeKey} testId="new-write-key" />
          <Text size="sm" c="dimmed">
            {t('usage.create.howTo')}
          </Text>
          <Copyable value={snippet} testId="write-key-snippet" />
          <Group justify="flex-end">
            <Button onClick={close}>{t('usage.create.done')}</Button>
          </Group>
        </Stack>
      </Modal>
    );
  }

  return (
    <Modal opened={opened} onClose={close} title={t('usage.sources.new')} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Stack>
          <TextInput
            label={t('usage.sources.name')}
            description={t('usage.create.nameHelp')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
          />
          <Select
            label={t('usage.sources.mapping')}
            description={t('usage.create.mappingHelp')}
            allowDeselect={false}
            data={[
              { value: 'group_id', label: t('usage.sources.mappingGroup') },
              { value: 'trait', label: t('usage.create.mappingTraitOption') },
            ]}
            value={mapping}
            onChange={(v) => v && setMapping(v as Mapping)}
            error={errors.accountMapping}
          />
          {mapping === 'trait' ? (
            <TextInput
              label={t('usage.create.trait')}
              description={t('usage.create.traitHelp')}
              required
              value={trait}
              onChange={(e) => setTrait(e.currentTarget.value)}
              error={errors.accountTrait}
            />
          ) : null}
          <FormFooter>
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('usage.create.create')}
            </Button>
          </FormFooter>
        </Stack>
      </form>
    </Modal>
  );
}
