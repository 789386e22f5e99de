// Browser tests of the customer pages against the real server with demo data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formItem, login, screenshot, serverAndBrowser, watchPage } from './helpers/harness.mjs';

const env = serverAndBrowser();

test('(a) admin searches customers by a Chinese surname and opens one', async () => {
  const page = await env.browser.context.newPage();
  const problems = watchPage(page);
  try {
    await login(page, env.server.url, 'admin');
    await page.getByTestId('nav-customers').click();
    await page.waitForURL(/\/customers/);
    await page.getByTestId('customer-row').first().waitFor();

    const searched = page.waitForResponse(
      (r) => r.url().includes('/api/v1/customers?') && r.url().includes(`q=${encodeURIComponent('王')}`),
    );
    await page.getByTestId('customer-search').fill('王');
    const resp = await searched;
    assert.equal(resp.status(), 200, `search failed: ${resp.status()}`);
    const body = await resp.json();
    assert.ok(body.total > 0, 'the demo data has customers named 王…');
    await page.waitForURL(/q=/);

    const rows = page.getByTestId('customer-row');
    await rows.first().waitFor();
    const texts = await rows.allInnerTexts();
    assert.ok(texts.length > 0, 'rows shown');
    assert.ok(texts.some((t) => t.includes('王')), `some row mentions 王: ${texts.slice(0, 3).join(' | ')}`);
    await page.getByTestId('customer-total').waitFor();
    await screenshot(page, 'a-search');

    const firstName = (await rows.first().getByTestId('customer-link').innerText()).trim();
    await rows.first().getByTestId('customer-link').click();
    await page.waitForURL(/\/customers\/\d+$/);
    await page.getByTestId('customer-name').waitFor();
    assert.equal((await page.getByTestId('customer-name').innerText()).trim(), firstName);
    await page.getByTestId('customer-profile').waitFor();
    await page.getByTestId('customer-history').waitFor();
    await screenshot(page, 'a-detail');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('(b) create a customer with field errors, save, edit and see the change in history', async () => {
  const page = await env.browser.context.newPage();
  const problems = watchPage(page);
  const name = `测试客户${Date.now() % 100000}`;
  try {
    await login(page, env.server.url, 'admin');
    await page.goto(`${env.server.url}/customers`);
    await page.getByTestId('new-customer').click();
    await page.waitForURL(/\/customers\/new$/);

    await page.getByTestId('cf-name').fill(name);
    // Passes the client's pattern check but has a wrong check digit: only the server catches it.
    await page.getByTestId('cf-id-number').fill('110105194912310021');
    await page.getByTestId('cf-phones-0-number').fill('12345678901');
    await page.getByTestId('customer-save').click();

    // Client-side validation of the mobile number.
    const phoneError = formItem(page, 'cf-phones-0-number').locator('.ant-form-item-explain-error');
    await phoneError.waitFor();
    assert.match(await phoneError.innerText(), /手机号码格式不正确/);
    await screenshot(page, 'b-client-error');

    // Fix the mobile; the server rejects the ID number and its problem+json error lands on that field.
    await page.getByTestId('cf-phones-0-number').fill('13812345678');
    const createResp = page.waitForResponse((r) => r.url().endsWith('/api/v1/customers') && r.request().method() === 'POST');
    await page.getByTestId('customer-save').click();
    const first = await createResp;
    assert.equal(first.status(), 400, 'server rejects the ID number check digit');
    const problem = await first.json();
    assert.ok(
      (problem.errors ?? []).some((e) => e.field === 'id_number') || problem.field === 'id_number',
      `problem+json names id_number: ${JSON.stringify(problem)}`,
    );
    const idError = formItem(page, 'cf-id-number').locator('.ant-form-item-explain-error');
    await idError.waitFor();
    await screenshot(page, 'b-server-error');

    await page.getByTestId('cf-id-number').fill('11010519491231002X');
    await page.getByTestId('customer-save').click();
    await page.waitForURL(/\/customers\/\d+$/);
    await page.getByTestId('customer-name').waitFor();
    assert.equal((await page.getByTestId('customer-name').innerText()).trim(), name);
    await page.getByTestId('customer-phone').first().waitFor();
    const detailUrl = page.url();

    // Edit: change the notes; PATCH with version; the change shows in the history.
    await page.getByTestId('edit-customer').click();
    await page.waitForURL(/\/edit$/);
    await page.getByTestId('cf-notes').fill('浏览器测试修改');
    const patchResp = page.waitForResponse((r) => r.request().method() === 'PATCH' && /\/api\/v1\/customers\/\d+$/.test(r.url()));
    await page.getByTestId('customer-save').click();
    const patched = await patchResp;
    assert.equal(patched.status(), 200, `PATCH failed: ${patched.status()} ${await patched.text()}`);
    const patchBody = JSON.parse(patched.request().postData() ?? '{}');
    assert.equal(patchBody.notes, '浏览器测试修改');
    assert.equal(typeof patchBody.version, 'number');
    assert.equal(patchBody.name, undefined, 'only changed fields are sent');

    await page.waitForURL(detailUrl);
    const historyRow = page.getByTestId('history-row').filter({ hasText: '浏览器测试修改' });
    await historyRow.first().waitFor();
    assert.match(await historyRow.first().innerText(), /备注/);
    await screenshot(page, 'b-history');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
