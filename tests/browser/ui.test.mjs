// Browser tests of the app shell: language switch, permission-dependent buttons.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { login, screenshot, serverAndBrowser, watchPage } from './helpers/harness.mjs';

const env = serverAndBrowser();

test('(c) switching to English shows English navigation and survives a reload', async () => {
  const page = await env.browser.context.newPage();
  const problems = watchPage(page);
  try {
    await login(page, env.server.url, 'admin');
    assert.equal((await page.getByTestId('nav-customers').innerText()).trim(), '客户');
    await page.getByTestId('lang-en').click();
    await page.getByTestId('nav-customers').filter({ hasText: 'Customers' }).waitFor();
    assert.equal((await page.getByTestId('nav-org').innerText()).trim(), 'Organisation');
    assert.equal((await page.getByTestId('nav-audit').innerText()).trim(), 'Audit log');
    assert.match(await page.getByTestId('nav-soon-complaints').innerText(), /Complaints/);
    await screenshot(page, 'c-english');

    await page.reload();
    await page.getByTestId('nav-customers').filter({ hasText: 'Customers' }).waitFor();
    // Back to Chinese so other tests in this browser profile see the default.
    await page.getByTestId('lang-zh').click();
    await page.getByTestId('nav-customers').filter({ hasText: '客户' }).waitFor();
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('(d) sales1 does not see the organisation management buttons; admin does', async () => {
  const context = env.browser.context;
  const page = await context.newPage();
  try {
    await login(page, env.server.url, 'admin');
    await page.goto(`${env.server.url}/org`);
    await page.getByTestId('dept-create').waitFor();
    await page.getByTestId('tab-users').click();
    await page.getByTestId('user-create').waitFor();
    await screenshot(page, 'd-admin-org');

    // Log out and log in as sales1 in the same env.browser.
    await page.getByTestId('user-menu').click();
    await page.getByTestId('menu-logout').click();
    await page.waitForURL(/\/login/);

    await login(page, env.server.url, 'sales1');
    await page.goto(`${env.server.url}/org`);
    // Either the page renders read-only or the user is refused; wait until it settles.
    await page.locator('.ant-tabs, .ant-result').first().waitFor();
    await page.waitForLoadState('networkidle');
    assert.equal(await page.getByTestId('dept-create').count(), 0, 'no "new department" button');
    assert.equal(await page.getByTestId('dept-rename').count(), 0, 'no rename button');
    if (await page.getByTestId('tab-users').count()) {
      await page.getByTestId('tab-users').click();
      await page.waitForLoadState('networkidle');
      assert.equal(await page.getByTestId('user-create').count(), 0, 'no "new user" button');
      assert.equal(await page.getByTestId('user-disable').count(), 0, 'no disable buttons');
      assert.equal(await page.getByTestId('user-reset-password').count(), 0, 'no reset password buttons');
    }
    if (await page.getByTestId('tab-roles').count()) {
      await page.getByTestId('tab-roles').click();
      await page.waitForLoadState('networkidle');
      assert.equal(await page.getByTestId('role-save').count(), 0, 'no role save buttons');
    }
    await screenshot(page, 'd-sales1-org');
  } finally {
    await page.close();
  }
});
