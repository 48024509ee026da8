import type { FastifyInstance } from 'fastify';
import type { TCreateSurvey, TRecordResponse, TSurvey, TSurveyResponse } from './surveys.schemas.ts';

/** A valid survey, made through the API, for tests of this and other modules. */
export async function makeSurvey(app: FastifyInstance, headers: Record<string, string>, overrides: Partial<TCreateSurvey> = {}) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/surveys',
    headers,
    payload: { name: 'Quarterly NPS', kind: 'nps', ...overrides },
  });
  if (res.statusCode !== 201) throw new Error(`makeSurvey: ${res.statusCode} ${res.body}`);
  return res.json() as TSurvey;
}

/** An answer to the survey, recorded through the API. */
export async function makeSurveyResponse(app: FastifyInstance, headers: Record<string, string>, surveyId: string, input: TRecordResponse) {
  const res = await app.inject({ method: 'POST', url: `/api/v1/surveys/${surveyId}/responses`, headers, payload: input });
  if (res.statusCode !== 201) throw new Error(`makeSurveyResponse: ${res.statusCode} ${res.body}`);
  return res.json() as TSurveyResponse;
}

/** A multipart upload of a CSV file, as the import route takes it. */
export function surveyCsvUpload(content: string) {
  const boundary = `----c365survey${Math.random().toString(36).slice(2)}`;
  const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="answers.csv"\r\nContent-Type: text/csv\r\n\r\n${content}\r\n--${boundary}--\r\n`;
  return { payload: Buffer.from(body), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
