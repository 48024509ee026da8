import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import type { TestApp } from '../../../test/harness.ts';
import { multipartBody } from '../../../test/multipart.ts';

export { multipartBody };

/** Test helpers for imports: multipart uploads built with FormData, running the worker, generated files. */

export async function upload(t: TestApp, headers: Record<string, string>, entity: string, name: string, content: Buffer | string) {
  const body = await multipartBody({ entity }, { name, content });
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/imports',
    headers: { ...headers, 'content-type': body.contentType },
    payload: body.payload,
  });
}

import { runJobs } from '../../../test/harness.ts';

export { runJobs };

/**
 * Run jobs until the import has left `validating`/`importing`. On a shared PostgreSQL test database another
 * test process's worker may claim this import's job and run it (same code), so waiting on the status, not
 * on our own worker, is what tells the job is done.
 */
export async function settle(t: TestApp, headers: Record<string, string>, id: string) {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
    await runJobs(t);
    const imp = await getImport(t, headers, id);
    if (imp.status !== 'validating' && imp.status !== 'importing') return imp;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`import ${id} did not settle`);
}

export async function getImport(t: TestApp, headers: Record<string, string>, id: string) {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/imports/${id}`, headers });
  expect(res.statusCode).toBe(200);
  return res.json();
}

/** Upload, save the (suggested or given) mapping and validate: the state the preview shows. */
export async function uploadAndValidate(
  t: TestApp,
  headers: Record<string, string>,
  entity: 'accounts' | 'contacts',
  name: string,
  content: Buffer | string,
  mapping?: Record<string, string | null>,
) {
  const up = await upload(t, headers, entity, name, content);
  expect(up.statusCode, up.body).toBe(201);
  const id = up.json().id as string;
  const put = await t.app.inject({
    method: 'PUT',
    url: `/api/v1/imports/${id}/mapping`,
    headers,
    payload: { mapping: mapping ?? up.json().suggestedMapping },
  });
  expect(put.statusCode, put.body).toBe(200);
  expect(put.json().status).toBe('validating');
  const validated = await settle(t, headers, id);
  expect(validated.status, validated.failureMessage).toBe('validated');
  return validated;
}

export async function startAndRun(t: TestApp, headers: Record<string, string>, id: string, mode: 'all_or_nothing' | 'skip_invalid') {
  const res = await t.app.inject({ method: 'POST', url: `/api/v1/imports/${id}/start`, headers, payload: { mode } });
  expect(res.statusCode, res.body).toBe(202);
  expect(res.json().status).toBe('importing');
  return settle(t, headers, id);
}

export async function xlsxFile(rows: unknown[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Accounts');
  for (const row of rows) ws.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const csv = (rows: string[][], delimiter = ',') => `${rows.map((r) => r.join(delimiter)).join('\r\n')}\r\n`;
