import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCheck, IconChevronDown, IconKey, IconLanguage, IconLogout } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, notifyError, unwrap } from '../lib/api.ts';
import type { Language, Me } from '../lib/types.ts';
import { UI_LANGUAGES } from '../lib/types.ts';
import { meQuery, useSignOut } from './auth.tsx';
import { ChangePasswordModal } from './ChangePasswordModal.tsx';

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((p) => p[0]!.toUpperCase())
    .join('');
}

export function UserMenu({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const signOut = useSignOut();
  const [passwordOpened, passwordModal] = useDisclosure();

  // The language is stored on the user, so it follows them to every browser.
  const setLanguage = useMutation({
    mutationFn: async (language: Language) => unwrap(await api.PATCH('/api/v1/auth/me', { body: { language } })),
    onSuccess: async (user) => {
      queryClient.setQueryData(meQuery.queryKey, (old) => (old ? { ...old, user } : old));
      await i18n.changeLanguage(user.language);
    },
    onError: (error) => notifyError(error),
  });

  return (
    <>
      <Menu position="bottom-end" width={240} shadow="md">
        <Menu.Target>
          <UnstyledButton data-testid="user-menu" aria-label={t('userMenu.open')}>
            <Group gap={8} wrap="nowrap">
              <Avatar size={30} radius="xl" color="indigo">
                {initials(me.user.name)}
              </Avatar>
              <div style={{ lineHeight: 1.1 }}>
                <Text size="sm" fw={500}>
                  {me.user.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {t(`roles.${me.user.role}`)}
                </Text>
              </div>
              <IconChevronDown size={14} />
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{me.user.email}</Menu.Label>
          <Menu.Divider />
          <Menu.Label>
            <Group gap={6}>
              <IconLanguage size={14} />
              {t('userMenu.language')}
            </Group>
          </Menu.Label>
          {UI_LANGUAGES.map((lang) => (
            <Menu.Item
              key={lang}
              data-testid={`language-${lang}`}
              onClick={() => setLanguage.mutate(lang)}
              rightSection={i18n.language === lang ? <IconCheck size={14} /> : null}
            >
              {t(`languages.${lang}`)}
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Item leftSection={<IconKey size={16} />} onClick={passwordModal.open}>
            {t('userMenu.changePassword')}
          </Menu.Item>
          <Menu.Item leftSection={<IconLogout size={16} />} color="red" onClick={() => void signOut()} data-testid="sign-out">
            {t('userMenu.signOut')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <ChangePasswordModal opened={passwordOpened} onClose={passwordModal.close} />
    </>
  );
}
