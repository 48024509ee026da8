import assert from 'node:assert/strict';
import { DEMO, logIn, navLink, t, unique } from './support/app.ts';
import { e2e } from './support/browser.ts';
import { expectText, expectUrl, expectVisible } from './support/expect.ts';

e2e('a customer advocate opens the support inbox, opens a demo request, replies by e-mail and solves it', async ({ page }) => {
  const answer = unique('The fix for large exports ships on Monday');
  await logIn(page, DEMO.advocate);
  await navLink(page, 'nav.support').click();
  await expectUrl(page, /^\/support/);
  const inbox = page.getByTestId('support-table');
  // The demo's request that the customer answered: open again, waiting for us.
  const row = inbox.getByRole('row').filter({ hasText: 'Export to Excel stops at 10,000 rows' });
  await expectVisible(row);
  await expectText(row, t('support.statuses.open'));
  await row.getByRole('link', { name: 'Export to Excel stops at 10,000 rows' }).click();
  await expectUrl(page, /^\/support\/[0-9a-f-]{36}$/);
  await expectText(page.getByTestId('support-subject'), 'Export to Excel stops at 10,000 rows');
  const conversation = page.getByTestId('support-conversation');
  await expectText(conversation, 'Is a fix planned?');
  const before = await conversation.getByTestId('support-message-outbound').count();

  await page.getByTestId('support-reply-body').fill(answer);
  await page.getByTestId('support-send').click();
  await expectText(conversation.getByTestId('support-message-outbound').last(), answer);
  assert.equal(await conversation.getByTestId('support-message-outbound').count(), before + 1);
  // A reply waits on the customer.
  await expectText(page.getByTestId('support-status').first(), t('support.statuses.waiting'));

  await page.getByTestId('support-status-select').click();
  await page.getByRole('option', { name: t('support.statuses.solved'), exact: true }).click();
  await expectText(page.getByTestId('support-status').first(), t('support.statuses.solved'));

  // Back in the inbox it has left the to-do view, and is there under Solved.
  await page.getByRole('link', { name: t('support.back') }).click();
  await expectUrl(page, /^\/support/);
  await expectVisible(inbox);
  await page
    .getByRole('radiogroup', { name: t('support.fields.status') })
    .getByText(t('support.views.solved'), { exact: true })
    .click();
  await expectVisible(inbox.getByRole('row').filter({ hasText: 'Export to Excel stops at 10,000 rows' }));
});
