// Browser test of an archive's handover end to end (issue 3: ARC-1, ARC-4, ARC-5, ARC-14):
// a sales consultant opens the archive of a sold vehicle and hands it over; the keeper checks
// it, is refused filing until every present document is scanned, scans them and files it; the
// handover book shows it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { login, pickOption, screenshot, serverAndBrowser, watchPage } from './helpers/harness.mjs';

const env = serverAndBrowser();

const PDF = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';

test('a new-car archive from opening to filing, with the handover in the book', async () => {
  const page = await env.browser.context.newPage();
  const problems = watchPage(page);
  let archiveUrl;
  let number;
  try {
    await login(page, env.server.url, 'sales1');
    // A customer of the consultant's department with a vehicle.
    // A customer of the consultant's department whose first vehicle has no archive yet (the demo
    // data archives some).
    const customerId = await page.evaluate(async () => {
      const archived = new Set((await (await fetch('/api/v1/archives?page_size=200')).json()).items.map((a) => a.vehicle_id));
      const list = await (await fetch('/api/v1/customers?page_size=100')).json();
      for (const c of list.items) {
        const detail = await (await fetch(`/api/v1/customers/${c.id}`)).json();
        if (detail.vehicles.length > 0 && !archived.has(detail.vehicles[0].id)) return c.id;
      }
      return null;
    });
    assert.ok(customerId, 'the demo data gives sales1 a customer with a vehicle');
    await page.goto(`${env.server.url}/customers/${customerId}`);
    await page.getByTestId('open-archive').first().click();
    // The dialog fills in the kind and the department once the departments are loaded.
    await page.locator('.ant-modal .ant-select-selection-item').nth(1).waitFor();
    const opened = page.waitForResponse((r) => r.url().endsWith('/api/v1/archives') && r.request().method() === 'POST');
    await page.locator('#open-archive-save').click();
    const openedResp = await opened;
    assert.equal(openedResp.status(), 201, await openedResp.text());
    await page.waitForURL(/\/archives\/\d+$/);
    archiveUrl = page.url();
    await page.getByTestId('archive-number').waitFor();
    number = (await page.getByTestId('archive-number').innerText()).trim();
    assert.match(number, /^XC-\d{4}-\d{6}$/);
    assert.equal((await page.getByTestId('archive-status').innerText()).trim(), '待移交');
    assert.match(await page.getByTestId('archive-due').innerText(), /^\d{4}-\d{2}-\d{2}$/);

    await page.getByTestId('archive-handover').click();
    await page.getByTestId('handover-receiver').getByText('周档案管理员').waitFor();
    const handed = page.waitForResponse((r) => r.url().includes('/handovers') && r.request().method() === 'POST');
    await page.locator('#handover-save').click();
    assert.equal((await handed).status(), 201);
    await page.getByTestId('archive-status').getByText('已移交').waitFor();
    await page.getByTestId('archive-handovers').getByText('按时', { exact: true }).waitFor();
    await page.getByTestId('archive-correspondence').waitFor();  // ARC-13
    await screenshot(page, 'archive-handed-over');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }

  const keeper = await env.browser.context.newPage();
  const keeperProblems = watchPage(keeper);
  try {
    await login(keeper, env.server.url, 'keeper');
    await keeper.goto(archiveUrl);
    await keeper.getByTestId('archive-check').click();
    // The keeper finds the invoice copy and the contract in the bag.
    for (const code of ['invoice', 'contract']) {
      await pickOption(keeper, keeper.getByTestId(`check-state-${code}`), '齐全');
      await keeper.getByTestId(`check-state-${code}`).locator('.ant-select-selection-item', { hasText: '齐全' }).waitFor();
    }
    await keeper.locator('#check-save').click();
    await keeper.getByTestId('archive-status').getByText('已检查').waitFor();

    // ARC-4: nothing is scanned yet, so filing is refused and the dialog says which items.
    const missing = keeper.locator('[data-testid^="scan-missing-"]');
    await keeper.getByTestId('scan-missing-invoice').waitFor();
    assert.equal(await missing.count(), 2);
    await keeper.getByTestId('archive-file').click();
    await keeper.getByTestId('file-unscanned').waitFor();
    await keeper.getByTestId('file-cabinet').fill('A1');
    await keeper.getByTestId('file-shelf').fill('3');
    const refused = keeper.waitForResponse((r) => r.url().endsWith('/file') && r.request().method() === 'POST');
    await keeper.locator('#file-save').click();
    assert.equal((await refused).status(), 422);
    const fileError = keeper.getByTestId('file-error');
    await fileError.getByText('不能归档：以下资料尚未扫描（ARC-4）', { exact: false }).waitFor();
    assert.match(await fileError.innerText(), /销售合同原件/);
    await screenshot(keeper, 'archive-file-refused');
    await keeper.locator('.ant-modal-footer').getByRole('button', { name: /取\s*消/ }).click();

    // The keeper scans every present document.
    while ((await missing.count()) > 0) {
      const code = (await missing.first().getAttribute('data-testid')).replace('scan-missing-', '');
      const uploaded = keeper.waitForResponse(
        (r) => r.url().includes(`/documents?item=${code}&`) && r.request().method() === 'POST',
      );
      await keeper.getByTestId(`scan-input-${code}`).setInputFiles({
        name: `${code}.pdf`,
        mimeType: 'application/pdf',
        buffer: Buffer.from(PDF),
      });
      assert.equal((await uploaded).status(), 201);
      await keeper.getByTestId(`scan-missing-${code}`).waitFor({ state: 'detached' });
      await keeper.getByTestId(`scan-link-${code}`).waitFor();
    }

    await keeper.getByTestId('archive-file').click();
    assert.equal(await keeper.getByTestId('file-unscanned').count(), 0);
    assert.equal(await keeper.getByTestId('file-error').count(), 0);
    await keeper.getByTestId('file-cabinet').fill('A1');
    await keeper.getByTestId('file-shelf').fill('3');
    await keeper.locator('#file-save').click();
    await keeper.getByTestId('archive-status').getByText('已归档').waitFor();

    await keeper.getByTestId('nav-handovers').click();
    await keeper.waitForURL(/\/handovers$/);
    await keeper.getByTestId('handover-book').getByText(number).waitFor();
    await screenshot(keeper, 'handover-book');
    assert.deepEqual(keeperProblems, []);
  } finally {
    await keeper.close();
  }
});

