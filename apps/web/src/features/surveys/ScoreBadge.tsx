import { Badge, Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ResponseCategory, SurveyKind } from './types.ts';

export const CATEGORY_COLORS: Record<ResponseCategory, string> = { promoter: 'teal', passive: 'yellow', detractor: 'red' };

/** An answer's score, coloured by its side (promoter, passive, detractor), with the side as its title. */
export function ScoreBadge({ score, category }: { score: number; category: ResponseCategory }) {
  const { t } = useTranslation();
  return (
    <Badge color={CATEGORY_COLORS[category]} variant="light" title={t(`survey.categories.${category}`)} miw={36}>
      {score}
    </Badge>
  );
}

const sideOf = (kind: SurveyKind, s: number): ResponseCategory =>
  kind === 'nps' ? (s >= 9 ? 'promoter' : s >= 7 ? 'passive' : 'detractor') : s >= 4 ? 'promoter' : s === 3 ? 'passive' : 'detractor';

/** The scale's scores as buttons (NPS 0–10, CSAT 1–5), the chosen one filled in its side's colour. */
export function ScoreButtons({ kind, value, onChange }: { kind: SurveyKind; value: number | null; onChange: (v: number) => void }) {
  const scores = kind === 'nps' ? [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] : [1, 2, 3, 4, 5];
  return (
    <Group gap={4} data-testid="score-buttons">
      {scores.map((s) => (
        <Button
          key={s}
          size="xs"
          w={36}
          px={0}
          variant={value === s ? 'filled' : 'default'}
          color={CATEGORY_COLORS[sideOf(kind, s)]}
          onClick={() => onChange(s)}
          aria-pressed={value === s}
        >
          {s}
        </Button>
      ))}
    </Group>
  );
}
