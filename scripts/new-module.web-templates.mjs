// The web feature `npm run new-module` writes: apps/web/src/features/<name>/ in the shape of the other features
// (apps/web/src/README.md): its definition with route and navigation entry, query keys, search-param parser,
// strings in en/nl/da, a list page on the list pattern and a form to add one. `n` holds the name in each
// spelling (see new-module.mjs).

export function renderFeature(n) {
  return {
    'index.ts': index(n),
    'queryKeys.ts': queryKeys(n),
    'types.ts': types(n),
    'search.ts': search(n),
    'search.test.ts': searchTest(n),
    [`${n.Many}Page.tsx`]: page(n),
    [`${n.One}FormModal.tsx`]: form(n),
    'i18n/en.json': strings(n, 'en'),
    'i18n/nl.json': strings(n, 'nl'),
    'i18n/da.json': strings(n, 'da'),
  };
}

const index = (n) => `import { IconNotes } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { defineFeature, requirePermission } from '../../app/feature.ts';
import type { AppRoute } from '../../app/router.tsx';
import { ${n.one}Keys } from './queryKeys.ts';
import { parse${n.Many}Search } from './search.ts';

/** The feature's pages: URL, search-param parser, permission. Each page's code loads when it is first visited. */
const routes = (app: AppRoute) => [
  createRoute({
    getParentRoute: () => app,
    path: '/${n.kebab}',
    validateSearch: parse${n.Many}Search,
    beforeLoad: requirePermission('${n.perm}:read'),
    component: lazyRouteComponent(() => import('./${n.Many}Page.tsx'), '${n.Many}Page'),
  }),
];

/** ${n.Labels}: the organisation's list, and a form to add one to an account. */
export const ${n.camel}Feature = defineFeature({
  name: '${n.kebab}',
  routes,
  navigation: [{ group: 'customers', to: '/${n.kebab}', label: 'nav.${n.camel}', icon: IconNotes, permission: '${n.perm}:read' }],
  queryKeys: ${n.one}Keys,
  // Loaded for the UI language only, with every other feature's (i18n/load.ts).
  strings: {
    en: () => import('./i18n/en.json').then((m) => m.default),
    nl: () => import('./i18n/nl.json').then((m) => m.default),
    da: () => import('./i18n/da.json').then((m) => m.default),
  },
});

// What other features may use.
export { ${n.One}FormModal } from './${n.One}FormModal.tsx';
export { ${n.one}Keys } from './queryKeys.ts';
`;

const queryKeys = (n) => `/** The ${n.kebab} feature's query keys: invalidating \`all\` refreshes every list of ${n.labels}. */
export const ${n.one}Keys = {
  all: ['${n.kebab}'] as const,
  list: ['${n.kebab}', 'list'] as const,
};
`;

const types = (n) => `// The ${n.kebab} feature's shapes, from the generated contract (npm run generate).
import type { BodyOf, QueryOf, ResponseOf } from '../../lib/types.ts';

export type ${n.One} = ResponseOf<'/api/v1/${n.kebab}', 'get'>['items'][number];
export type ${n.One}Input = BodyOf<'/api/v1/accounts/{id}/${n.kebab}', 'post'>;
export type ${n.One}Sort = NonNullable<QueryOf<'/api/v1/${n.kebab}', 'get'>['sort']>;
`;

const search = (n) => `import { valuesOf } from '../../lib/enums.ts';
import { type ListSearch, optString, parseListSearch } from '../../lib/search.ts';
import type { ${n.One}Sort } from './types.ts';

/** The sort keys the API takes; a key the server adds or drops fails the type check until this follows. */
export const ${n.CONST}_SORTS = valuesOf<${n.One}Sort>({ title: true, account: true, createdAt: true });

/** The list's state in the URL, so a filtered view can be bookmarked. */
export interface ${n.Many}Search extends ListSearch<${n.One}Sort> {
  q?: string;
  accountId?: string;
}

export function parse${n.Many}Search(search: Record<string, unknown>): ${n.Many}Search {
  return {
    ...parseListSearch(search, ${n.CONST}_SORTS),
    q: optString(search.q),
    accountId: optString(search.accountId),
  };
}
`;

