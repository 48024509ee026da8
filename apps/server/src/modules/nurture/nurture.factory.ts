import type { FastifyInstance } from 'fastify';
import type { TNurtureProgramme, TNurtureProgrammeInput } from './nurture.schemas.ts';

const words = (en: string) => ({ en, nl: `${en} (nl)`, da: `${en} (da)` });

/** A valid programme input: two steps, weeks 1 and 4, for any audience unless given. */
export function nurtureProgrammeInput(overrides: Partial<TNurtureProgrammeInput> = {}): TNurtureProgrammeInput {
  return {
    name: `Programme ${Math.random().toString(36).slice(2, 10)}`,
    audience: { segment: null, edition: null, marketId: null, lifecycleStage: null, contactRole: null },
    steps: [
      { weekOffset: 1, subject: words('Tip one for {firstName}'), body: words('Hello {firstName} of {accountName}') },
      { weekOffset: 4, subject: words('Tip two'), body: words('More for {accountName}') },
    ],
    ...overrides,
  };
}

/** A programme (a draft) made through the API, for tests of this and other modules. */
export async function makeNurtureProgramme(
  app: FastifyInstance,
  headers: Record<string, string>,
  overrides: Partial<TNurtureProgrammeInput> = {},
) {
  const res = await app.inject({ method: 'POST', url: '/api/v1/nurture/programmes', headers, payload: nurtureProgrammeInput(overrides) });
  if (res.statusCode !== 201) throw new Error(`makeNurtureProgramme: ${res.statusCode} ${res.body}`);
  return res.json() as TNurtureProgramme;
}
