// Browser test of SEC-5, the lending register of the paper archives: a sales consultant asks to
// borrow a file of their department (an access request for "lend"), their department manager and
// the information management specialist approve it (set up over the API); the archive keeper lends
// the file in the register — refused without the borrower's signature and to someone without an
// approved borrowing — and enters its return as intact; the consultant sees the loan as their own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formItem,
  launchBrowser,
  login,
  pageCall,
  pickOption,
  screenshot,
  serverAndBrowser,
  watchPage,
} from './helpers/harness.mjs';

const env = serverAndBrowser();



test('SEC-5: an approved borrowing is lent in the register with the signature and returned intact', async () => {
  const otherBrowser = await launchBrowser();
  const keeper = await env.browser.context.newPage();
  const other = await otherBrowser.context.newPage();
  // Refusals (400/422) are expected here: only page errors and 5xx answers count as problems.
  const problems = [watchPage(keeper), watchPage(other)];
  try {
    // sales1 asks to borrow a filed archive of their own department.
    await login(other, env.server.url, 'sales1');
    const archive = await other.evaluate(async () => {
      const me = await (await fetch('/api/v1/auth/me')).json();
      const list = await (await fetch('/api/v1/archives?status=filed&page_size=100')).json();
      const a = list.items.find((x) => x.department_id === me.department_id && (x.secrecy ?? 'normal') === 'normal');
      return a ? { id: a.id, number: a.number } : null;
    });
    assert.ok(archive, 'the demo data has a filed archive of sales1\'s department');
    const asked = await pageCall(other, 'POST', '/access-requests', {
      object_type: 'archive',
      object_id: archive.id,
      actions: ['lend'],
      purpose: '借阅纸质档案',
      reason: '核对购车合同原件',
      days: 3,
    });
    assert.equal(asked.status, 201, JSON.stringify(asked.body));
    // The lending chain: the borrower's department manager, then the information management specialist.
    assert.equal(asked.body.steps.length, 2);
    assert.equal(asked.body.steps[0].scope, 'requester_department');
    assert.deepEqual(asked.body.steps[1].roles, ['info_specialist']);
    let version = asked.body.version;
    for (const approver of ['salesdir', 'infospec']) {
      await login(other, env.server.url, approver);
      const decided = await pageCall(other, 'POST', `/access-requests/${asked.body.id}/decision`, {
        decision: 'approve',
        comment: '同意借阅',
        version,
      });
      assert.equal(decided.status, 200, `${approver}: ${JSON.stringify(decided.body)}`);
      version = decided.body.version;
    }
    const approved = await pageCall(other, 'GET', `/access-requests/${asked.body.id}`);
    if (approved.status === 200) assert.equal(approved.body.status, 'approved');

    // The keeper opens the register from the menu and lends the file.
    await login(keeper, env.server.url, 'keeper');
    await keeper.getByTestId('nav-lending').click();
    await keeper.waitForURL(/\/archive-loans$/);
    await keeper.getByText('档案借阅登记（SEC-5）').waitFor();
    await keeper.getByTestId('loan-lend').click();
    await keeper.getByTestId('loan-lend-form').waitFor();
    await pickOption(keeper, keeper.getByTestId('loan-archive-select'), archive.number, archive.number);
    // Someone without an approved borrowing first: sales2.
    await pickOption(keeper, keeper.getByTestId('loan-borrower-select'), '陈销售顾问 (sales2)', 'sales2');
    await keeper.getByTestId('loan-title-input').fill('销售合同原件');
    await keeper.getByTestId('loan-copies').fill('2');
    await keeper.getByTestId('loan-reason').fill('核对购车合同原件');
    // Without the borrower's signature nothing is sent.
    let posted = 0;
    keeper.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/v1/archive-loans')) posted += 1;
    });
    await keeper.locator('#loan-lend-save').click();
    await formItem(keeper, 'loan-signed').getByText('借阅人须在纸质登记簿上签字').waitFor();
    assert.equal(posted, 0);
    await keeper.getByTestId('loan-signed').check();
    // sales2 holds no approved borrowing: the server's answer goes to the borrower field.
    let sent = keeper.waitForResponse((r) => r.url().endsWith('/api/v1/archive-loans') && r.request().method() === 'POST');
    await keeper.locator('#loan-lend-save').click();
    assert.equal((await sent).status(), 422);
    await formItem(keeper, 'loan-borrower-select').locator('.ant-form-item-explain-error').waitFor();
    await screenshot(keeper, 'lending-refused');
    await pickOption(keeper, keeper.getByTestId('loan-borrower-select'), '冯销售顾问 (sales1)', 'sales1');
    sent = keeper.waitForResponse((r) => r.url().endsWith('/api/v1/archive-loans') && r.request().method() === 'POST');
    await keeper.locator('#loan-lend-save').click();
    const lentResp = await sent;
    assert.equal(lentResp.status(), 201, await lentResp.text());
    const loan = await lentResp.json();
    assert.equal(loan.status, 'out');
    assert.equal(loan.archive_id, archive.id);
    assert.equal(loan.copies, 2);
    assert.equal(loan.borrower_signed, true);
    assert.equal(loan.borrower_name, '冯销售顾问');
    assert.match(loan.due_on, /^\d{4}-\d{2}-\d{2}$/);
    await keeper.getByTestId('loan-lend-form').waitFor({ state: 'detached' });

    const row = keeper.locator(`[data-testid="loan-row"][data-id="${loan.id}"]`);
    await row.getByTestId('loan-status').filter({ hasText: '借出中' }).waitFor();
    assert.equal((await row.getByTestId('loan-archive').innerText()).trim(), archive.number);
    assert.equal((await row.getByTestId('loan-borrower').innerText()).trim(), '冯销售顾问');
    assert.match(await row.getByTestId('loan-due').innerText(), new RegExp(loan.due_on));
    assert.equal(await row.getByTestId('loan-due').getAttribute('data-overdue'), 'false');
    assert.match(await row.getByTestId('loan-title').innerText(), /销售合同原件/);
    await screenshot(keeper, 'lending-out');

    // The return: a damaged file needs a note; entered as intact.
    await row.getByTestId('loan-return').click();
    await keeper.getByTestId('loan-return-form').waitFor();
    await keeper.getByTestId('loan-condition-damaged').check();
    await keeper.locator('#loan-return-save').click();
    await formItem(keeper, 'loan-note').getByText('请填写情况说明').waitFor();
    await keeper.getByTestId('loan-condition-intact').check();
    const returned = keeper.waitForResponse((r) => r.url().endsWith(`/api/v1/archive-loans/${loan.id}/return`));
    await keeper.locator('#loan-return-save').click();
    const returnedResp = await returned;
    assert.equal(returnedResp.status(), 200, await returnedResp.text());
    const back = await returnedResp.json();
    assert.equal(back.status, 'returned');
    assert.equal(back.condition, 'intact');
    assert.equal(back.incident_id, null);
    await row.getByTestId('loan-status').filter({ hasText: '已归还' }).waitFor();
    await row.getByTestId('loan-condition').filter({ hasText: '完好' }).waitFor();
    assert.match(await row.getByTestId('loan-returned').innerText(), /周档案管理员/);
    assert.equal(await row.getByTestId('loan-return').count(), 0);
    assert.equal(await row.getByTestId('loan-incident').count(), 0);
    await screenshot(keeper, 'lending-returned');

    // The filters: not among the loans out, among the returned ones.
    await keeper.getByTestId('loan-filter-out').click();
    await keeper.waitForURL(/status=out/);
    await row.waitFor({ state: 'detached' });
    await keeper.getByTestId('loan-filter-returned').click();
    await keeper.waitForURL(/status=returned/);
    await row.getByTestId('loan-status').filter({ hasText: '已归还' }).waitFor();

    // The borrower sees the loan as their own; no lending or return.
    await login(other, env.server.url, 'sales1');
    await other.getByTestId('nav-lending').click();
    await other.waitForURL(/\/archive-loans$/);
    await other.getByTestId('loan-mine-only').waitFor();
    const mine = other.locator(`[data-testid="loan-row"][data-id="${loan.id}"]`);
    await mine.getByTestId('loan-status').filter({ hasText: '已归还' }).waitFor();
    assert.equal((await mine.getByTestId('loan-archive').innerText()).trim(), archive.number);
    assert.equal(await other.getByTestId('loan-lend').count(), 0);
    assert.equal(await other.getByTestId('loan-return').count(), 0);
    await screenshot(other, 'lending-mine');

    // English texts.
    await other.getByTestId('lang-en').click();
    await other.getByText('Lending register (SEC-5)').waitFor();
    await mine.getByTestId('loan-status').filter({ hasText: 'Returned' }).waitFor();
    assert.equal((await other.getByTestId('nav-lending').innerText()).trim(), 'Lending register');
    await other.getByTestId('lang-zh').click();
    await other.getByTestId('nav-lending').filter({ hasText: '借阅登记' }).waitFor();

    // The administrator finds the lending chain among the approval chains.
    await login(other, env.server.url, 'admin');
    await other.goto(`${env.server.url}/settings/approval-chains`);
    await other.getByTestId('chain-tab-lending').filter({ hasText: '借阅（SEC-5）' }).click();
    await other.getByTestId('chain-table-lending').waitFor();
    const lending = other.locator('.ant-tabs-tabpane-active');
    assert.equal(await lending.getByTestId('chain-name-0').inputValue(), '借阅人部门经理审批 (SEC-5)');
    assert.equal(await lending.getByTestId('chain-name-1').inputValue(), '信息管理专员审批 (SEC-5)');
    // SEC-8: giving material to an outside party needs two approvals.
    await other.getByTestId('chain-tab-disclosure').filter({ hasText: '对外提供（SEC-8）' }).click();
    await other.getByTestId('chain-table-disclosure').waitFor();
    const disclosure = other.locator('.ant-tabs-tabpane-active');
    assert.equal(await disclosure.getByTestId('chain-name-0').inputValue(), '客户信息主管审批 (SEC-8)');
    assert.equal(await disclosure.getByTestId('chain-name-1').inputValue(), '客服部经理审批 (SEC-8)');

    assert.deepEqual(problems.flat(), []);
  } finally {
    await keeper.close();
    await other.close();
    await otherBrowser.close();
  }
});