const searchTest = (n) => `import { describe, expect, it } from 'vitest';
import { parse${n.Many}Search } from './search.ts';

describe('parse${n.Many}Search', () => {
  it('keeps the words, the account, a known sort and a page', () => {
    expect(parse${n.Many}Search({ q: 'call', accountId: 'a1', sort: 'title', order: 'asc', page: '2' })).toEqual({
      q: 'call',
      accountId: 'a1',
      sort: 'title',
      order: 'asc',
      page: 2,
      pageSize: undefined,
    });
  });

  it('drops what the API would refuse: an unknown sort or order, a page below 1, empty words', () => {
    const parsed = parse${n.Many}Search({ q: ' ', sort: 'colour', order: 'sideways', page: '0', pageSize: '7' });
    expect(parsed).toEqual({ q: undefined, accountId: undefined, sort: undefined, order: undefined, page: undefined, pageSize: undefined });
  });
});
`;

const page = (n) => `import { Anchor, Button, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useMe } from '../../app/auth.tsx';
import { AccountSelect } from '../../components/AccountSelect.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { urlListControls, useServerList } from '../../components/list/listState.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, buildUrl, unwrap } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { ${n.One}FormModal } from './${n.One}FormModal.tsx';
import { ${n.one}Keys } from './queryKeys.ts';
import type { ${n.Many}Search } from './search.ts';
import type { ${n.One} } from './types.ts';

const route = getRouteApi('/app/${n.kebab}');

/** The organisation's ${n.labels}: search, one account, sort by header, paging, columns to choose, CSV export, and adding one. */
export function ${n.Many}Page() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/${n.kebab}' });
  const canWrite = useCan('${n.perm}:write');
  const canExport = useCan('export:run');
  const me = useMe();
  const [createOpened, createModal] = useDisclosure();
  const controls = urlListControls(
    search,
    (changes: Partial<${n.Many}Search>) => navigate({ search: (prev) => ({ ...prev, ...changes }) }),
    { sort: 'createdAt', order: 'desc', filters: {} },
  );
  // The list and its CSV export share filters and order.
  const list = useServerList(controls, {
    queryKey: ${n.one}Keys.list,
    toQuery: ({ q, filters, sort, order }) => ({ q, accountId: filters.accountId, sort, order }),
    fetch: async (query) => unwrap(await api.GET('/api/v1/${n.kebab}', { params: { query } })),
  });

  const columns = useMemo<DataColumn<${n.One}>[]>(
    () => [
      { id: 'title', header: t('${n.one}.fields.title'), enableSorting: true, meta: { sticky: true }, cell: ({ row }) => row.original.title },
      {
        id: 'account',
        header: t('${n.one}.fields.account'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) => (
          <Anchor
            renderRoot={(props) => <Link {...props} to="/accounts/$accountId" params={{ accountId: row.original.accountId }} />}
            size="sm"
          >
            {row.original.accountName}
          </Anchor>
        ),
      },
      { id: 'notes', header: t('${n.one}.fields.notes'), cell: ({ row }) => row.original.notes ?? t('common.empty') },
      {
        id: 'createdAt',
        header: t('${n.one}.fields.createdAt'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) => (
          <Text size="sm" c="dimmed">
            {formatDate(row.original.createdAt)}
          </Text>
        ),
      },
    ],
    [t],
  );

  return (
    <>
      <PageHeader
        title={t('nav.${n.camel}')}
        actions={
          canWrite ? (
            <Button leftSection={<IconPlus size={16} />} onClick={createModal.open} data-testid="new-${n.kebab}">
              {t('${n.one}.new')}
            </Button>
          ) : null
        }
      />
      <DataTable
        testId="${n.kebab}-table"
        columns={columns}
        list={list}
        getRowId={(r) => r.id}
        search={{ placeholder: t('${n.one}.searchPlaceholder') }}
        filters={
          <AccountSelect
            w={260}
            placeholder={t('${n.one}.fields.account')}
            aria-label={t('${n.one}.fields.account')}
            clearable
            value={list.filters.accountId ?? null}
            onChange={(accountId) => list.setFilters({ accountId: accountId ?? undefined })}
          />
        }
        exportUrl={canExport ? buildUrl('/api/v1/${n.kebab}/export.csv', list.query) : undefined}
        columnSettings={{ storageKey: \`${n.kebab}.\${me.user.id}\` }}
        emptyMessage={t('${n.one}.empty')}
      />
      <${n.One}FormModal opened={createOpened} onClose={createModal.close} accountId={list.filters.accountId} />
    </>
  );
}
`;

