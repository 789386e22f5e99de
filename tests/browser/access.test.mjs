// Browser tests of access requests and grants (SEC-2/SEC-4/SEC-12): a sales consultant of the
// Shanghai store is refused a Beijing archive (SEC-4), asks for access from the refusal screen, the
// general manager approves it in the inbox, the consultant reads the archive; the general manager
// revokes the grant and the consultant is refused again. Then the administrator edits an approval
// chain, and a stale save is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formItem, launchBrowser, login, pageCall, pickOption, screenshot, serverAndBrowser, watchPage } from './helpers/harness.mjs';

const env = serverAndBrowser();

/** As the general manager (who sees every department): a filed Beijing archive of a normal customer. */
async function beijingArchive(page) {
  return page.evaluate(async () => {
    const list = await (await fetch('/api/v1/archives?status=filed&page_size=100')).json();
    for (const a of list.items) {
      const customer = await (await fetch(`/api/v1/customers/${a.customer_id}`)).json();
      if (customer.secrecy === 'normal') {
        return { id: a.id, number: a.number, customer: { id: customer.id, name: customer.name } };
      }
    }
    return null;
  });
}

test('SEC-4: refused another store\'s archive, the consultant asks; the general manager approves, then revokes', async () => {
  // The general manager works in a browser of their own (a session of their own).
  const gmBrowser = await launchBrowser();
  const consultant = await env.browser.context.newPage();
  const gm = await gmBrowser.context.newPage();
  // Refusals (403) are expected here: only page errors and 5xx answers count as problems.
  const consultantProblems = watchPage(consultant);
  const gmProblems = watchPage(gm);
  try {
    await login(gm, env.server.url, 'gm');
    const archive = await beijingArchive(gm);
    assert.ok(archive, 'the demo data has a filed Beijing archive of a normal customer');

    // The Shanghai consultant opens the Beijing archive: refused, with the way to ask.
    await login(consultant, env.server.url, 'sales2');
    await consultant.goto(`${env.server.url}/archives/${archive.id}`);
    const refused = consultant.getByTestId('access-refused');
    await refused.waitFor();
    assert.equal(await refused.getAttribute('data-status'), '403');
    await refused.getByText('无权查看', { exact: true }).waitFor();
    assert.match(await consultant.getByTestId('access-refused-detail').innerText(), /SEC-4/);
    await screenshot(consultant, 'access-refused');

    // The request form is pre-filled with the archive.
    await consultant.getByTestId('request-access').click();
    const form = consultant.getByTestId('access-request-form');
    await form.waitFor();
    assert.ok(await consultant.getByTestId('access-object-type-archive').isChecked());
    assert.equal(await consultant.getByTestId('access-object-id').inputValue(), String(archive.id));
    assert.ok(await consultant.getByTestId('access-action-read').isChecked());

    // The purpose and reason are required (checked in the browser) ...
    let posted = 0;
    consultant.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/v1/access-requests')) posted += 1;
    });
    await consultant.locator('#access-request-save').click();
    await formItem(consultant, 'access-purpose').getByText('请填写用途').waitFor();
    await formItem(consultant, 'access-reason').getByText('请填写理由').waitFor();
    assert.equal(posted, 0);
    // ... the period by the server, whose answer goes to its field.
    await consultant.getByTestId('access-purpose').fill('核对客户购车合同');
    await consultant.getByTestId('access-reason').fill('客户在上海店办理置换，需核对北京店的购车合同与发票信息');
    await consultant.getByTestId('access-days').fill('120');
    let sent = consultant.waitForResponse((r) => r.url().endsWith('/api/v1/access-requests') && r.request().method() === 'POST');
    await consultant.locator('#access-request-save').click();
    assert.equal((await sent).status(), 400);
    await formItem(consultant, 'access-days').getByText('must be between 1 and 90').waitFor();
    await consultant.getByTestId('access-days').fill('7');
    sent = consultant.waitForResponse((r) => r.url().endsWith('/api/v1/access-requests') && r.request().method() === 'POST');
    await consultant.locator('#access-request-save').click();
    const createdResp = await sent;
    assert.equal(createdResp.status(), 201);
    const request = await createdResp.json();
    assert.equal(request.status, 'pending');
    assert.equal(request.object_id, archive.id);
    assert.deepEqual(request.actions, ['read']);
    assert.equal(request.days, 7);
    // SEC-4: another department's record goes to the general manager.
    assert.equal(request.steps.length, 1);
    assert.deepEqual(request.steps[0].roles, ['general_manager']);
    const notice = consultant.getByTestId('access-requested');
    await notice.waitFor();
    assert.match(await notice.innerText(), new RegExp(`#${request.id}`));
    assert.match(await notice.innerText(), /总经理审批/);
    await screenshot(consultant, 'access-requested');

    // My requests: pending, waiting for the general manager.
    await consultant.getByTestId('nav-access').click();
    await consultant.getByTestId('nav-access-requests').click();
    await consultant.waitForURL(/\/access$/);
    const myRow = consultant.locator(`[data-testid="access-request-row"][data-id="${request.id}"]`);
    await myRow.waitFor();
    assert.equal((await myRow.getByTestId('access-request-status').innerText()).trim(), '审批中');
    assert.match(await myRow.innerText(), /核对客户购车合同/);
    const pendingStep = consultant.getByTestId('access-step-0');
    await pendingStep.waitFor();
    assert.equal(await pendingStep.getAttribute('data-status'), 'process');
    assert.match(await pendingStep.innerText(), /待审批：总经理（全组织）/);
    assert.equal(await myRow.getByTestId('access-withdraw').count(), 1);
    await screenshot(consultant, 'access-mine-pending');
    // Nobody decides their own request: the consultant's inbox is empty.
    await consultant.getByTestId('access-tab-inbox').click();
    await consultant.getByTestId('access-inbox-empty').waitFor();

    // The general manager finds it in the inbox and approves it.
    await gm.getByTestId('nav-access').click();
    await gm.getByTestId('nav-access-requests').click();
    await gm.getByTestId('access-tab-inbox').click();
    await gm.waitForURL(/tab=inbox/);
    const inboxRow = gm.locator(`[data-testid="access-request-row"][data-id="${request.id}"]`);
    await inboxRow.waitFor();
    const inboxText = await inboxRow.innerText();
    assert.match(inboxText, /陈销售顾问/);
    assert.match(inboxText, new RegExp(archive.number));
    assert.match(inboxText, /查阅/);
    await inboxRow.getByTestId('access-approve').click();
    await gm.getByTestId('access-decision-comment').waitFor();
    await gm.getByTestId('access-decision-comment').fill('同意，限查阅');
    await screenshot(gm, 'access-decision');
    const decided = gm.waitForResponse((r) => r.url().endsWith(`/api/v1/access-requests/${request.id}/decision`));
    await gm.locator('#access-decision-save').click();
    const decidedResp = await decided;
    assert.equal(decidedResp.status(), 200);
    assert.equal((await decidedResp.json()).status, 'approved');
    await gm.getByTestId('access-inbox-empty').waitFor();
    await screenshot(gm, 'access-inbox-decided');

    // The consultant now reads the archive.
    await consultant.goto(`${env.server.url}/archives/${archive.id}`);
    await consultant.getByTestId('archive-number').filter({ hasText: archive.number }).waitFor();
    assert.equal(await consultant.getByTestId('access-refused').count(), 0);
    await screenshot(consultant, 'access-archive-granted');
    await consultant.goto(`${env.server.url}/access`);
    await myRow.getByTestId('access-request-status').filter({ hasText: '已批准' }).waitFor();
    assert.equal(await myRow.getByTestId('access-withdraw').count(), 0);
    await myRow.locator('.ant-table-row-expand-icon').click();
    const approvedStep = consultant.getByTestId('access-step-0');
    await approvedStep.waitFor();
    assert.equal(await approvedStep.getAttribute('data-status'), 'finish');
    assert.match(await approvedStep.innerText(), /赵总经理 批准/);
    assert.match(await approvedStep.innerText(), /同意，限查阅/);
    await screenshot(consultant, 'access-mine-approved');
    // The grant: active, from the request, for 7 days.
    await consultant.getByTestId('nav-access-grants').click();
    await consultant.waitForURL(/\/access\/grants$/);
    const myGrant = consultant.getByTestId('grant-row');
    await myGrant.first().waitFor();
    assert.equal(await myGrant.count(), 1);
    assert.equal((await myGrant.getByTestId('grant-status').innerText()).trim(), '有效');
    assert.match(await myGrant.innerText(), new RegExp(`申请 #${request.id}`));
    // The record shows as its archive number (object_label), not its id.
    assert.ok((await myGrant.getByTestId('access-object').innerText()).includes(archive.number));
    assert.match(await myGrant.innerText(), /赵总经理/);
    // Only the general manager and auditors see everyone's grants and authorise.
    assert.equal(await consultant.getByTestId('grants-tab-all').count(), 0);
    assert.equal(await consultant.getByTestId('grant-authorise').count(), 0);
    const grantId = await myGrant.first().getAttribute('data-id');

    // English texts.
    await consultant.getByTestId('lang-en').click();
    await consultant.getByText('Access grants (SEC-12)').waitFor();
    assert.equal((await myGrant.getByTestId('grant-status').innerText()).trim(), 'Active');
    await consultant.getByTestId('nav-access-requests').click();
    await myRow.getByTestId('access-request-status').filter({ hasText: 'Approved' }).waitFor();
    await consultant.getByTestId('lang-zh').click();
    await myRow.getByTestId('access-request-status').filter({ hasText: '已批准' }).waitFor();

    // The general manager revokes the grant; a reason is required.
    await gm.getByTestId('nav-access-grants').click();
    await gm.getByTestId('grants-tab-all').click();
    await gm.waitForURL(/tab=all/);
    const gmGrant = gm.locator(`[data-testid="grant-row"][data-id="${grantId}"]`);
    await gmGrant.waitFor();
    assert.match(await gmGrant.innerText(), /陈销售顾问/);
    assert.ok((await gmGrant.getByTestId('access-object').innerText()).includes(archive.number));
    await gmGrant.getByTestId('grant-revoke').click();
    await gm.getByTestId('grant-revoke-reason').waitFor();
    await gm.locator('#grant-revoke-save').click();
    await formItem(gm, 'grant-revoke-reason').getByText('请填写撤销原因').waitFor();
    await gm.getByTestId('grant-revoke-reason').fill('合同已核对完毕');
    const revoked = gm.waitForResponse((r) => r.url().endsWith(`/api/v1/access-grants/${grantId}/revoke`));
    await gm.locator('#grant-revoke-save').click();
    assert.equal((await revoked).status(), 200);
    await gmGrant.getByTestId('grant-status').filter({ hasText: '已撤销' }).waitFor();
    assert.match(await gmGrant.getByTestId('grant-revoked-info').innerText(), /赵总经理.*合同已核对完毕/);
    assert.equal(await gmGrant.getByTestId('grant-revoke').count(), 0);
    await screenshot(gm, 'access-grant-revoked');

    // Refused again.
    await consultant.goto(`${env.server.url}/archives/${archive.id}`);
    await consultant.getByTestId('access-refused').waitFor();
    assert.equal(await consultant.getByTestId('archive-number').count(), 0);
    assert.deepEqual(consultantProblems, []);
    assert.deepEqual(gmProblems, []);
  } finally {
    await consultant.close();
    await gm.close();
    await gmBrowser.close();
  }
});

