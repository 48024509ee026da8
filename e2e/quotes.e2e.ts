import assert from 'node:assert/strict';
import { DEMO, logIn, t } from './support/app.ts';
import { e2e } from './support/browser.ts';
import { eventually, expectText, expectUrl, expectVisible } from './support/expect.ts';

e2e(
  'a quote from the pipeline: an upsell line, a director approves, the customer accepts by the link, the renewal is won and MRR moves',
  async ({ page, context }) => {
    // A CSM opens an upcoming renewal from the board and creates a quote with five more seats and a deep incentive.
    await logIn(page, DEMO.csm, '/renewal-opportunities');
    const card = page.getByTestId('renewal-column-upcoming').locator('[data-testid^="renewal-card-"]').first();
    await expectVisible(card);
    const renewalId = ((await card.getAttribute('data-testid')) ?? '').replace('renewal-card-', '');
    await card.locator('button').first().click();
    const drawer = page.getByTestId('renewal-drawer');
    await drawer.getByTestId('create-quote').click();
    await page.getByTestId('quote-extra-seats').fill('5');
    await page.getByLabel(t('quote.fields.incentive')).fill('15');
    await page.getByTestId('quote-create-submit').click();
    await expectUrl(page, /^\/quotes\/[0-9a-f-]{36}$/);
    const quoteId = new URL(page.url()).pathname.split('/').pop() as string;
    const lines = page.getByTestId('quote-lines');
    await expectVisible(lines);
    assert.ok((await lines.locator('tbody tr').count()) >= 2, 'a renewal line and the upsell line');
    await expectVisible(page.getByTestId('quote-needs-approval'));
    await page.getByTestId('quote-submit').click();
    await expectText(page.getByTestId('quote-status-pending_approval'), t('quote.statuses.pending_approval'));

    // The director approves it from the approvals list.
    await context.clearCookies();
    await logIn(page, DEMO.vp, '/quotes?status=pending_approval');
    await page
      .getByTestId('quotes-table')
      .getByRole('link', { name: /^Q-\d{4}$/ })
      .first()
      .waitFor();
    // The status badges show their whole label: the list's column is not squeezed to the header's width.
    const clipped = await page
      .getByTestId('quotes-table')
      .locator('[data-testid^="quote-status-"] > span')
      .evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth).map((e) => e.textContent));
    assert.deepEqual(clipped, []);
    await page.goto(`/quotes/${quoteId}`);
    await page.getByTestId('quote-comment').fill('Fine for a loyal customer');
    await page.getByTestId('quote-approve').click();
    await expectVisible(page.getByTestId('quote-status-approved'));

    // The CSM sends it; the customer opens the link without an account and accepts.
    await context.clearCookies();
    await logIn(page, DEMO.csm, `/quotes/${quoteId}`);
    const before = await page.evaluate(async (id) => {
      const q = await (await fetch(`/api/v1/quotes/${id}`)).json();
      const s = await (await fetch(`/api/v1/subscriptions/${q.subscriptionId}`)).json();
      return { subscriptionId: q.subscriptionId as string, termStart: q.termStart as string, versions: s.versions.length as number };
    }, quoteId);
    await page.getByTestId('quote-send').click();
    const link = (await page.getByTestId('quote-link').getByRole('link').getAttribute('href')) ?? '';
    assert.match(link, /\/q\/[A-Za-z0-9_-]{60,}$/);
    await context.clearCookies();
    await page.goto(new URL(link).pathname);
    await expectVisible(page.getByTestId('quote-document'));
    await page.getByTestId('public-quote-name').fill('Jordan Buyer');
    await page.getByTestId('public-quote-accept').click();
    await expectVisible(page.getByTestId('public-quote-accepted'));

    // Back inside: the renewal is won and the subscription has the new term with the quoted lines (MRR moved).
    await logIn(page, DEMO.vp, `/renewal-opportunities?renewal=${renewalId}`);
    await expectText(page.getByTestId('renewal-drawer'), t('renewalPipeline.stages.renewed'));
    const after = await page.evaluate(
      async ({ id, subscriptionId }) => {
        const q = await (await fetch(`/api/v1/quotes/${id}`)).json();
        const s = await (await fetch(`/api/v1/subscriptions/${subscriptionId}`)).json();
        return { status: q.status, outcome: q.outcome, versions: s.versions, kinds: s.changes.map((c: { kind: string }) => c.kind) };
      },
      { id: quoteId, subscriptionId: before.subscriptionId },
    );
    assert.equal(after.status, 'accepted');
    assert.ok(after.kinds.includes('renewal') || after.kinds.includes('reactivation'));
    await eventually(() => assert.ok(after.versions.length > before.versions));
    const newTerm = after.versions.filter((v: { validFrom: string }) => v.validFrom === before.termStart);
    assert.ok(newTerm.length >= 2, 'the quoted lines from the renewal date');
  },
);
