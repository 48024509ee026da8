import { Alert, Button, Divider, List, Modal, NumberInput, Select, SimpleGrid, Stack, TagsInput, Textarea, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useMe } from '../../app/auth.tsx';
import { CustomFieldInput, type CustomValue } from '../../components/CustomFieldInput.tsx';
import { FormFooter } from '../../components/FormFooter.tsx';
import { ApiError, api, fieldErrors, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { numberSeparators } from '../../lib/format.ts';
import { useActiveUsers, useCustomFields, useMarkets } from '../../lib/lookups.ts';
import {
  type Account,
  type AccountInput,
  EDITIONS,
  type Edition,
  LIFECYCLE_STAGES,
  type LifecycleStage,
  SEGMENTS,
  type Segment,
} from '../../lib/types.ts';
import { changedFields, FIELD_KEYS, type FormState, rebaseEdits, toBody, toForm, withCustomDefaults } from './accountForm.ts';

// Messages sit above the buttons, yet in a long form they may be below the fold. Module-level, so
// React calls it once when the message appears rather than on every render.
const scrollIntoView = (node: HTMLDivElement | null) => node?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });

/**
 * Create an account, or edit one. Editing sends only what changed, with the version the form was
 * loaded from, so a concurrent change by someone else is reported instead of silently overwritten.
 */