test('requests of a customer withdrawn and rejected; SEC-12: the general manager authorises the consultant directly', async () => {
  const gmBrowser = await launchBrowser();
  const consultant = await env.browser.context.newPage();
  const gm = await gmBrowser.context.newPage();
  const consultantProblems = watchPage(consultant);
  const gmProblems = watchPage(gm);
  try {
    await login(gm, env.server.url, 'gm');
    const { customer } = await beijingArchive(gm);

    // Refused the Beijing customer; the request form would name it.
    await login(consultant, env.server.url, 'sales2');
    await consultant.goto(`${env.server.url}/customers/${customer.id}`);
    await consultant.getByTestId('access-refused').waitFor();
    await consultant.getByTestId('request-access').click();
    await consultant.getByTestId('access-request-form').waitFor();
    assert.ok(await consultant.getByTestId('access-object-type-customer').isChecked());
    assert.equal(await consultant.getByTestId('access-object-id').inputValue(), String(customer.id));
    await consultant.locator('.ant-modal').filter({ has: consultant.locator('#access-request-save') }).getByRole('button', { name: /取\s*消/ }).click();

    // From the requests page: a request of the customer, withdrawn; another, rejected with a reason.
    const ask = async (purpose) => {
      await consultant.getByTestId('access-new').click();
      await consultant.getByTestId('access-request-form').waitFor();
      // A new request starts from the defaults, not from the one sent before; and the dialog has
      // finished zooming in (a click while it moves can miss its target).
      await consultant.waitForFunction(
        () =>
          document.querySelector('[data-testid="access-purpose"]')?.value === '' &&
          !document.querySelector('.ant-zoom-enter, .ant-zoom-appear'),
      );
      assert.equal(await consultant.getByTestId('access-action-copy').isChecked(), false);
      await consultant.getByTestId('access-object-type-customer').check();
      // check() fails at once when the state has not flipped right after its click; about one run
      // in four, a click on this box just after the dialog opened came to nothing (cause not found),
      // so click until it shows checked. The server's answer below asserts what was asked.
      const copy = consultant.getByTestId('access-action-copy');
      for (let attempt = 0; attempt < 3 && !(await copy.isChecked()); attempt++) {
        await copy.click();
        await consultant
          .waitForFunction(() => document.querySelector('[data-testid="access-action-copy"]')?.checked, null, { timeout: 2000 })
          .catch(() => {});
      }
      assert.ok(await copy.isChecked());
      await consultant.getByTestId('access-object-id').fill(String(customer.id));
      await consultant.getByTestId('access-purpose').fill(purpose);
      await consultant.getByTestId('access-reason').fill('上海店需要该客户的联系信息');
      const sent = consultant.waitForResponse((r) => r.url().endsWith('/api/v1/access-requests') && r.request().method() === 'POST');
      await consultant.locator('#access-request-save').click();
      const resp = await sent;
      assert.equal(resp.status(), 201, await resp.text());
      const created = await resp.json();
      assert.deepEqual(created.actions, ['copy', 'read']);
      assert.equal(created.object_type, 'customer');
      const row = consultant.locator(`[data-testid="access-request-row"][data-id="${created.id}"]`);
      await row.getByTestId('access-request-status').filter({ hasText: '审批中' }).waitFor();
      return { created, row };
    };
    await consultant.goto(`${env.server.url}/access`);
    const first = await ask('核对联系电话');
    await first.row.getByTestId('access-withdraw').click();
    const withdrawn = consultant.waitForResponse((r) => r.url().endsWith(`/api/v1/access-requests/${first.created.id}/withdraw`));
    await consultant.getByTestId('access-withdraw-confirm').click();
    assert.equal((await withdrawn).status(), 200);
    await first.row.getByTestId('access-request-status').filter({ hasText: '已撤回' }).waitFor();
    const second = await ask('导出客户资料');

    await gm.goto(`${env.server.url}/access?tab=inbox`);
    const inboxRows = gm.getByTestId('access-request-row');
    await inboxRows.first().waitFor();
    // The withdrawn request is nobody's to decide any more.
    assert.equal(await inboxRows.count(), 1);
    assert.equal(await inboxRows.first().getAttribute('data-id'), String(second.created.id));
    await inboxRows.first().getByTestId('access-reject').click();
    await gm.getByTestId('access-decision-comment').waitFor();
    await gm.locator('#access-decision-save').click();
    await formItem(gm, 'access-decision-comment').getByText('请填写驳回理由').waitFor();
    await gm.getByTestId('access-decision-comment').fill('导出须走 SEC-7 流程');
    const rejected = gm.waitForResponse((r) => r.url().endsWith(`/api/v1/access-requests/${second.created.id}/decision`));
    await gm.locator('#access-decision-save').click();
    assert.equal((await rejected).status(), 200);
    await gm.getByTestId('access-inbox-empty').waitFor();

    await consultant.reload();
    await second.row.getByTestId('access-request-status').filter({ hasText: '已驳回' }).waitFor();
    await second.row.locator('.ant-table-row-expand-icon').click();
    const rejectedStep = consultant.getByTestId('access-step-0');
    await rejectedStep.waitFor();
    assert.equal(await rejectedStep.getAttribute('data-status'), 'error');
    assert.match(await rejectedStep.innerText(), /赵总经理 驳回[\s\S]*导出须走 SEC-7 流程/);
    await screenshot(consultant, 'access-mine-rejected');

    // The general manager authorises without a request.
    await gm.goto(`${env.server.url}/access/grants`);
    await gm.getByTestId('grant-authorise').click();
    await gm.getByTestId('grant-reason').waitFor();
    await gm.getByTestId('grant-grantee').click();
    await gm.keyboard.type('sales2');
    await gm.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '陈销售顾问' }).click();
    await gm.getByTestId('grant-object-type-customer').check();
    await gm.getByTestId('grant-object-id').fill(String(customer.id));
    await gm.getByTestId('grant-days').fill('1');
    await gm.getByTestId('grant-reason').fill('协助上海店处理该客户的投诉');
    const authorised = gm.waitForResponse((r) => r.url().endsWith('/api/v1/access-grants') && r.request().method() === 'POST');
    await gm.locator('#grant-authorise-save').click();
    const resp = await authorised;
    assert.equal(resp.status(), 201, await resp.text());
    const grant = await resp.json();
    assert.equal(grant.kind, 'authorisation');
    assert.equal(grant.object_type, 'customer');
    assert.deepEqual(grant.actions, ['read']);
    await gm.waitForURL(/tab=all/);
    const row = gm.locator(`[data-testid="grant-row"][data-id="${grant.id}"]`);
    await row.waitFor();
    assert.match(await row.innerText(), /直接授权/);
    assert.equal((await row.getByTestId('grant-status').innerText()).trim(), '有效');
    await screenshot(gm, 'access-authorised');

    // The consultant reads the customer.
    await consultant.goto(`${env.server.url}/customers/${customer.id}`);
    await consultant.getByTestId('customer-name').filter({ hasText: customer.name }).waitFor();
    assert.deepEqual(consultantProblems, []);
    assert.deepEqual(gmProblems, []);
  } finally {
    await consultant.close();
    await gm.close();
    await gmBrowser.close();
  }
});

