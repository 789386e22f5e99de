// Browser test of SEC-3, the register of non-employees (非本公司人员查阅档案，须先凭介绍信或工作证登记):
// a Beijing sales consultant registers a visitor they host (a missing field is flagged first), sees
// the registration in force with the whole document number, and asks for access to another
// department's record on the visitor's behalf from the refusal screen; the request names the visitor in "my
// requests". The general manager (customer.personal_data) sees the visitor with the whole document
// number and the request in their inbox; the auditor sees the number masked. The consultant ends the
// registration, after which the request form offers no visitor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formItem, launchBrowser, login, pickOption, screenshot, serverAndBrowser, watchPage } from './helpers/harness.mjs';

const env = serverAndBrowser();

const VISITOR = { name: '刘律师', organisation: '北京某律师事务所', document: 'JH2026110815' };
const MASKED = 'JH********15';
const LABEL = `${VISITOR.name} (${VISITOR.organisation})`;

/** YYYY-MM-DD, `days` from today (local time, as the date picker counts). */
function dayFromToday(days) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

test('SEC-3: a visitor registered by their host, asked for in an access request, seen masked by others, ended', async () => {
  const gmBrowser = await launchBrowser();
  const host = await env.browser.context.newPage();
  const gm = await gmBrowser.context.newPage();
  // Refusals (403 on the archive) are expected here: only page errors and 5xx answers count as problems.
  const hostProblems = watchPage(host);
  const gmProblems = watchPage(gm);
  try {
    await login(host, env.server.url, 'sales1');
    await login(gm, env.server.url, 'gm');
    // A record of another department (normal secrecy) that sales1 may not open: an archive if the
    // demo data has one, else a customer (the demo archives all belong to sales1's department).
    const hostDept = await host.evaluate(async () => (await (await fetch('/api/v1/auth/me')).json()).department_id);
    const candidates = await gm.evaluate(async (dept) => {
      const out = [];
      const archives = await (await fetch('/api/v1/archives?status=filed&page_size=100')).json();
      for (const a of archives.items) {
        if (a.department_id === dept) continue;
        const customer = await (await fetch(`/api/v1/customers/${a.customer_id}`)).json();
        if (customer.secrecy === 'normal') out.push({ type: 'archive', id: a.id, path: `/archives/${a.id}` });
      }
      const customers = await (await fetch('/api/v1/customers?page_size=100')).json();
      for (const c of customers.items) {
        if ((c.secrecy ?? 'normal') === 'normal') out.push({ type: 'customer', id: c.id, path: `/customers/${c.id}` });
      }
      return out;
    }, hostDept);
    let record = null;
    for (const c of candidates) {
      const status = await host.evaluate(async (path) => (await fetch(`/api/v1${path}`)).status, c.path);
      if (status === 403) {
        record = c;
        break;
      }
    }
    assert.ok(record, 'the demo data has a record of another department that sales1 is refused');

    // The register, from the navigation: the rule at the top, only one's own visitors.
    await host.getByTestId('nav-access').click();
    await host.getByTestId('nav-visitors').click();
    await host.waitForURL(/\/visitors$/);
    assert.match(await host.getByTestId('visitor-rule').innerText(), /非本公司人员查阅档案，须先凭介绍信或工作证登记/);
    await host.getByTestId('visitor-mine-only').waitFor();
    await host.getByTestId('visitor-empty').waitFor();

    // Register: a missing document number is flagged in the browser, nothing is sent.
    let posted = 0;
    host.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/v1/visitors')) posted += 1;
    });
    await host.getByTestId('visitor-register').click();
    const form = host.getByTestId('visitor-form');
    await form.waitFor();
    await host.getByTestId('visitor-name').fill(VISITOR.name);
    await host.getByTestId('visitor-organisation').fill(VISITOR.organisation);
    await host.getByTestId('visitor-document-kind-introduction_letter').check();
    await host.getByTestId('visitor-purpose').fill('代理客户合同纠纷，需查阅购车合同');
    const picker = form.locator('.ant-picker input');
    await picker.click();
    await picker.fill(dayFromToday(30));
    await picker.press('Enter');
    assert.equal(await picker.inputValue(), dayFromToday(30));
    await host.locator('#visitor-save').click();
    await formItem(host, 'visitor-document-number').getByText('请填写证件号码').waitFor();
    assert.equal(posted, 0);
    await screenshot(host, 'visitor-missing-field');
    await host.getByTestId('visitor-document-number').fill(VISITOR.document);
    const sent = host.waitForResponse((r) => r.url().endsWith('/api/v1/visitors') && r.request().method() === 'POST');
    await host.locator('#visitor-save').click();
    const createdResp = await sent;
    assert.equal(createdResp.status(), 201, await createdResp.text());
    const visitor = await createdResp.json();
    assert.equal(visitor.status, 'active');
    assert.equal(visitor.document_kind, 'introduction_letter');
    assert.equal(visitor.valid_until, dayFromToday(30));
    const row = host.locator(`[data-testid="visitor-row"][data-id="${visitor.id}"]`);
    await row.waitFor();
    assert.equal((await row.getByTestId('visitor-status').innerText()).trim(), '有效');
    assert.equal((await row.getByTestId('visitor-row-document').innerText()).trim(), VISITOR.document);
    assert.match(await row.innerText(), /介绍信/);
    assert.match(await row.innerText(), /冯销售顾问/);
    await screenshot(host, 'visitor-registered');

    // English texts.
    await host.getByTestId('lang-en').click();
    await host.getByText('Visitor register (SEC-3)').waitFor();
    assert.equal((await row.getByTestId('visitor-status').innerText()).trim(), 'Active');
    assert.match(await row.innerText(), /Introduction letter/);
    await host.getByTestId('lang-zh').click();
    await row.getByTestId('visitor-status').filter({ hasText: '有效' }).waitFor();

    // Refused the other department's record, the host asks on the visitor's behalf.
    await host.goto(`${env.server.url}${record.path}`);
    await host.getByTestId('access-refused').waitFor();
    await host.getByTestId('request-access').click();
    await host.getByTestId('access-request-form').waitFor();
    assert.ok(await host.getByTestId(`access-object-type-${record.type}`).isChecked());
    assert.equal(await host.getByTestId('access-object-id').inputValue(), String(record.id));
    await pickOption(host, host.getByTestId('access-visitor'), LABEL);
    await host.getByTestId('access-purpose').fill('外来人员查阅客户购车资料');
    await host.getByTestId('access-reason').fill('律师代理客户合同纠纷，需查阅该客户的购车合同');
    const asked = host.waitForResponse((r) => r.url().endsWith('/api/v1/access-requests') && r.request().method() === 'POST');
    await host.locator('#access-request-save').click();
    const askedResp = await asked;
    assert.equal(askedResp.status(), 201, await askedResp.text());
    const request = await askedResp.json();
    assert.equal(request.visitor_id, visitor.id);
    assert.equal(request.visitor_label, LABEL);
    assert.equal(request.object_type, record.type);
    assert.equal(request.object_id, record.id);
    await host.getByTestId('access-requested').waitFor();

    // My requests name the visitor.
    await host.goto(`${env.server.url}/access`);
    const myRow = host.locator(`[data-testid="access-request-row"][data-id="${request.id}"]`);
    await myRow.waitFor();
    assert.equal((await myRow.getByTestId('access-visitor-tag').innerText()).trim(), `外来人员：${LABEL}`);
    await screenshot(host, 'visitor-request-mine');

    // The general manager sees every visitor; holding customer.personal_data, the whole document
    // number. The request is in their inbox, naming the visitor.
    await gm.goto(`${env.server.url}/visitors`);
    await gm.getByTestId('visitor-all').waitFor();
    const gmRow = gm.locator(`[data-testid="visitor-row"][data-id="${visitor.id}"]`);
    await gmRow.waitFor();
    assert.equal((await gmRow.getByTestId('visitor-row-host').innerText()).trim(), '冯销售顾问');
    assert.equal((await gmRow.getByTestId('visitor-status').innerText()).trim(), '有效');
    assert.equal((await gmRow.getByTestId('visitor-row-document').innerText()).trim(), VISITOR.document);
    await gm.goto(`${env.server.url}/access?tab=inbox`);
    const inboxRow = gm.locator(`[data-testid="access-request-row"][data-id="${request.id}"]`);
    await inboxRow.waitFor();
    assert.equal((await inboxRow.getByTestId('access-visitor-tag').innerText()).trim(), `外来人员：${LABEL}`);

    // The auditor (audit.read, no customer.personal_data) sees the visitor with the number masked,
    // and may not end the registration.
    await login(gm, env.server.url, 'auditor');
    await gm.goto(`${env.server.url}/visitors`);
    await gm.getByTestId('visitor-all').waitFor();
    await gmRow.waitFor();
    assert.equal((await gmRow.getByTestId('visitor-row-document').innerText()).trim(), MASKED);
    assert.equal((await gmRow.getByTestId('visitor-status').innerText()).trim(), '有效');
    assert.equal(await gmRow.getByTestId('visitor-end').count(), 0);
    await screenshot(gm, 'visitor-auditor-masked');

    // The host ends the registration (after confirming); it shows as ended.
    await host.goto(`${env.server.url}/visitors`);
    await row.waitFor();
    await row.getByTestId('visitor-end').click();
    const ended = host.waitForResponse((r) => r.url().endsWith(`/api/v1/visitors/${visitor.id}/revoke`));
    await host.getByTestId('visitor-end-confirm').click();
    const endedResp = await ended;
    assert.equal(endedResp.status(), 200, await endedResp.text());
    assert.equal(JSON.parse(endedResp.request().postData()).version, visitor.version);
    await row.getByTestId('visitor-status').filter({ hasText: '已终止' }).waitFor();
    assert.equal(await row.getByTestId('visitor-end').count(), 0);
    await screenshot(host, 'visitor-ended');

    // No visitor in force any more: the request form offers none.
    await host.goto(`${env.server.url}/access`);
    await host.getByTestId('access-new').click();
    await host.getByTestId('access-request-form').waitFor();
    await host.getByTestId('access-visitor-none').waitFor();

    assert.deepEqual(hostProblems, []);
    assert.deepEqual(gmProblems, []);
  } finally {
    await host.close();
    await gm.close();
    await gmBrowser.close();
  }
});
