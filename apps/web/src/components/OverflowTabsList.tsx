import { Menu, Tabs, UnstyledButton } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { IconChevronDown } from '@tabler/icons-react';
import { type ReactNode, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface OverflowTab {
  value: string;
  label: string;
  icon?: ReactNode;
  testId?: string;
}

/** Room kept for the "More" button when some tabs do not fit (px). */
const MORE_WIDTH = 110;

/**
 * A row of tabs that never wraps: the tabs that fit the row's width are shown, the rest are in a "More" menu at
 * its end (the active one always shows). Each tab's width is measured once it has been drawn, per label, so a
 * change of language measures again. Inside a Mantine `Tabs`; `onChange` is the Tabs' own.
 */
export function OverflowTabsList({ tabs, active, onChange }: { tabs: OverflowTab[]; active: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  const { ref: rowRef, width } = useElementSize();
  const listRef = useRef<HTMLDivElement>(null);
  const widths = useRef(new Map<string, number>());
  const [fit, setFit] = useState(tabs.length);
  const keyOf = (tab: OverflowTab) => `${tab.value}\u0000${tab.label}`;

  // Measure what is drawn, then work out how many fit; runs after every render, settles in one or two.
  useLayoutEffect(() => {
    const list = listRef.current;
    if (!list) return;
    for (const el of list.querySelectorAll<HTMLElement>('[data-overflow-key]')) {
      if (el.offsetWidth > 0) widths.current.set(el.dataset.overflowKey ?? '', el.offsetWidth);
    }
    if (!tabs.every((tab) => widths.current.has(keyOf(tab)))) {
      setFit(tabs.length);
      return;
    }
    const available = width || list.clientWidth;
    const w = (tab: OverflowTab) => widths.current.get(keyOf(tab)) ?? 0;
    if (tabs.reduce((sum, tab) => sum + w(tab), 0) <= available) {
      setFit(tabs.length);
      return;
    }
    let used = 0;
    let n = 0;
    for (const tab of tabs) {
      if (used + w(tab) > available - MORE_WIDTH) break;
      used += w(tab);
      n++;
    }
    setFit(Math.max(1, n));
  });

  let shown = tabs.slice(0, fit);
  if (fit < tabs.length && !shown.some((tab) => tab.value === active)) {
    const current = tabs.find((tab) => tab.value === active);
    if (current) shown = [...shown.slice(0, Math.max(0, fit - 1)), current];
  }
  const hidden = tabs.filter((tab) => !shown.includes(tab));

  return (
    <div ref={rowRef}>
      <Tabs.List ref={listRef} mb="md" style={{ flexWrap: 'nowrap', overflow: 'hidden' }}>
        {shown.map((tab) => (
          <Tabs.Tab
            key={tab.value}
            value={tab.value}
            leftSection={tab.icon}
            data-testid={tab.testId}
            data-overflow-key={keyOf(tab)}
            style={{ flexShrink: 0 }}
          >
            {tab.label}
          </Tabs.Tab>
        ))}
        {hidden.length > 0 ? (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <UnstyledButton
                px="md"
                fz="sm"
                c="dimmed"
                style={{ flexShrink: 0, display: 'flex', alignItems: 'center', gap: 4 }}
                data-testid="tabs-more"
              >
                {t('common.moreTabs', { count: hidden.length })}
                <IconChevronDown size={14} />
              </UnstyledButton>
            </Menu.Target>
            <Menu.Dropdown>
              {hidden.map((tab) => (
                <Menu.Item key={tab.value} leftSection={tab.icon} onClick={() => onChange(tab.value)} data-testid={tab.testId}>
                  {tab.label}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        ) : null}
      </Tabs.List>
    </div>
  );
}
