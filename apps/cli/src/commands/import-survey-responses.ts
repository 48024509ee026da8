// `customer365 import survey-responses <file.csv> --survey <name|id>`: survey answers from a CSV file through
// POST /api/v1/surveys/{id}/responses/import (the server reads the columns, matches contacts by e-mail and accounts
// by external id or name, and records each answer once: importing the same file again records nothing twice).
import fs from 'node:fs';
import path from 'node:path';
import { type ApiOptions, apiError, connectApi, expectOk } from '../api.ts';
import { CliError, EXIT, say, usageError } from '../errors.ts';

export interface TSurveyImportOptions extends ApiOptions {
  survey?: string;
  json?: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface TImportAnswer {
  received: number;
  recorded: number;
  duplicates: number;
  rejectedCount: number;
  rejected: { row: number; field: string; message: string }[];
}

export async function runSurveyResponsesImport(file: string, opts: TSurveyImportOptions) {
  const filePath = path.resolve(file);
  if (!fs.existsSync(filePath) || !fs.statSync(filePath).isFile()) throw usageError(`<file>: ${file} does not exist or is not a file`);
  if (!/\.csv$/i.test(filePath)) throw usageError(`<file>: ${file} must be a .csv file`);
  if (!opts.survey?.trim()) throw usageError('--survey: name the survey (its name or id), e.g. --survey "Quarterly NPS"');
  const api = connectApi(opts);
  let surveyId = opts.survey.trim();
  if (!UUID.test(surveyId)) {
    const list = expectOk(
      'Finding the survey',
      await api.client.GET('/api/v1/surveys', { params: { query: { q: surveyId, pageSize: 100 } } }),
    );
    const match = list.items.filter((s) => s.name.toLowerCase() === surveyId.toLowerCase());
    if (match.length !== 1)
      throw usageError(`--survey: ${match.length ? 'more than one survey is' : 'no survey is'} named "${opts.survey}"`);
    surveyId = (match[0] as { id: string }).id;
  }
  const form = new FormData();
  form.append('file', new Blob([fs.readFileSync(filePath)], { type: 'text/csv' }), path.basename(filePath));
  const response = await fetch(`${api.url}/api/v1/surveys/${surveyId}/responses/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${opts.token?.trim()}` },
    body: form,
  }).catch((err: Error) => {
    throw new CliError(`Cannot reach Customer365 at ${api.url}: ${err.message}. Is the server running? (--url)`);
  });
  const body = (await response.json().catch(() => null)) as TImportAnswer | null;
  if (!response.ok || !body) throw apiError('Importing the answers', response, body);
  if (opts.json) process.stdout.write(`${JSON.stringify(body)}\n`);
  else {
    say(`${body.recorded} answers recorded, ${body.duplicates} already there, ${body.rejectedCount} refused (of ${body.received} rows).`);
    for (const r of body.rejected) say(`  row ${r.row}, ${r.field}: ${r.message}`);
  }
  if (body.rejectedCount) throw new CliError(`${body.rejectedCount} rows were refused by the server.`, EXIT.failed);
}
