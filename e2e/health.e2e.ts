import assert from 'node:assert/strict';
import { e2e } from './support/browser.ts';

e2e('the server answers its health check', async ({ page }) => {
  const res = await page.request.get('/api/health');
  assert.equal(res.status(), 200);
  const body = (await res.json()) as { status: string; database: { kind: string } };
  assert.equal(body.status, 'ok');
  assert.equal(body.database.kind, 'pglite');
});
