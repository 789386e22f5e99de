// Browser test of SEC-11, customer statistics reports: the sales director defines a report of their
// department and sees its figures as charts, proposes a new item (pending the general manager's
// approval) and asks to send the report to the customer care department; the customer relations
// manager there sees nothing yet; the customer service manager reviews it, the general manager
// approves the distribution and the item change; then the customer relations manager reads the
// report and downloads it as CSV under the watermark.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, login, pageCall, pickOption, screenshot, serverAndBrowser, watchPage } from './helpers/harness.mjs';

const env = serverAndBrowser();

async function openReports(page, tab) {
  await page.getByTestId('nav-reports').click();
  await page.waitForURL(/\/customer-reports/);
  await page.getByText('客户统计报表（SEC-11）').waitFor();
  if (tab) await page.getByTestId(`reports-tab-${tab}`).click();
}

async function decide(page, row, comment) {
  await row.getByTestId('report-approve').click();
  const answer = page.waitForResponse((r) => /\/decision$/.test(r.url()) && r.request().method() === 'POST');
  await page.getByTestId('report-decision-comment').fill(comment);
  await page.locator('#report-decision-save').click();
  const resp = await answer;
  assert.equal(resp.status(), 200, await resp.text());
  return resp.json();
}

test('SEC-11: a report for another department is reviewed, approved, and only then read there', async () => {
  const otherBrowser = await launchBrowser();
  const preparer = await env.browser.context.newPage();
  const other = await otherBrowser.context.newPage();
  const problems = [watchPage(preparer), watchPage(other)];
  try {
    // The sales director defines a report of their department.
    await login(preparer, env.server.url, 'salesdir');
    await openReports(preparer);
    await preparer.getByTestId('report-new').click();
    await preparer.getByTestId('report-title').fill('北京店销售部客户统计');
    await pickOption(preparer, preparer.getByTestId('report-department'), '北京店销售部', '北京店销售部');
    await preparer.locator('.ant-checkbox-wrapper', { hasText: '按客户类别（CLS-2）' }).click();
    await preparer.locator('.ant-checkbox-wrapper', { hasText: '按车辆品牌' }).click();
    let answer = preparer.waitForResponse((r) => r.url().endsWith('/api/v1/customer-reports') && r.request().method() === 'POST');
    await preparer.locator('#report-save').click();
    let resp = await answer;
    assert.equal(resp.status(), 201, await resp.text());
    const report = await resp.json();
    assert.deepEqual(report.items, ['customers_by_category', 'vehicles_by_brand']);
    const row = preparer.locator(`[data-testid="report-row"][data-id="${report.id}"]`);
    await row.waitFor();

    // Its figures, as charts: counts only.
    await row.getByTestId('report-view').click();
    await preparer.locator('[data-testid="report-item"][data-item="customers_by_category"] canvas').first().waitFor();
    const keyCount = Number(
      await preparer.locator('[data-testid="report-item"][data-item="customers_by_category"] [data-testid="report-figure"][data-key="key"]').getAttribute('data-count'),
    );
    assert.ok(keyCount >= 0);
    await screenshot(preparer, 'reports-figures');
    await preparer.locator('.ant-modal-wrap:visible .ant-modal-close').click();
    await preparer.getByTestId('report-figures').waitFor({ state: 'hidden' });

    // A new item waits for the general manager; the report keeps its items.
    await row.getByTestId('report-edit').click();
    await preparer.locator('.ant-checkbox-wrapper', { hasText: '按客户等级（CLS-3）' }).click();
    await preparer.getByTestId('report-note').fill('增加客户等级分布');
    answer = preparer.waitForResponse((r) => r.url().endsWith(`/api/v1/customer-reports/${report.id}`) && r.request().method() === 'PATCH');
    await preparer.locator('#report-save').click();
    resp = await answer;
    assert.equal(resp.status(), 200, await resp.text());
    const pending = await resp.json();
    assert.deepEqual(pending.items, ['customers_by_category', 'vehicles_by_brand']);
    assert.ok(pending.pending_change);
    await row.getByTestId('report-pending-change').filter({ hasText: '项目变更待总经理批准' }).waitFor();

    // The distribution to the customer care department (another department: two steps).
    await row.getByTestId('report-distribute').click();
    await pickOption(preparer, preparer.getByTestId('report-recipient'), '北京店客户关爱部', '北京店客户关爱部');
    await preparer.getByTestId('report-send-note').fill('供客户关爱部制定回访计划');
    answer = preparer.waitForResponse((r) => r.url().endsWith(`/distributions`) && r.request().method() === 'POST');
    await preparer.locator('#report-send').click();
    resp = await answer;
    assert.equal(resp.status(), 201, await resp.text());
    const distribution = await resp.json();
    assert.equal(distribution.steps.length, 2);
    const mine = preparer.locator(`[data-testid="report-request-row"][data-id="${distribution.id}"]`);
    await mine.getByTestId('report-status').filter({ hasText: '审批中' }).waitFor();

    // Before approval the recipient department sees nothing.
    await login(other, env.server.url, 'crm');
    await openReports(other, 'received');
    await other.getByTestId('reports-received-empty').waitFor();
    assert.equal((await pageCall(other, 'GET', `/report-distributions/${distribution.id}`)).status, 404);

    // The customer service manager reviews; the general manager cannot skip the review.
    await login(other, env.server.url, 'gm');
    assert.equal(
      (await pageCall(other, 'POST', `/report-distributions/${distribution.id}/decision`, { decision: 'approve', version: 1 })).status,
      403,
    );
    await login(other, env.server.url, 'csm');
    await openReports(other, 'inbox');
    const review = other.locator(`[data-testid="report-request-row"][data-id="${distribution.id}"][data-kind="distribution"]`);
    await review.getByTestId('report-current-step').filter({ hasText: '客服部经理审核' }).waitFor();
    const reviewed = await decide(other, review, '数据已核对');
    assert.equal(reviewed.status, 'pending');
    await review.waitFor({ state: 'detached' });

    // The general manager approves the distribution and the item change.
    await login(other, env.server.url, 'gm');
    await openReports(other, 'inbox');
    const approval = other.locator(`[data-testid="report-request-row"][data-id="${distribution.id}"][data-kind="distribution"]`);
    await approval.getByTestId('report-current-step').filter({ hasText: '总经理批准' }).waitFor();
    await screenshot(other, 'reports-inbox-gm');
    assert.equal((await decide(other, approval, '同意分发')).status, 'approved');
    const change = other.locator(`[data-testid="report-request-row"][data-id="${pending.pending_change.id}"][data-kind="change"]`);
    assert.equal((await decide(other, change, '同意增加')).status, 'approved');

    // Now the customer relations manager reads the snapshot and downloads it.
    await login(other, env.server.url, 'crm');
    await openReports(other, 'received');
    const received = other.locator(`[data-testid="report-request-row"][data-id="${distribution.id}"]`);
    await received.getByTestId('report-status').filter({ hasText: '已批准' }).waitFor();
    await received.locator('.ant-table-row-expand-icon').click();
    await other.locator('[data-testid="report-item"][data-item="vehicles_by_brand"] canvas').first().waitFor();
    const seenKey = Number(
      await other.locator('[data-testid="report-item"][data-item="customers_by_category"] [data-testid="report-figure"][data-key="key"]').getAttribute('data-count'),
    );
    assert.equal(seenKey, keyCount);
    await screenshot(other, 'reports-received');
    const href = await received.getByTestId('report-download').getAttribute('href');
    const csv = await other.evaluate(async (url) => (await fetch(url)).text(), href);
    assert.match(csv, /# Patron customer report export by crm at /);
    assert.match(csv, /customers_by_category,key,\d+/);

    // The preparer's report now has the approved items.
    await preparer.reload();
    await openReports(preparer, 'reports');
    await row.getByText('按客户等级（CLS-3）').waitFor();
    assert.equal(await row.getByTestId('report-pending-change').count(), 0);

    // English texts.
    await other.getByTestId('lang-en').click();
    await other.getByText('Customer statistics reports (SEC-11)').waitFor();
    assert.equal((await other.getByTestId('nav-reports').innerText()).trim(), 'Customer reports');
    await other.getByTestId('lang-zh').click();

    // The administrator finds the SEC-11 chains among the approval chains.
    await login(other, env.server.url, 'admin');
    await other.goto(`${env.server.url}/settings/approval-chains`);
    await other.getByTestId('chain-tab-report_distribution').click();
    await other.getByTestId('chain-table-report_distribution').waitFor();
    const chain = other.locator('.ant-tabs-tabpane-active');
    assert.equal(await chain.getByTestId('chain-name-0').inputValue(), '客服部经理审核 (SEC-11)');
    assert.equal(await chain.getByTestId('chain-name-1').inputValue(), '总经理批准 (SEC-11)');

    assert.deepEqual(problems.flat(), []);
  } finally {
    await preparer.close();
    await other.close();
    await otherBrowser.close();
  }
});

test('SEC-11: the sales director recalls a pending distribution; it is never reviewed or sent', async () => {
  const page = await env.browser.context.newPage();
  const problems = watchPage(page);
  try {
    await login(page, env.server.url, 'salesdir');
    const me = await pageCall(page, 'GET', '/auth/me');
    const departments = (await pageCall(page, 'GET', '/departments')).body;
    const care = departments.find((d) => d.name === '北京店客户关爱部');
    const created = await pageCall(page, 'POST', '/customer-reports', {
      title: '待撤回的报表',
      department_id: me.body.department_id,
      items: ['customers_by_category'],
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const sent = await pageCall(page, 'POST', `/customer-reports/${created.body.id}/distributions`, {
      recipient_department_id: care.id,
      note: '发错了部门',
    });
    assert.equal(sent.status, 201, JSON.stringify(sent.body));
    await openReports(page, 'mine');
    const row = page.locator(`[data-testid="report-request-row"][data-id="${sent.body.id}"]`);
    await row.getByTestId('report-status').filter({ hasText: '审批中' }).waitFor();
    await row.getByTestId('report-withdraw').click();
    const answer = page.waitForResponse((r) => r.url().endsWith(`/report-distributions/${sent.body.id}/withdraw`));
    await page.getByTestId('report-withdraw-confirm').click();
    assert.equal((await answer).status(), 200);
    await row.getByTestId('report-status').filter({ hasText: '已撤回' }).waitFor();
    assert.equal(await row.getByTestId('report-withdraw').count(), 0);
    await screenshot(page, 'reports-withdrawn');
    // Nobody has it to decide any more.
    const again = await pageCall(page, 'POST', `/report-distributions/${sent.body.id}/withdraw`, { version: 2 });
    assert.equal(again.status, 422);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
