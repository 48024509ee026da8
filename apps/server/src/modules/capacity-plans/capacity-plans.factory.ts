import type { FastifyInstance } from 'fastify';

/** Puts a person in the capacity table through the API, for tests of this and other modules. */
export async function makeCapacityPerson(
  app: FastifyInstance,
  headers: Record<string, string>,
  userId: string,
  input: { team: 'customer_success' | 'professional_services'; hoursPerWeek: number },
) {
  const res = await app.inject({ method: 'PUT', url: `/api/v1/capacity/people/${userId}`, headers, payload: input });
  if (res.statusCode !== 200) throw new Error(`makeCapacityPerson: ${res.statusCode} ${res.body}`);
  return res.json();
}
