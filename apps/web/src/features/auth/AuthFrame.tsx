import { Center, Group, Menu, Paper, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { IconLanguage } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { UI_LANGUAGES } from '../../lib/types.ts';

/** The centred card the signed-out pages share, with a language switch for before sign-in. */
export function AuthFrame({ title, children }: { title: string; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  return (
    <Center mih="100vh" bg="gray.0" p="md">
      <Stack w={400} gap="lg">
        <Group justify="space-between">
          <Text fw={700} size="xl" c="indigo.7">
            Customer365
          </Text>
          <Menu position="bottom-end">
            <Menu.Target>
              <UnstyledButton aria-label={t('userMenu.language')} data-testid="auth-language">
                <Group gap={4}>
                  <IconLanguage size={16} />
                  <Text size="sm">{t(`languages.${i18n.language}`)}</Text>
                </Group>
              </UnstyledButton>
            </Menu.Target>
            <Menu.Dropdown>
              {UI_LANGUAGES.map((lang) => (
                <Menu.Item key={lang} onClick={() => void i18n.changeLanguage(lang)}>
                  {t(`languages.${lang}`)}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        </Group>
        <Paper withBorder shadow="sm" p="xl">
          <Title order={2} fz={20} mb="lg">
            {title}
          </Title>
          {children}
        </Paper>
      </Stack>
    </Center>
  );
}
