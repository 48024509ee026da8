import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../lib/api.ts';

type AccountSelectProps = Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchable' | 'searchValue' | 'onSearchChange' | 'filter'> & {
  value: string | null;
  onChange: (accountId: string | null) => void;
};

/**
 * One account the user may see, found by name on the server as they type: the account field of a form for
 * something that belongs to an account, and the account filter of a list. A chosen account that is not
 * among the first matches (a filter read from the URL) is fetched by its id, so its name shows.
 */
export function AccountSelect({ value, onChange, ...props }: AccountSelectProps) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const matches = useQuery({
    queryKey: ['accounts', 'pick', q],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/accounts', { params: { query: { q: q || undefined, pageSize: 20, sort: 'name', order: 'asc' } } }))
        .items,
    placeholderData: keepPreviousData,
  });
  const listed = matches.data ?? [];
  const chosen = useQuery({
    queryKey: ['accounts', 'detail', value],
    enabled: !!value && !listed.some((a) => a.id === value),
    queryFn: async () => unwrap(await api.GET('/api/v1/accounts/{id}', { params: { path: { id: value ?? '' } } })),
  });
  const accounts = chosen.data && !listed.some((a) => a.id === chosen.data.id) ? [chosen.data, ...listed] : listed;
  return (
    <Select
      {...props}
      searchable
      data={accounts.map((a) => ({ value: a.id, label: a.name }))}
      // The server already matched the words (name or domain); Mantine's own filter would hide domain matches.
      filter={({ options }) => options}
      searchValue={search}
      onSearchChange={setSearch}
      value={value}
      onChange={(id) => onChange(id)}
    />
  );
}
