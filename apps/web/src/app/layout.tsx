import { AppShell, Burger, Group, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { headerExtensions } from './accountTabs.ts';
import { hasPermission, useOptionalMe } from './auth.tsx';
import { NAVIGATION, type NavItem } from './navigation.ts';
import { UserMenu } from './UserMenu.tsx';

function matches(to: string, pathname: string): boolean {
  return to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`);
}

/** The entry whose path holds the page's, the longest where two do (/tasks/capacity is Capacity's, not Tasks'). */
function activeEntry(items: readonly NavItem[], pathname: string): string | undefined {
  return items.filter((item) => matches(item.to, pathname)).sort((a, b) => b.to.length - a.to.length)[0]?.to;
}

/**
 * Leaves for /login once, remembering where the user was. (<Navigate> with inline props navigates again on
 * every render, and each navigation re-renders this layout: the page would loop and freeze.)
 */
function ToLogin({ from }: { from?: string }) {
  const navigate = useNavigate();
  const [redirect] = useState(from);
  useEffect(() => {
    void navigate({ to: '/login', search: { redirect }, replace: true });
  }, [navigate, redirect]);
  return null;
}

/** The signed-in frame: header with the organisation, grouped navigation on the left, page on the right. */
export function AppLayout() {
  const { t } = useTranslation();
  const me = useOptionalMe();
  const [opened, { toggle, close }] = useDisclosure();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const href = useRouterState({ select: (s) => s.location.href });

  // The session ended (signed out, expired or revoked elsewhere): back to the login page, and
  // back here after signing in again.
  if (me === null) return <ToLogin from={pathname === '/' ? undefined : href} />;
  if (!me) return null;

  const groups = NAVIGATION.map((group) => ({
    ...group,
    items: group.items.filter((i) => !i.permission || hasPermission(me, i.permission)),
  })).filter((group) => group.items.length > 0);
  const active = activeEntry(
    groups.flatMap((g) => g.items),
    pathname,
  );

  return (
    <AppShell header={{ height: 52 }} navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggle')} />
            <Text fw={700} size="lg" c="indigo.7">
              Customer365
            </Text>
            <Text c="dimmed" size="sm" visibleFrom="xs" data-testid="organisation-name">
              {me.organisation.name}
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            {headerExtensions()
              .filter((h) => !h.permission || hasPermission(me, h.permission))
              .map((h) => (
                // Each its own boundary: an item whose code is still loading (the notification bell) must not hold back
                // the page. Without it the whole layout suspended on the bell's file, and React then held the page's
                // reveal back a further 300 ms after that (its Suspense throttle): a third of a second on a first visit.
                <Suspense key={h.key} fallback={null}>
                  <h.component />
                </Suspense>
              ))}
            <UserMenu me={me} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('nav.main')}>
        <AppShell.Section grow component={ScrollArea}>
          <Stack gap="md">
            {groups.map((group) => (
              <div key={group.label}>
                <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" mb={4}>
                  {t(group.label)}
                </Text>
                {group.items.map((item) => (
                  <NavLink
                    key={item.to}
                    component={Link}
                    to={item.to}
                    label={t(item.label)}
                    leftSection={<item.icon size={18} stroke={1.6} />}
                    active={item.to === active}
                    // Only our own choice marks an entry: the router's Link would also mark /tasks on /tasks/capacity.
                    activeOptions={{ exact: true }}
                    onClick={close}
                    variant="light"
                    styles={{ root: { borderRadius: 'var(--mantine-radius-sm)' } }}
                  />
                ))}
              </div>
            ))}
          </Stack>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main bg="gray.0">
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
