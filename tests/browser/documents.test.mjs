// Browser tests of the scanned documents of an archive (ARC-1) and of the checklist templates
// (ARC-2/ARC-3): the keeper uploads, opens and withdraws a scan, a file that is no scan is
// refused with the server's reason; the administrator adds an item to the new-car checklist and
// the archives show it as missing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { login, screenshot, serverAndBrowser, watchPage } from './helpers/harness.mjs';

const env = serverAndBrowser();

const PDF = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';

/** The id of the first new-car archive the logged-in user may read. */
async function newCarArchive(page) {
  return page.evaluate(async () => {
    const list = await (await fetch('/api/v1/archives?page_size=200')).json();
    return list.items.find((a) => a.kind === 'new_car')?.id ?? null;
  });
}

test('the keeper uploads a scan of an item, opens it and withdraws it; a text file is refused', async () => {
  const page = await env.browser.context.newPage();
  const problems = watchPage(page);
  try {
    await login(page, env.server.url, 'keeper');
    // A checked archive whose invoice and contract are recorded present but not scanned yet.
    const archiveId = await page.evaluate(async () => {
      const list = await (await fetch('/api/v1/archives?page_size=200')).json();
      for (const summary of list.items.filter((a) => a.kind === 'new_car' && a.status === 'checked')) {
        const a = await (await fetch(`/api/v1/archives/${summary.id}`)).json();
        const unscanned = (code) =>
          a.items.some((i) => i.code === code && i.state === 'present') &&
          !(a.documents ?? []).some((d) => d.item_code === code && !d.withdrawn);
        if (unscanned('invoice') && unscanned('contract')) return a.id;
      }
      return null;
    });
    assert.ok(archiveId, 'the demo data has a checked new-car archive with unscanned documents');
    await page.goto(`${env.server.url}/archives/${archiveId}`);
    await page.getByTestId('scan-missing-invoice').waitFor();
    assert.equal(await page.getByTestId('scan-link-invoice').count(), 0);

    const uploaded = page.waitForResponse((r) => r.url().includes('/documents?') && r.request().method() === 'POST');
    await page.getByTestId('scan-input-invoice').setInputFiles({
      name: '购车发票.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(PDF),
    });
    assert.equal((await uploaded).status(), 201);
    const link = page.getByTestId('scan-link-invoice');
    await link.waitFor();
    assert.match(await link.innerText(), /购车发票\.pdf/);
    assert.equal(await link.getAttribute('target'), '_blank');
    await page.getByTestId('scan-missing-invoice').waitFor({ state: 'detached' });

    // The link answers with the bytes as uploaded.
    const href = await link.getAttribute('href');
    assert.match(href, new RegExp(`^/api/v1/archives/${archiveId}/documents/\\d+/content$`));
    const content = await page.evaluate(async (u) => {
      const r = await fetch(u);
      return { status: r.status, type: r.headers.get('content-type'), text: await r.text() };
    }, href);
    assert.equal(content.status, 200);
    assert.match(content.type, /^application\/pdf/);
    assert.equal(content.text, PDF);
    await screenshot(page, 'archive-scan-uploaded');

    // A text file named .pdf: the server looks at the bytes and refuses; its reason is shown.
    const refused = page.waitForResponse((r) => r.url().includes('/documents?') && r.request().method() === 'POST');
    await page.getByTestId('scan-input-contract').setInputFiles({
      name: 'not-a-scan.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('just some text, no PDF\n'),
    });
    assert.equal((await refused).status(), 415);
    await page.getByTestId('scan-error').getByText('only PDF, JPEG and PNG scans are accepted').waitFor();
    assert.equal(await page.getByTestId('scan-link-contract').count(), 0);
    await page.getByTestId('scan-missing-contract').waitFor();
    await screenshot(page, 'archive-scan-refused');

    // The keeper withdraws the scan with a reason: it stays listed, struck through, and the item
    // is unscanned again.
    const docId = await link.getAttribute('data-doc');
    await page.getByTestId(`scan-withdraw-${docId}`).click();
    await page.locator('#withdraw-save').click();
    await page.locator('.ant-modal').getByText('请填写撤回原因').waitFor();
    await page.getByTestId('withdraw-reason').fill('扫描不清晰');
    const withdrawn = page.waitForResponse((r) => r.url().endsWith(`/documents/${docId}/withdraw`));
    await page.locator('#withdraw-save').click();
    assert.equal((await withdrawn).status(), 200);
    const struck = page.getByTestId(`scan-withdrawn-${docId}`);
    await struck.waitFor();
    assert.match(await struck.innerText(), /购车发票\.pdf.*扫描不清晰/s);
    assert.equal(await struck.locator('del').count(), 1);
    await page.getByTestId('scan-missing-invoice').waitFor();
    assert.equal(await page.getByTestId('scan-link-invoice').count(), 0);
    await screenshot(page, 'archive-scan-withdrawn');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('the policy page shows the scan settings as yes/no and MiB', async () => {
  const page = await env.browser.context.newPage();
  const problems = watchPage(page);
  try {
    await login(page, env.server.url, 'admin');
    await page.goto(`${env.server.url}/policy`);
    const requires = page.getByTestId('policy-value-archive.filing_requires_scans');
    await requires.waitFor();
    assert.equal((await requires.innerText()).trim(), '是');
    assert.equal((await page.getByTestId('policy-value-archive.max_document_mib').innerText()).trim(), '20 MiB');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('the administrator adds an item to the new-car checklist; an archive shows it missing', async () => {
  const page = await env.browser.context.newPage();
  const problems = watchPage(page);
  try {
    await login(page, env.server.url, 'admin');
    await page.getByTestId('nav-checklists').click();
    await page.waitForURL(/\/settings\/checklists$/);
    const pane = page.locator('.ant-tabs-tabpane-active');
    await pane.getByTestId('checklist-default').waitFor();
    const rows = pane.getByTestId('checklist-table-new_car').locator('tbody tr.ant-table-row');
    const n = await rows.count();
    assert.ok(n >= 10, `the shipped new-car checklist has its items (${n})`);

    await pane.getByTestId('checklist-add').click();
    await pane.getByTestId(`checklist-code-${n}`).fill('Warranty Card');
    await pane.getByTestId(`checklist-title-zh-${n}`).fill('保修手册');
    await pane.getByTestId(`checklist-title-en-${n}`).fill('Warranty booklet');
    await pane.getByTestId(`checklist-customer-sig-${n}`).check();
    await pane.getByTestId('checklist-dirty').waitFor();

    // The server refuses the code; its message is shown at the field.
    const refused = page.waitForResponse((r) => r.url().endsWith('/archive-checklists/new_car'));
    await pane.getByTestId('checklist-save').click();
    assert.equal((await refused).status(), 400);
    await pane.getByTestId(`checklist-error-${n}-code`).getByText(/lower-case letters/).waitFor();
    await screenshot(page, 'checklist-refused');

    await pane.getByTestId(`checklist-code-${n}`).fill('warranty_booklet');
    assert.equal(await pane.getByTestId(`checklist-error-${n}-code`).count(), 0);
    const saved = page.waitForResponse((r) => r.url().endsWith('/archive-checklists/new_car'));
    await pane.getByTestId('checklist-save').click();
    const savedResp = await saved;
    assert.equal(savedResp.status(), 200);
    assert.equal((await savedResp.json()).version, 1);
    await pane.getByTestId('checklist-version').waitFor();
    assert.equal(await pane.getByTestId('checklist-default').count(), 0);
    assert.equal(await pane.getByTestId('checklist-dirty').count(), 0);

    // After a reload the item is there.
    await page.reload();
    await page.locator('.ant-tabs-tabpane-active').getByTestId(`checklist-code-${n}`).waitFor();
    assert.equal(await page.locator('.ant-tabs-tabpane-active').getByTestId(`checklist-code-${n}`).inputValue(), 'warranty_booklet');
    assert.equal(await page.locator('.ant-tabs-tabpane-active').getByTestId(`checklist-title-zh-${n}`).inputValue(), '保修手册');
    assert.ok(await page.locator('.ant-tabs-tabpane-active').getByTestId(`checklist-customer-sig-${n}`).isChecked());
    // The after-sales checklist is unchanged.
    await page.getByTestId('checklist-tab-after_sales').click();
    await page.locator('.ant-tabs-tabpane-active').getByTestId('checklist-table-after_sales').waitFor();
    await page.locator('.ant-tabs-tabpane-active').getByTestId('checklist-default').waitFor();
    await screenshot(page, 'checklist-saved');

    // Every new-car archive now lists the item, missing.
    const archiveId = await newCarArchive(page);
    assert.ok(archiveId);
    await page.goto(`${env.server.url}/archives/${archiveId}`);
    const row = page.getByTestId('archive-checklist').locator('tr', { hasText: '保修手册' });
    await row.waitFor();
    assert.match(await row.innerText(), /缺失/);
    assert.match(await row.innerText(), /客户签字/);
    // Missing, so no scan is expected of it.
    assert.equal(await page.getByTestId('scan-missing-warranty_booklet').count(), 0);
    await screenshot(page, 'archive-new-checklist-item');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
