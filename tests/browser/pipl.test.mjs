// Browser test of the PIPL features on the customer page: the general manager (customer.personal_data)
// downloads the data subject's copy — a watermarked JSON file with the unmasked phone; a sales
// consultant sees neither PIPL button; the customer information supervisor (customer.erase) is
// refused anonymising a customer whose archive is still kept (ARC-12: the message names the archive)
// and anonymises a customer without archives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { formItem, login, pageCall, screenshot, serverAndBrowser, watchPage } from './helpers/harness.mjs';

const env = serverAndBrowser();


async function openCustomer(page, id) {
  await page.goto(`${env.server.url}/customers/${id}`);
  await page.getByTestId('customer-name').waitFor();
  await page.getByTestId('customer-profile').waitFor();
}

test('PIPL: gm downloads the watermarked personal data copy with the unmasked phone', async () => {
  const page = await env.browser.context.newPage();
  const problems = watchPage(page);
  try {
    await login(page, env.server.url, 'gm');
    const list = await pageCall(page, 'GET', '/customers?page_size=50');
    assert.equal(list.status, 200, JSON.stringify(list.body));
    let customer = null;
    for (const s of list.body.items) {
      const full = await pageCall(page, 'GET', `/customers/${s.id}`);
      if (full.status === 200 && full.body.phones?.length) {
        customer = full.body;
        break;
      }
    }
    assert.ok(customer, 'the demo data has a customer with a phone that gm sees');
    const phone = customer.phones[0].number;
    assert.doesNotMatch(phone, /\*/, 'gm sees the phone unmasked');

    await openCustomer(page, customer.id);
    const button = page.getByTestId('pipl-export');
    await button.hover();
    await page.getByText('依《个人信息保护法》向客户本人提供其个人信息副本', { exact: false }).waitFor();
    const downloading = page.waitForEvent('download');
    await button.click();
    const download = await downloading;
    assert.equal(download.suggestedFilename(), `personal-data-${customer.id}.json`);
    const file = await download.path();
    assert.ok(file, 'the download was saved');
    const text = await readFile(file, 'utf8');
    assert.match(text, /\n {2}"watermark"/, 'pretty-printed');
    const copy = JSON.parse(text);
    assert.equal(typeof copy.watermark, 'string');
    assert.ok(copy.watermark.length > 0, 'the copy carries a watermark');
    assert.equal(copy.customer.id, customer.id);
    assert.ok(
      copy.customer.phones.some((p) => p.number === phone),
      `the copy holds the unmasked phone ${phone}: ${JSON.stringify(copy.customer.phones)}`,
    );
    assert.ok(Array.isArray(copy.interactions) && Array.isArray(copy.history) && Array.isArray(copy.archives));
    await screenshot(page, 'pipl-export');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('PIPL: a sales consultant sees neither the export nor the anonymise button', async () => {
  const page = await env.browser.context.newPage();
  const problems = watchPage(page);
  try {
    await login(page, env.server.url, 'sales1');
    const list = await pageCall(page, 'GET', '/customers?page_size=1');
    assert.equal(list.status, 200);
    assert.ok(list.body.items.length > 0, 'sales1 sees a customer');
    await openCustomer(page, list.body.items[0].id);
    await page.getByTestId('customer-history').waitFor();
    assert.equal(await page.getByTestId('pipl-export').count(), 0);
    assert.equal(await page.getByTestId('pipl-anonymise').count(), 0);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('PIPL: infosup is refused while an archive is kept (ARC-12) and anonymises a customer without archives', async () => {
  const page = await env.browser.context.newPage();
  // The 422 refusal is expected: only page errors and 5xx answers count as problems.
  const problems = watchPage(page);
  try {
    // A customer without archives, created by sales1 in their department.
    await login(page, env.server.url, 'sales1');
    const me = await pageCall(page, 'GET', '/auth/me');
    assert.equal(me.status, 200);
    const created = await pageCall(page, 'POST', '/customers', {
      name: '匿名测试',
      department_id: me.body.department_id,
      category: 'key',
      phones: [{ number: '13812345678' }],
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const fresh = created.body.id;

    await login(page, env.server.url, 'infosup');
    const archives = await pageCall(page, 'GET', '/archives?page_size=1');
    assert.equal(archives.status, 200, JSON.stringify(archives.body));
    const archive = archives.body.items[0];
    assert.ok(archive?.customer_id, 'the demo data has an archive with its customer');
    assert.notEqual(archive.status, 'destroyed');

    // Refused: the customer's archive is still kept.
    await openCustomer(page, archive.customer_id);
    const nameBefore = (await page.getByTestId('customer-name').innerText()).trim();
    await page.getByTestId('pipl-anonymise').click();
    await page.getByTestId('pipl-anonymise-form').waitFor();
    await page.getByText('只有该客户的全部档案均已销毁后（ARC-12）才能匿名化。').waitFor();
    // Without a reason nothing is sent.
    let posted = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/anonymise')) posted += 1;
    });
    await page.locator('#pipl-anonymise-confirm').click();
    await formItem(page, 'pipl-anonymise-reason').locator('.ant-form-item-explain-error').waitFor();
    assert.equal(posted, 0);
    await page.getByTestId('pipl-anonymise-reason').fill('保存期限届满');
    const refused = page.waitForResponse((r) => r.url().endsWith(`/customers/${archive.customer_id}/anonymise`));
    await page.locator('#pipl-anonymise-confirm').click();
    assert.equal((await refused).status(), 422);
    const alert = page.getByTestId('pipl-anonymise-error');
    await alert.waitFor();
    const alertText = await alert.innerText();
    assert.ok(alertText.includes(archive.number), `the refusal names ${archive.number}: ${alertText}`);
    assert.match(alertText, /ARC-12/);
    await screenshot(page, 'pipl-anonymise-refused');
    await page.getByRole('button', { name: /取\s*消/ }).click();
    await page.getByTestId('pipl-anonymise-form').waitFor({ state: 'hidden' });
    await page.reload();
    await page.getByTestId('customer-name').waitFor();
    assert.equal((await page.getByTestId('customer-name').innerText()).trim(), nameBefore);

    // Anonymised: the fresh customer has no archives.
    await openCustomer(page, fresh);
    assert.equal((await page.getByTestId('customer-name').innerText()).trim(), '匿名测试');
    await page.getByTestId('pipl-anonymise').click();
    await page.getByTestId('pipl-anonymise-reason').fill('客户要求删除个人信息，无档案');
    const done = page.waitForResponse((r) => r.url().endsWith(`/customers/${fresh}/anonymise`));
    await page.locator('#pipl-anonymise-confirm').click();
    assert.equal((await done).status(), 200);
    await page.getByTestId('pipl-anonymise-form').waitFor({ state: 'hidden' });
    await page.getByTestId('customer-name').filter({ hasText: `已匿名客户 ${fresh}` }).waitFor();
    await page.getByText('客户已匿名化').waitFor();
    assert.equal(await page.getByTestId('customer-phone').count(), 0, 'the phone is gone');
    await screenshot(page, 'pipl-anonymised');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