test('the customer director computes the month and confirms a fine whose facts are shown', async () => {
  const page = await env.browser.context.newPage();
  const problems = watchPage(page);
  try {
    await login(page, env.server.url, 'director');
    await page.getByTestId('nav-penalties').click();
    await page.waitForURL(/\/penalties$/);
    const ran = page.waitForResponse((r) => r.url().includes('/api/v1/penalties/runs'));
    await page.getByTestId('penalty-run').click();
    assert.equal((await ran).status(), 200);
    // The demo data has late handovers in the current month only if its dates fall there;
    // whatever the month holds, every fine shown carries its rule and can be decided.
    const rows = page.getByTestId('penalty-fines').locator('tbody tr.ant-table-row');
    await page.getByTestId('penalty-fines').waitFor();
    await page.waitForTimeout(500);
    if ((await rows.count()) > 0) {
      const confirmed = page.waitForResponse((r) => r.url().includes('/decision'));
      await rows.first().getByTestId('fine-confirm').click();
      assert.equal((await confirmed).status(), 200);
      await rows.first().getByText('已核定').waitFor();
    }
    await screenshot(page, 'penalties');
    // ARC-6h: the KPI tab shows the departments' rates (the demo archives are due this month).
    await page.getByRole('tab', { name: '档案考核指标（ARC-6h）' }).click();
    await page.getByTestId('kpi-table').waitFor();
    assert.match(await page.getByTestId('kpi-table').innerText(), /北京店销售部/);
    await screenshot(page, 'kpi');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
