import assert from 'node:assert/strict';
import { DEMO, logIn, navLink, signIn, t, unique } from './support/app.ts';
import { e2e } from './support/browser.ts';
import { expectHidden, expectText, expectUrl, expectVisible } from './support/expect.ts';

e2e(
  'a CSM adds a task on the account page, comments and completes it, finds it in the inbox and subscribes to the calendar',
  async ({ page }) => {
    const title = unique('Call about the renewal');
    await signIn(page, DEMO.csm);
    const accounts = (await (await page.request.get('/api/v1/accounts?pageSize=1')).json()) as { items: { id: string; name: string }[] };
    const account = accounts.items[0];
    assert.ok(account, 'the CSM sees an account');

    await page.goto(`/accounts/${account.id}?tab=tasks`);
    const tab = page.getByTestId('account-tasks-table');
    await expectVisible(tab);
    await page.getByTestId('account-add-task').click();
    const form = page.getByTestId('tasks-form');
    await form.getByLabel(t('task.fields.title')).fill(title);
    await page.getByTestId('tasks-save').click();
    await expectHidden(form);
    const row = tab.getByRole('row').filter({ hasText: title });
    await expectVisible(row);

    await row.getByRole('button', { name: title }).click();
    const drawer = page.getByRole('dialog', { name: t('task.details') });
    await expectVisible(drawer);
    await drawer.getByLabel(t('task.commentPlaceholder')).fill('Customer asked for the new price list first.');
    await drawer.getByRole('button', { name: t('task.addComment') }).click();
    await expectText(drawer, 'Customer asked for the new price list first.');
    await drawer.getByTestId('task-toggle-done').click();
    await expectText(drawer.getByTestId('task-toggle-done'), t('task.reopen'));
    await page.keyboard.press('Escape');
    await expectHidden(drawer);
    // Done: it leaves the open list, and is there under Done.
    await expectHidden(row);
    await page
      .getByRole('radiogroup', { name: t('task.fields.status') })
      .getByText(t('task.statuses.done'), { exact: true })
      .click();
    await expectVisible(tab.getByRole('row').filter({ hasText: title }));

    await navLink(page, 'nav.tasks').click();
    await expectUrl(page, /^\/tasks/);
    // The inbox as a person sees it first (its open tasks), then the Done filter, which the address then holds.
    await expectVisible(page.getByTestId('tasks-table').getByRole('row').nth(1));
    await page
      .getByRole('radiogroup', { name: t('task.fields.status') })
      .getByText(t('task.statuses.done'), { exact: true })
      .click();
    await expectUrl(page, /[?&]status=done/);
    const inbox = page.getByTestId('tasks-table').getByRole('row').filter({ hasText: title });
    await expectVisible(inbox);
    await expectText(inbox, account.name);
    await expectText(inbox, t('task.comments_one', { count: 1 }));

    await page.getByTestId('task-calendar').click();
    await page.getByTestId('calendar-make').click();
    const url = await page.getByTestId('calendar-url').inputValue();
    assert.match(url, /\/api\/v1\/calendar\/.+\.ics$/);
    const feed = await page.request.get(url, { headers: { cookie: '' } });
    assert.equal(feed.status(), 200);
    assert.match(await feed.text(), /^BEGIN:VCALENDAR/);
  },
);

e2e('the home page is the signed-in person’s day, and a manager’s team figures; each item links on', async ({ page }) => {
  await logIn(page, DEMO.csm);
  const day = page.getByTestId('my-day');
  await expectVisible(day);
  // The CSM's own open tasks, the first of them due soonest: the same as the inbox's first row.
  const mine = (await (await page.request.get('/api/v1/tasks?view=mine&status=open&sort=dueOn&order=asc&pageSize=1')).json()) as {
    total: number;
    items: { id: string; title: string }[];
  };
  const first = mine.items[0];
  assert.ok(first, 'the demo CSM has open tasks');
  const tasks = page.getByTestId('day-tasks');
  await expectText(tasks.getByTestId('day-count'), String(mine.total));
  await expectText(tasks.getByTestId('day-item').first(), first.title);
  await expectVisible(page.getByTestId('day-renewals').getByTestId('day-item').first());
  // Their accounts' late journey milestones: as many as the journeys list counts for them.
  const me = (await (await page.request.get('/api/v1/auth/me')).json()) as { user: { id: string } };
  const late = (await (await page.request.get(`/api/v1/journeys?lateness=late&ownerUserId=${me.user.id}&pageSize=1`)).json()) as {
    total: number;
  };
  assert.ok(late.total > 0, 'the demo CSM has a late journey');
  await expectText(page.getByTestId('day-milestones').getByTestId('day-count'), String(late.total));
  await expectText(page.getByTestId('day-milestones').getByTestId('day-item').first(), /\d+ days? late/);
  // A manager's figures are not the CSM's.
  await expectHidden(page.getByTestId('team-figures'));

  await tasks.getByRole('link', { name: first.title }).click();
  await expectUrl(page, /^\/tasks/);
  await expectVisible(page.getByRole('dialog', { name: t('task.details') }));

  await page.context().clearCookies();
  await logIn(page, DEMO.vp);
  await expectVisible(page.getByTestId('team-figures'));
  await expectText(page.getByTestId('team-renewal-rate').getByTestId('stat-value'), /\d+%/);
  await expectText(page.getByTestId('team-unhealthy'), t('dashboard.team.target', { target: '25%' }));
  await expectVisible(page.getByTestId('team-workload').locator('.recharts-bar-rectangle').first());
});
