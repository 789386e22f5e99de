// Browser test of the working-day calendar (issue 3; docs/calendar.md) against the real env.server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { login, screenshot, serverAndBrowser, watchPage } from './helpers/harness.mjs';

const env = serverAndBrowser();

test('administrator marks a company holiday; a sales consultant sees it and may not edit', async () => {
  const page = await env.browser.context.newPage();
  const problems = watchPage(page);
  // The 15th of the month the calendar opens on (today's month).
  const now = new Date();
  const day = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-15`;
  try {
    await login(page, env.server.url, 'admin');
    await page.getByTestId('nav-calendar').click();
    await page.waitForURL(/\/calendar$/);
    await page.getByTestId('calendar-marks').waitFor();
    await page.getByTestId(`cal-${day}`).click();
    await page.getByRole('radio', { name: '放假' }).check();
    await page.getByTestId('day-name').fill('店庆日');
    const saved = page.waitForResponse((r) => r.url().includes(`/api/v1/calendar/days/${day}`));
    await page.locator('#day-save').click();
    assert.equal((await saved).status(), 200);
    await page.getByTestId(`cal-${day}`).getByText('休').waitFor();
    await page.getByTestId('calendar-marks').getByText('店庆日').waitFor();
    await screenshot(page, 'calendar-marked');

    // The deadline calculator uses the calendar: 0 working days after the holiday is that day,
    // and the explanation is shown.
    await page.getByTestId('deadline-amount').fill('1');
    await page.getByTestId('deadline-compute').click();
    await page.getByTestId('deadline-result').waitFor();
    assert.match(await page.getByTestId('deadline-result').innerText(), /working day/);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
  const consultant = await env.browser.context.newPage();
  try {
    await login(consultant, env.server.url, 'sales1');
    await consultant.goto(`${env.server.url}/calendar`);
    await consultant.getByTestId('calendar-marks').getByText('店庆日').waitFor();
    await consultant.getByTestId(`cal-${day}`).click();
    // No editor for someone without policy.manage, and no import button.
    await consultant.waitForTimeout(300);
    assert.equal(await consultant.locator('#day-save').count(), 0);
    assert.equal(await consultant.getByTestId('calendar-import').count(), 0);
  } finally {
    await consultant.close();
  }
});
