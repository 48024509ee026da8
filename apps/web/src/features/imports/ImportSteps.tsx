import { Stepper } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const STEPS = ['upload', 'mapping', 'check', 'import'] as const;

/** The wizard's progress line: upload → map columns → check → import. Display only; the import's status decides the step. */
export function ImportSteps({ active, completed = false }: { active: number; completed?: boolean }) {
  const { t } = useTranslation();
  return (
    <Stepper active={completed ? STEPS.length : active} size="sm" mb="lg" allowNextStepsSelect={false}>
      {STEPS.map((step) => (
        <Stepper.Step key={step} label={t(`imports.steps.${step}`)} description={t(`imports.steps.${step}Help`)} />
      ))}
    </Stepper>
  );
}