export function AccountFormModal(props: { opened: boolean; onClose: () => void; account?: Account; onSaved?: (account: Account) => void }) {
  const { opened, onClose, account, onSaved } = props;
  const { t, i18n } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const canPickOwner = useCan('user:read');
  const markets = useMarkets();
  const users = useActiveUsers();
  const customFields = useCustomFields('account');
  const fields = customFields.data ?? [];
  // The version edits are based on; replaced when the user reloads after a conflict.
  const [base, setBase] = useState<Account | undefined>(account);
  const [form, setForm] = useState<FormState>(() => toForm(account, {}));
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm((f) => ({ ...f, [key]: value }));
  const setCustom = (key: string, value: CustomValue) => setForm((f) => ({ ...f, custom: { ...f.custom, [key]: value } }));

  const save = useMutation({
    mutationFn: async (): Promise<Account | null> => {
      if (!base) {
        const body: AccountInput = {
          ...toBody(form),
          custom: Object.fromEntries(Object.entries(form.custom).filter(([, v]) => v !== null)),
        };
        return unwrap(await api.POST('/api/v1/accounts', { body }));
      }
      const body = changedFields(form, base);
      if (Object.keys(body).length === 0) return null;
      return unwrap(
        await api.PATCH('/api/v1/accounts/{id}', { params: { path: { id: base.id } }, body: { ...body, expectedVersion: base.version } }),
      );
    },
    onSuccess: (saved) => {
      onClose();
      if (!saved) return;
      queryClient.setQueryData(['accounts', 'detail', saved.id], saved);
      notifySuccess(base ? t('accountForm.saved', { name: saved.name }) : t('accountForm.created', { name: saved.name }));
      onSaved?.(saved);
      // Lists, the account's history tab and the admin audit log are now out of date.
      void queryClient.invalidateQueries({
        queryKey: ['accounts'],
        predicate: (q) => q.queryKey[1] !== 'detail' || q.queryKey[2] !== saved.id,
      });
      void queryClient.invalidateQueries({ queryKey: ['audit'] });
      void queryClient.invalidateQueries({ queryKey: ['audit-log'] });
    },
    // Field problems show on the inputs and a conflict gets its own message in the form.
    onError: (error) => {
      if (error instanceof ApiError && (error.status === 409 || error.body.details.length > 0)) return;
      notifyError(error);
    },
  });

  // Each opening starts from the account as it is now (or an empty form) and forgets old errors.
  // Only an opening: a refetch of the same account while the form is open (after a save elsewhere,
  // or loading the latest version after a conflict) must not wipe what the user typed.
  const ownerDefault = canPickOwner ? me.user.id : null;
  const initialisedFor = useRef<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the modal opens or shows another account
  useEffect(() => {
    if (!opened) {
      initialisedFor.current = null;
      return;
    }
    const key = account?.id ?? 'new';
    if (initialisedFor.current === key) return;
    initialisedFor.current = key;
    setBase(account);
    setForm(toForm(account, { ownerUserId: ownerDefault }));
    save.reset();
  }, [opened, account]);

  // Custom values come from the definitions: an edited account's stored values, blanks otherwise.
  useEffect(() => {
    if (!opened || fields.length === 0) return;
    setForm((f) => withCustomDefaults(f, fields, base));
  }, [opened, fields, base]);

  const conflict = save.error instanceof ApiError && save.error.status === 409 && 'expectedVersion' in fieldErrors(save.error);
  const errors = conflict ? {} : fieldErrors(save.error);
  /** Each problem with the field's label, so it can be read next to the Save button in a long form. */
  const errorLabel = (key: string) => {
    const root = key.split('.')[0] ?? key;
    if (key.startsWith('custom.')) return fields.find((f) => `custom.${f.key}` === key)?.label ?? key;
    return FIELD_KEYS.has(root) ? t(`account.fields.${root}`) : key;
  };

  /** After a conflict: take the latest version from the server and put the user's edits back on top. */
  const reloadLatest = async () => {
    if (!base) return;
    try {
      const latest = unwrap(await api.GET('/api/v1/accounts/{id}', { params: { path: { id: base.id } } }));
      setBase(latest);
      setForm(rebaseEdits(form, base, latest, fields));
      save.reset();
      queryClient.setQueryData(['accounts', 'detail', latest.id], latest);
    } catch (error) {
      notifyError(error);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };

  const marketOptions = useMemo(() => (markets.data ?? []).map((m) => ({ value: m.id, label: `${m.name} (${m.code})` })), [markets.data]);
  const ownerOptions = useMemo(() => {
    const list = (users.data ?? []).map((u) => ({ value: u.id, label: u.name }));
    // An owner who has since been disabled still shows by name rather than as a bare id.
    if (base?.ownerUserId && !list.some((o) => o.value === base.ownerUserId))
      list.push({ value: base.ownerUserId, label: base.ownerName ?? base.ownerUserId });
    return list;
  }, [users.data, base]);

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={base ? t('accountForm.editTitle', { name: base.name }) : t('accountForm.createTitle')}
      size="xl"
    >
      <form onSubmit={submit} noValidate data-testid="account-form">
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
            <TextInput
              label={t('account.fields.name')}
              required
              data-autofocus
              value={form.name}
              onChange={(e) => set('name', e.currentTarget.value)}
              error={errors.name}
              maxLength={200}
            />
            <TextInput
              label={t('account.fields.domain')}
              placeholder="example.com"
              value={form.domain}
              onChange={(e) => set('domain', e.currentTarget.value)}
              error={errors.domain}
            />
            <TextInput
              label={t('account.fields.externalId')}
              description={t('accountForm.externalIdHelp')}
              value={form.externalId}
              onChange={(e) => set('externalId', e.currentTarget.value)}
              error={errors.externalId}
              maxLength={100}
            />
            <TextInput
              label={t('account.fields.website')}
              description={t('accountForm.websiteHelp')}
              placeholder="https://www.example.com"
              value={form.website}
              onChange={(e) => set('website', e.currentTarget.value)}
              error={errors.website}
            />
          </SimpleGrid>
          <Divider label={t('accountForm.classification')} labelPosition="left" />
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md" verticalSpacing="sm">
            <Select
              label={t('account.fields.market')}
              placeholder={t('accountForm.noMarket')}
              data={marketOptions}
              value={form.marketId}
              onChange={(v) => set('marketId', v)}
              clearable
              error={errors.marketId}
            />
            <Select
              label={t('account.fields.segment')}
              placeholder={t('accountForm.notSet')}
              data={SEGMENTS.map((s) => ({ value: s, label: t(`account.segment.${s}`) }))}
              value={form.segment}
              onChange={(v) => set('segment', v as Segment | null)}
              clearable
              error={errors.segment}
            />
            <Select
              label={t('account.fields.edition')}
              placeholder={t('accountForm.notSet')}
              data={EDITIONS.map((s) => ({ value: s, label: t(`account.edition.${s}`) }))}
              value={form.edition}
              onChange={(v) => set('edition', v as Edition | null)}
              clearable
              error={errors.edition}
            />
            <Select
              label={t('account.fields.lifecycleStage')}
              required
              allowDeselect={false}
              data={LIFECYCLE_STAGES.map((s) => ({ value: s, label: t(`account.lifecycle.${s}`) }))}
              value={form.lifecycleStage}
              onChange={(v) => v && set('lifecycleStage', v as LifecycleStage)}
              error={errors.lifecycleStage}
            />
            <Select
              label={t('account.fields.owner')}
              placeholder={t('accountForm.noOwner')}
              data={ownerOptions}
              value={form.ownerUserId}
              onChange={(v) => set('ownerUserId', v)}
              searchable
              clearable
              disabled={!canPickOwner}
              error={errors.ownerUserId}
            />
            <NumberInput
              label={t('account.fields.employees')}
              min={0}
              max={2_147_483_647}
              allowDecimal={false}
              allowNegative={false}
              {...numberSeparators(i18n.language)}
              value={form.employees ?? ''}
              onChange={(v) => set('employees', typeof v === 'number' ? v : null)}
              error={errors.employees}
            />
          </SimpleGrid>
          <TagsInput
            label={t('account.fields.tags')}
            description={t('accountForm.tagsHelp')}
            value={form.tags}
            onChange={(v) => set('tags', v)}
            maxTags={50}
            clearable
            error={errors.tags ?? Object.entries(errors).find(([k]) => k.startsWith('tags.'))?.[1]}
          />
          <Textarea
            label={t('account.fields.notes')}
            autosize
            minRows={2}
            maxRows={8}
            value={form.notes}
            onChange={(e) => set('notes', e.currentTarget.value)}
            error={errors.notes}
          />
          {fields.length > 0 ? (
            <>
              <Divider label={t('accountForm.customFields')} labelPosition="left" />
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
                {fields.map((field) => (
                  <CustomFieldInput
                    key={field.id}
                    field={field}
                    value={form.custom[field.key] ?? null}
                    onChange={(v) => setCustom(field.key, v)}
                    error={errors[`custom.${field.key}`]}
                  />
                ))}
              </SimpleGrid>
            </>
          ) : null}
          {conflict ? (
            <Alert
              color="orange"
              icon={<IconAlertTriangle size={18} />}
              title={t('accountForm.conflictTitle')}
              data-testid="account-conflict"
              ref={scrollIntoView}
            >
              <Stack gap="xs" align="flex-start">
                {t('accountForm.conflict')}
                <Button size="xs" variant="light" color="orange" leftSection={<IconRefresh size={14} />} onClick={reloadLatest}>
                  {t('accountForm.reloadLatest')}
                </Button>
              </Stack>
            </Alert>
          ) : null}
          {Object.keys(errors).length > 0 ? (
            <Alert color="red" icon={<IconAlertTriangle size={18} />} data-testid="account-form-errors" ref={scrollIntoView}>
              {t('accountForm.fixErrors')}
              <List size="sm" mt={4}>
                {Object.entries(errors).map(([key, message]) => (
                  <List.Item key={key}>
                    {errorLabel(key)}: {message}
                  </List.Item>
                ))}
              </List>
            </Alert>
          ) : null}
          <FormFooter>
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} disabled={conflict} data-testid="account-form-submit">
              {base ? t('common.save') : t('accountForm.create')}
            </Button>
          </FormFooter>
        </Stack>
      </form>
    </Modal>
  );
}