const form = (n) => `import { Button, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AccountSelect } from '../../components/AccountSelect.tsx';
import { FormFooter } from '../../components/FormFooter.tsx';
import { api, fieldErrors, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { ${n.one}Keys } from './queryKeys.ts';
import type { ${n.One}Input } from './types.ts';

interface FormState {
  accountId: string | null;
  title: string;
  notes: string;
}

const toBody = (s: FormState): ${n.One}Input => ({ title: s.title.trim(), notes: s.notes.trim() || null });

/** Adds a ${n.label} to an account (\`accountId\` preselects one). Server field errors show on the inputs. */
export function ${n.One}FormModal({ opened, onClose, accountId }: { opened: boolean; onClose: () => void; accountId?: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [state, setState] = useState<FormState>({ accountId: accountId ?? null, title: '', notes: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    if (opened) {
      setState({ accountId: accountId ?? null, title: '', notes: '' });
      setErrors({});
    }
  }, [opened, accountId]);

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setState((s) => ({ ...s, [key]: value }));

  const save = useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/api/v1/accounts/{id}/${n.kebab}', { params: { path: { id: state.accountId ?? '' } }, body: toBody(state) })),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ${n.one}Keys.all });
      notifySuccess(t('${n.one}.created', { title: saved.title }));
      onClose();
    },
    onError: (error) => {
      setErrors(fieldErrors(error));
      notifyError(error);
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!state.accountId) missing.accountId = t('form.required');
    if (!state.title.trim()) missing.title = t('form.required');
    if (Object.keys(missing).length) return setErrors(missing);
    save.mutate();
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('${n.one}.new')}>
      <form onSubmit={submit} noValidate data-testid="${n.kebab}-form">
        <Stack gap="sm">
          <AccountSelect
            label={t('${n.one}.fields.account')}
            value={state.accountId}
            onChange={(id) => set('accountId', id)}
            error={errors.accountId}
            required
          />
          <TextInput
            label={t('${n.one}.fields.title')}
            value={state.title}
            onChange={(e) => set('title', e.currentTarget.value)}
            error={errors.title}
            required
            data-autofocus
            name="title"
          />
          <Textarea
            label={t('${n.one}.fields.notes')}
            value={state.notes}
            onChange={(e) => set('notes', e.currentTarget.value)}
            error={errors.notes}
            autosize
            minRows={3}
            name="notes"
          />
          <FormFooter>
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="${n.kebab}-save">
              {t('${n.one}.add')}
            </Button>
          </FormFooter>
        </Stack>
      </form>
    </Modal>
  );
}
`;

/** The feature's strings. Dutch and Danish carry the English name of the thing until someone translates it. */
function strings(n, lang) {
  const w = {
    en: {
      new: `New ${n.label}`,
      add: `Add ${n.label}`,
      created: '“{{title}}” added.',
      empty: `No ${n.labels} yet.`,
      searchPlaceholder: 'Search title or notes',
      title: 'Title',
      notes: 'Notes',
      account: 'Account',
      createdAt: 'Added',
    },
    nl: {
      new: `Nieuw: ${n.label}`,
      add: 'Toevoegen',
      created: '“{{title}}” toegevoegd.',
      empty: `Nog geen ${n.labels}.`,
      searchPlaceholder: 'Zoek op titel of notities',
      title: 'Titel',
      notes: 'Notities',
      account: 'Account',
      createdAt: 'Toegevoegd',
    },
    da: {
      new: `Ny: ${n.label}`,
      add: 'Tilføj',
      created: '“{{title}}” tilføjet.',
      empty: `Ingen ${n.labels} endnu.`,
      searchPlaceholder: 'Søg i titel eller noter',
      title: 'Titel',
      notes: 'Noter',
      account: 'Konto',
      createdAt: 'Tilføjet',
    },
  }[lang];
  const tree = {
    nav: { [n.camel]: `${n.Labels}` },
    [n.one]: {
      new: w.new,
      add: w.add,
      created: w.created,
      empty: w.empty,
      searchPlaceholder: w.searchPlaceholder,
      fields: { title: w.title, notes: w.notes, account: w.account, createdAt: w.createdAt },
    },
  };
  return `${JSON.stringify(tree, null, 2)}\n`;
}
