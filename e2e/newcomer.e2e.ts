import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { DEMO, type Lang, logIn, mainNavigation, navLink, signIn, t, unique } from './support/app.ts';
import { e2e } from './support/browser.ts';
import { eventually, expectText, expectUrl, expectVisible } from './support/expect.ts';
import { columnTexts } from './support/tables.ts';

// What a new user tripped over in the first hour, each fixed and kept fixed here.

async function csrfHeader(page: Page): Promise<Record<string, string>> {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'c365_csrf')?.value ?? '';
  return { 'x-csrf-token': csrf };
}

/** The element lies wholly inside the 1440×900 window, without scrolling. */
async function assertInWindow(page: Page, testId: string) {
  const box = await page.getByTestId(testId).boundingBox();
  assert.ok(box, `${testId} is not rendered`);
  const { width, height } = page.viewportSize() ?? { width: 0, height: 0 };
  assert.ok(box.x >= 0 && box.y >= 0 && box.x + box.width <= width && box.y + box.height <= height, `${testId} at ${JSON.stringify(box)}`);
}

e2e('an unknown address shows "page not found" inside the app, with the navigation to go on from', async ({ page }) => {
  await logIn(page, DEMO.csm, '/no-such-page/at/all');
  await expectVisible(page.getByText(t('errors.pageNotFound')));
  await expectVisible(mainNavigation(page));
  await navLink(page, 'nav.accounts').click();
  await expectUrl(page, /^\/accounts/);
});

e2e('a contact has a page of its own: details, its account, and editing in place', async ({ page }) => {
  await logIn(page, DEMO.admin, '/contacts');
  const first = page.getByTestId('contacts-table-row').first().getByRole('link').first();
  const name = ((await first.textContent()) ?? '').trim();
  await first.click();
  await expectUrl(page, /^\/contacts\/[0-9a-f-]{36}$/);
  await expectVisible(page.getByRole('heading', { name }));

  const jobTitle = unique('Head of Renewals');
  await page.getByTestId('edit-contact').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(t('contact.fields.jobTitle')).fill(jobTitle);
  await dialog.getByTestId('contact-save').click();
  await expectText(page.getByTestId('contact-page'), jobTitle);

  const account = ((await page.getByTestId('contact-account').textContent()) ?? '').trim();
  await page.getByTestId('contact-account').click();
  await expectUrl(page, /^\/accounts\/[0-9a-f-]{36}/);
  await expectVisible(page.getByRole('heading', { name: account }));

  await page.goto('/contacts/00000000-0000-7000-8000-000000000000');
  await expectVisible(page.getByTestId('contact-not-found'));
});

e2e('the accounts list and the account form fit a 1440×900 screen', async ({ page }) => {
  await logIn(page, DEMO.admin, '/accounts');
  await expectVisible(page.getByTestId('accounts-table-row').first());
  await assertInWindow(page, 'new-account');
  await assertInWindow(page, 'table-total');
  // The list is wider than the window: it scrolls sideways inside its frame, whose bottom edge (and
  // scrollbar) is on screen above the pagination.
  const frame = await page.getByTestId('accounts-table').evaluate((table) => {
    const scroller = table.closest('.mantine-TableScrollContainer-scrollContainer') as HTMLElement;
    return { scrollWidth: scroller.scrollWidth, clientWidth: scroller.clientWidth, bottom: scroller.getBoundingClientRect().bottom };
  });
  assert.ok(frame.scrollWidth > frame.clientWidth, 'the table is wider than its frame');
  assert.ok(frame.bottom <= 900, `the frame ends at ${frame.bottom}`);

  await page.getByTestId('new-account').click();
  await expectVisible(page.getByTestId('account-form'));
  await assertInWindow(page, 'account-form-submit');
});

async function switchLanguage(page: Page, from: Lang, to: Lang) {
  await page.getByRole('button', { name: t('userMenu.open', {}, from) }).click();
  await page.getByRole('menuitem', { name: t(`languages.${to}`, {}, from) }).click();
  await expectVisible(navLink(page, 'nav.contacts', to));
}

e2e('dates follow the UI language', async ({ page }) => {
  await logIn(page, DEMO.cse, '/contacts');
  const added = async (lang: Lang) => {
    const dates = await columnTexts(page, 'contacts-table', t('contact.fields.createdAt', {}, lang));
    assert.ok(dates.length > 0);
    return dates;
  };
  await expectVisible(page.getByTestId('contacts-table-row').first());
  for (const d of await added('en')) assert.match(d, /^[A-Z][a-z]{2} \d{1,2}, \d{4}$/);
  try {
    await switchLanguage(page, 'en', 'nl');
    await eventually(async () => {
      for (const d of await added('nl')) assert.match(d, /^\d{1,2} [a-z]{3,4}\.? \d{4}$/);
    });
    await switchLanguage(page, 'nl', 'da');
    await eventually(async () => {
      for (const d of await added('da')) assert.match(d, /^\d{1,2}\. [a-zæøå]{3,5}\.? \d{4}$/);
    });
    await switchLanguage(page, 'da', 'en');
  } finally {
    await page.request.patch('/api/v1/auth/me', { data: { language: 'en' }, headers: await csrfHeader(page) }).catch(() => {});
  }
});

e2e('the row version is shown nowhere: not in the details, not in the audit log', async ({ page }) => {
  await signIn(page, DEMO.admin);
  const list = (await (await page.request.get('/api/v1/accounts?pageSize=1')).json()) as {
    items: { id: string; name: string; version: number }[];
  };
  const account = list.items[0];
  assert.ok(account);
  const notes = unique('Checked by the newcomer test');
  const saved = await page.request.patch(`/api/v1/accounts/${account.id}`, {
    data: { notes, expectedVersion: account.version },
    headers: await csrfHeader(page),
  });
  assert.equal(saved.status(), 200);

  await page.goto(`/accounts/${account.id}?tab=details`);
  await expectText(page.getByTestId('account-details'), notes);
  assert.doesNotMatch((await page.getByTestId('account-details').textContent()) ?? '', /version/i);

  await page.goto('/admin/audit-log');
  await page.getByTestId('audit-table-row').filter({ hasText: account.name }).first().click();
  const drawer = page.getByRole('dialog');
  await expectText(drawer, notes);
  assert.doesNotMatch((await drawer.textContent()) ?? '', /version/i);
});

e2e('Jobs and Outbox tell the same story about an e-mail without an SMTP server', async ({ page }) => {
  await signIn(page, DEMO.admin);
  const email = `${unique('mailstate').split(' ').pop()}@example.com`;
  const invited = await page.request.post('/api/v1/users', {
    data: { email, name: 'Mail State', role: 'read_only' },
    headers: await csrfHeader(page),
  });
  assert.equal(invited.status(), 201);

  await page.goto('/admin/outbox');
  const mail = page.getByTestId('outbox-table-row').filter({ hasText: email });
  await expectText(mail, t('admin.outbox.statuses.no_smtp'));

  // Its delivery job is listed with the e-mail's own state (still queued: nothing can send it), and says
  // where the e-mail waits.
  await page.goto('/admin/jobs');
  const run = page
    .getByTestId('jobs-table-row')
    .filter({ hasText: t('admin.jobs.names.deliver-email') })
    .first();
  await eventually(async () => {
    await page.reload();
    await expectText(run, t('admin.jobs.statuses.queued'), 2_000);
  }, 20_000);
  await expectText(run, t('admin.jobs.mailWaitsInOutbox'));
  await run.getByTestId('job-mail-note').click();
  await expectUrl(page, /^\/admin\/outbox$/);
});