test('the administrator edits the classified chain; a stale save is refused and reloaded', async () => {
  const page = await env.browser.context.newPage();
  const problems = watchPage(page);
  try {
    await login(page, env.server.url, 'admin');
    await page.getByTestId('nav-approval-chains').click();
    await page.waitForURL(/\/settings\/approval-chains$/);
    await page.getByTestId('chain-tab-classified').click();
    const table = page.getByTestId('chain-table-classified');
    await table.waitFor();
    const classified = page.locator('.ant-tabs-tabpane-active');
    await classified.getByTestId('chain-default').waitFor();
    assert.equal(await classified.getByTestId('chain-name-0').inputValue(), '客服部经理审批 (SEC-3)');

    // A second step: the customer director, anywhere in the organisation.
    await classified.getByTestId('chain-add').click();
    await classified.getByTestId('chain-name-1').fill('客户总监审批');
    await pickOption(page, classified.getByTestId('chain-roles-1'), '客户总监');
    await classified.getByTestId('chain-roles-1').locator('.ant-select-selection-item', { hasText: '客户总监' }).waitFor();
    await page.keyboard.press('Escape');
    await pickOption(page, classified.getByTestId('chain-scope-1'), '全组织');
    await classified.getByTestId('chain-dirty').waitFor();
    let saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/approval-chains/classified') && r.request().method() === 'PUT');
    await classified.getByTestId('chain-save').click();
    const savedResp = await saved;
    assert.equal(savedResp.status(), 200, await savedResp.text());
    const chain = await savedResp.json();
    assert.equal(chain.version, 1);
    assert.deepEqual(chain.steps[1], { name: '客户总监审批', roles: ['customer_director'], scope: 'organisation' });
    await classified.getByTestId('chain-version').filter({ hasText: '版本 1' }).waitFor();

    // Someone else saves meanwhile: this page's version is stale.
    const status = await page.evaluate(async () => {
      const csrf = decodeURIComponent((document.cookie.match(/(?:^|;\s*)patron_csrf=([^;]*)/) || [])[1] || '');
      const r = await fetch('/api/v1/approval-chains/classified', {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
        body: JSON.stringify({ steps: [{ name: '客服部经理审批 (SEC-3)', roles: ['customer_service_manager'], scope: 'organisation' }], version: 1 }),
      });
      return r.status;
    });
    assert.equal(status, 200);
    await classified.getByTestId('chain-remove-1').click();
    saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/approval-chains/classified') && r.request().method() === 'PUT');
    await classified.getByTestId('chain-save').click();
    assert.equal((await saved).status(), 409);
    await classified.getByTestId('chain-error').filter({ hasText: '该记录已被他人修改，请重新加载。' }).waitFor();
    await classified.getByTestId('chain-reload').click();
    await classified.getByTestId('chain-version').filter({ hasText: '版本 2' }).waitFor();
    assert.equal(await classified.getByTestId('chain-name-1').count(), 0);
    await screenshot(page, 'access-chains');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('SEC-4: a grant ends with its period; after expiry the consultant is refused again', async () => {
  const gmBrowser = await launchBrowser();
  const consultant = await env.browser.context.newPage();
  const gm = await gmBrowser.context.newPage();
  const consultantProblems = watchPage(consultant);
  const gmProblems = watchPage(gm);
  try {
    await login(gm, env.server.url, 'gm');
    const archive = await beijingArchive(gm);
    await login(consultant, env.server.url, 'sales2');
    // Asked for 2 days and approved by the general manager (the screens are covered above).
    const asked = await pageCall(consultant, 'POST', '/access-requests', {
      object_type: 'archive',
      object_id: archive.id,
      actions: ['read'],
      purpose: '核对发票',
      reason: '客户在上海店办理延保，需核对北京店的购车发票',
      days: 2,
    });
    assert.equal(asked.status, 201, JSON.stringify(asked.body));
    const approved = await pageCall(gm, 'POST', `/access-requests/${asked.body.id}/decision`, {
      decision: 'approve',
      comment: '同意',
      version: asked.body.version,
    });
    assert.equal(approved.status, 200, JSON.stringify(approved.body));
    assert.equal(approved.body.status, 'approved');

    // Within the period the consultant reads the archive; the grant is active.
    await consultant.goto(`${env.server.url}/archives/${archive.id}`);
    await consultant.getByTestId('archive-number').filter({ hasText: archive.number }).waitFor();
    await consultant.goto(`${env.server.url}/access/grants`);
    const grant = consultant.locator('[data-testid="grant-row"]').filter({ hasText: `申请 #${asked.body.id}` });
    await grant.waitFor();
    assert.equal((await grant.getByTestId('grant-status').innerText()).trim(), '有效');

    // Three days later (the server's clock moved ahead): the sessions have ended too (12 h at most),
    // so the consultant logs in again, and the archive is refused as before the grant.
    await env.server.setClockOffset(3 * 24 * 3600);
    await login(consultant, env.server.url, 'sales2');
    await consultant.goto(`${env.server.url}/archives/${archive.id}`);
    const refused = consultant.getByTestId('access-refused');
    await refused.waitFor();
    assert.equal(await refused.getAttribute('data-status'), '403');
    assert.equal(await consultant.getByTestId('archive-number').count(), 0);
    const direct = await pageCall(consultant, 'GET', `/archives/${archive.id}`);
    assert.equal(direct.status, 403);
    await screenshot(consultant, 'access-grant-expired-refused');
    await consultant.goto(`${env.server.url}/access/grants`);
    await grant.waitFor();
    assert.equal((await grant.getByTestId('grant-status').innerText()).trim(), '已过期');
    await screenshot(consultant, 'access-grant-expired');
    assert.deepEqual(consultantProblems, []);
    assert.deepEqual(gmProblems, []);
  } finally {
    await env.server.setClockOffset(0);
    await consultant.close();
    await gm.close();
    await gmBrowser.close();
  }
});
