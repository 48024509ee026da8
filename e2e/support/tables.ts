/** Steps for lists and forms: a DataTable's column, a Mantine select, a downloaded CSV. */
import fs from 'node:fs';
import type { Locator, Page } from 'playwright-core';

/** The texts of one column of a DataTable, found by its header, so tests survive column reordering. */
export async function columnTexts(page: Page, tableTestId: string, header: string): Promise<string[]> {
  return page.getByTestId(tableTestId).evaluate((table, name) => {
    const headers = [...table.querySelectorAll('thead th')].map((th) => th.textContent?.trim() ?? '');
    const index = headers.indexOf(name);
    if (index < 0) throw new Error(`no column "${name}" in ${headers.join(' | ')}`);
    return [...table.querySelectorAll('tbody tr')].map((tr) => tr.querySelectorAll('td')[index]?.textContent?.trim() ?? '');
  }, header);
}

/** The header texts of a DataTable, in order. */
export async function columnHeaders(page: Page, tableTestId: string): Promise<string[]> {
  return page
    .getByTestId(tableTestId)
    .evaluate((table) => [...table.querySelectorAll('thead th')].map((th) => th.textContent?.trim() ?? ''));
}

/** Picks an option of a Mantine Select or MultiSelect by the control's label. */
export async function choose(page: Page, scope: Locator | Page, label: string, option: string) {
  const control = scope
    .getByRole('textbox', { name: label, exact: true })
    .or(scope.getByRole('combobox', { name: label, exact: true }))
    .first();
  const item = page.getByRole('option', { name: option, exact: true });
  // A MultiSelect's pills wrapper sits over its input and takes the click; force reaches the input itself. A click
  // while a modal is still opening can be lost, so the control is clicked again until its options show.
  for (let attempt = 0; attempt < 3; attempt++) {
    await control.click({ force: true });
    if (
      await item.waitFor({ state: 'visible', timeout: 3_000 }).then(
        () => true,
        () => false,
      )
    )
      break;
  }
  await item.click();
  // Tab, not Escape: Escape would also close a surrounding modal.
  await page.keyboard.press('Tab');
}

export function csvRows(text: string): string[][] {
  // The exports quote fields with commas; these tests only read simple columns, so quoted commas are kept intact.
  return text
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/)
    .map((line) =>
      [...line.matchAll(/("([^"]|"")*"|[^,]*)(,|$)/g)].map((m) => (m[1] ?? '').replace(/^"|"$/g, '').replace(/""/g, '"')).slice(0, -1),
    );
}

/** Clicks the list's "Export CSV" and returns the file name and its rows (header first). */
export async function exportCsv(page: Page, button: Locator = page.getByTestId('export-csv')) {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const rows = csvRows(fs.readFileSync((await download.path()) as string, 'utf8'));
  return { fileName: download.suggestedFilename(), header: rows[0] ?? [], rows: rows.slice(1) };
}
