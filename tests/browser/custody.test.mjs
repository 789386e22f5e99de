// Browser tests of the custody of the archives: ARC-11 storage inspections (the daily job's
// reminder on the keeper's dashboard, the record form with its findings rule, the next due day) and
// ARC-12 retention and destruction (the empty destruction list of the fresh demo; an after-sales
// archive of a service years ago, opened late, is past retention: the keeper proposes it, the
// general manager rejects one proposal and approves another, the archive shows as destroyed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formItem, login, screenshot, serverAndBrowser, watchPage } from './helpers/harness.mjs';

const env = serverAndBrowser();

/** Page errors, 5xx answers and console errors. */
function watchStrictly(page) {
  const problems = watchPage(page);
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  return problems;
}

/** Today in the demo organisation's time zone (the browser's too), as YYYY-MM-DD. */
function today() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

/** YYYY-MM-DD plus n months, the day clamped to the end of a shorter month. */
function addMonths(day, n) {
  const [y, m, d] = day.split('-').map(Number);
  const total = y * 12 + (m - 1) + n;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (v) => String(v).padStart(2, '0');
  return `${year}-${pad(month)}-${pad(Math.min(d, last))}`;
}

test('the keeper follows the ARC-11 reminder and records a storage inspection', async () => {
  const page = await env.browser.context.newPage();
  const problems = watchStrictly(page);
  const day = today();
  try {
    await login(page, env.server.url, 'keeper');
    // No inspection was ever recorded: the daily job (run at start) raised today's reminder.
    const reminder = page.getByTestId('reminder-item').filter({ hasText: 'ARC-11' });
    await reminder.waitFor();
    assert.equal(await reminder.getAttribute('data-key'), `ARC-11:${day}`);
    assert.equal((await reminder.getByTestId('reminder-text').innerText()).trim(), `档案库房全面检查 ${day} 到期`);
    assert.match(await page.getByTestId('reminder-badge').innerText(), /[1-9]/);
    await screenshot(page, 'custody-dashboard-reminder');

    await reminder.getByTestId('reminder-link').click();
    await page.waitForURL(/\/archive-custody\/inspections$/);
    await page.getByTestId('inspection-form').waitFor();
    await page.getByTestId('inspection-last').filter({ hasText: /^尚无检查记录$/ }).waitFor();
    assert.equal((await page.getByTestId('inspection-next-due').innerText()).trim(), day);
    await page.getByTestId('inspections-empty').waitFor();
    // The custody group of the menu is open at its page.
    await page.getByTestId('nav-inspections').waitFor();

    // Damp, but no findings: the form asks for them and sends nothing.
    let posted = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/v1/archive-inspections')) posted += 1;
    });
    await page.getByTestId('inspection-location').fill('一号档案库房');
    await page.getByTestId('inspection-damp').check();
    await page.getByTestId('inspection-submit').click();
    await formItem(page, 'inspection-findings').getByText('发现潮湿、霉变、虫害或破损档案时，请填写检查发现').waitFor();
    assert.equal(posted, 0);
    await screenshot(page, 'custody-inspection-findings-required');

    await page.getByTestId('inspection-damaged').fill('2');
    await page.getByTestId('inspection-findings').fill('北墙角潮湿，两份售后档案受潮');
    await page.getByTestId('inspection-repairs').fill('增设除湿机，受潮档案已晾干');
    await formItem(page, 'inspection-findings').locator('.ant-form-item-explain-error').waitFor({ state: 'detached' });
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/archive-inspections') && r.request().method() === 'POST');
    await page.getByTestId('inspection-submit').click();
    const resp = await saved;
    assert.equal(resp.status(), 201);
    const body = await resp.json();
    assert.equal(body.inspected_on, day);
    assert.equal(body.damp, true);
    assert.equal(body.mould, false);
    assert.equal(body.damaged_files, 2);

    const row = page.getByTestId('inspection-row');
    await row.first().waitFor();
    assert.equal(await row.count(), 1);
    const text = await row.first().innerText();
    assert.match(text, new RegExp(day));
    assert.match(text, /周档案管理员/);
    assert.match(text, /一号档案库房/);
    assert.match(text, /潮湿/);
    assert.match(text, /北墙角潮湿/);
    assert.match(text, /增设除湿机/);
    await page.getByTestId('inspection-last').filter({ hasText: new RegExp(`^${day}$`) }).waitFor();
    // The next one is due 6 months later (archive.inspection_interval_months of the demo).
    await page.getByTestId('inspection-next-due').getByText(addMonths(day, 6)).waitFor();
    assert.equal(await page.getByTestId('inspection-overdue').count(), 0);
    // The form is ready for the next inspection.
    assert.equal(await page.getByTestId('inspection-findings').inputValue(), '');
    assert.equal(await page.getByTestId('inspection-damp').isChecked(), false);
    await screenshot(page, 'custody-inspection-recorded');

    // English texts.
    await page.getByTestId('lang-en').click();
    await page.getByText('Storage inspections (ARC-11)').waitFor();
    await page.getByTestId('inspection-row').getByText('Damp').waitFor();
    await page.goto(`${env.server.url}/`);
    // When the reminder goes (at once or with the next run of the daily job) is the server's: not
    // asserted here.
    await page.getByTestId('reminders-card').getByText('Reminders', { exact: true }).waitFor();
    await page.getByTestId('lang-zh').click();
    await page.getByTestId('reminders-card').getByText('待办提醒', { exact: true }).waitFor();
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('the destruction pages of a fresh demo: empty list, no records; only archive.destroy may decide', async () => {
  for (const user of ['keeper', 'gm']) {
    const page = await env.browser.context.newPage();
    const problems = watchStrictly(page);
    try {
      await login(page, env.server.url, user);
      await page.getByTestId('nav-custody').click();
      await page.getByTestId('nav-destructions').click();
      await page.waitForURL(/\/archive-custody\/destructions$/);
      await page.getByTestId('destruction-candidates-empty').waitFor();
      if (user === 'keeper') {
        // Proposing is the keeper's: the button waits for a selection.
        assert.ok(await page.getByTestId('destruction-propose').isDisabled());
      } else {
        assert.equal(await page.getByTestId('destruction-propose').count(), 0);
      }
      await page.getByTestId('destruction-tab-records').click();
      await page.waitForURL(/tab=records/);
      await page.getByTestId('destruction-records-empty').waitFor();
      await screenshot(page, `custody-destructions-empty-${user}`);

      await page.getByTestId('nav-inspections').click();
      await page.waitForURL(/\/archive-custody\/inspections$/);
      await page.getByTestId('inspection-next-due').waitFor();
      // Only the keeper records inspections.
      assert.equal(await page.getByTestId('inspection-form').count(), user === 'keeper' ? 1 : 0);

      if (user === 'gm') {
        // The retention and the inspection interval in years and months; the new permission's label.
        await page.getByTestId('nav-policy').click();
        const newCar = page.getByTestId('policy-value-archive.retention_years_new_car');
        await newCar.waitFor();
        assert.equal((await newCar.innerText()).trim(), '10 年');
        assert.equal((await page.getByTestId('policy-value-archive.retention_years_after_sales').innerText()).trim(), '3 年');
        assert.equal((await page.getByTestId('policy-value-archive.inspection_interval_months').innerText()).trim(), '6 个月');
        await page.getByTestId('nav-org').click();
        await page.getByTestId('tab-roles').click();
        const gmRole = page.getByTestId('roles-table').locator('tr', { hasText: 'general_manager' });
        assert.ok(await gmRole.getByLabel('批准档案销毁').isChecked());
      }
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  }

  // Who neither keeps archives nor approves their destruction has no custody menu.
  const page = await env.browser.context.newPage();
  try {
    await login(page, env.server.url, 'sales1');
    await page.getByTestId('nav-archives').waitFor();
    assert.equal(await page.getByTestId('nav-custody').count(), 0);
  } finally {
    await page.close();
  }
});

/** As advisor1: opens an after-sales archive of a service on `when` through the customer page. */
async function openOldAfterSalesArchive(page, customerId, when, workOrder) {
  await page.goto(`${env.server.url}/customers/${customerId}`);
  await page.getByTestId('open-archive').first().click();
  const modal = page.locator('.ant-modal').filter({ has: page.locator('#open-archive-save') });
  await modal.locator('.ant-form-item').filter({ hasText: '类型' }).locator('.ant-select').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '售后档案' }).click();
  const picker = modal.locator('.ant-picker input');
  await picker.click();
  await picker.fill(when);
  await picker.press('Enter');
  await modal.locator('.ant-form-item').filter({ hasText: '工单号' }).locator('input').fill(workOrder);
  const opened = page.waitForResponse((r) => r.url().endsWith('/api/v1/archives') && r.request().method() === 'POST');
  await page.locator('#open-archive-save').click();
  const resp = await opened;
  assert.equal(resp.status(), 201, await resp.text());
  const archive = await resp.json();
  assert.equal(archive.kind, 'after_sales');
  await page.waitForURL(/\/archives\/\d+$/);
  return archive;
}

test('an archive past retention is proposed by the keeper; the general manager rejects and approves', async () => {
  // An after-sales archive of a service in March 2020, opened only now: its 3 years of retention
  // (archive.retention_years_after_sales) ended in 2023.
  const advisor = await env.browser.context.newPage();
  const advisorProblems = watchStrictly(advisor);
  let first;
  let second;
  try {
    await login(advisor, env.server.url, 'advisor1');
    const customerId = await advisor.evaluate(async () => {
      const list = await (await fetch('/api/v1/customers?page_size=100')).json();
      for (const c of list.items) {
        const detail = await (await fetch(`/api/v1/customers/${c.id}`)).json();
        if (detail.vehicles.length > 0) return c.id;
      }
      return null;
    });
    assert.ok(customerId, 'the demo data gives advisor1 a customer with a vehicle');
    first = await openOldAfterSalesArchive(advisor, customerId, '2020-03-02 10:00:00', 'WO-2020-0302');
    second = await openOldAfterSalesArchive(advisor, customerId, '2020-04-08 15:30:00', 'WO-2020-0408');
    assert.match(first.number, /^SH-2020-\d{6}$/);
    assert.match(second.number, /^SH-2020-\d{6}$/);
    assert.deepEqual(advisorProblems, []);
  } finally {
    await advisor.close();
  }

  const keeper = await env.browser.context.newPage();
  const keeperProblems = watchStrictly(keeper);
  try {
    await login(keeper, env.server.url, 'keeper');
    await keeper.goto(`${env.server.url}/archive-custody/destructions`);
    const rows = keeper.getByTestId('candidate-row');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 2);
    const firstRow = rows.filter({ hasText: first.number });
    assert.match(await firstRow.innerText(), /2023-03-02/);
    assert.match(await firstRow.innerText(), /售后档案/);
    assert.match(await rows.filter({ hasText: second.number }).innerText(), /2023-04-08/);

    // One proposal per archive; the reason is required.
    for (const archive of [first, second]) {
      await keeper.getByTestId(`candidate-select-${archive.id}`).check();
      await keeper.getByTestId('destruction-propose').click();
      await keeper.getByTestId('propose-reason').waitFor();
      await keeper.locator('#propose-save').click();
      await formItem(keeper, 'propose-reason').getByText('请填写销毁原因').waitFor();
      await keeper.getByTestId('propose-reason').fill('售后档案保管期限已满');
      const proposed = keeper.waitForResponse((r) => r.url().endsWith('/api/v1/archive-destructions') && r.request().method() === 'POST');
      await keeper.locator('#propose-save').click();
      assert.equal((await proposed).status(), 201);
      await keeper.waitForURL(/tab=records/);
      await keeper.getByTestId('destruction-row').filter({ hasText: archive.number }).waitFor();
      await keeper.getByTestId('destruction-tab-candidates').click();
    }
    await keeper.getByTestId('destruction-candidates-empty').waitFor();
    await keeper.getByTestId('destruction-tab-records').click();
    const records = keeper.getByTestId('destruction-row');
    await records.nth(1).waitFor();
    assert.equal(await records.count(), 2);
    for (const status of await records.getByTestId('destruction-status').allInnerTexts()) assert.equal(status.trim(), '待批准');
    assert.match(await records.first().innerText(), /周档案管理员/);
    // The keeper may not decide.
    assert.equal(await keeper.getByTestId('destruction-approve').count(), 0);
    assert.equal(await keeper.getByTestId('destruction-reject').count(), 0);
    // Each record names its archives; its lines tell the retention.
    await records.getByTestId('destruction-archives').filter({ hasText: new RegExp(`^${first.number}$`) }).waitFor();
    await records.getByTestId('destruction-archives').filter({ hasText: new RegExp(`^${second.number}$`) }).waitFor();
    await records.filter({ hasText: second.number }).locator('.ant-table-row-expand-icon').click();
    const lines = keeper.getByTestId('destruction-lines').first();
    await lines.getByText('2023-04-08').waitFor();
    assert.match(await lines.innerText(), new RegExp(second.number));
    await screenshot(keeper, 'custody-destructions-proposed');
    assert.deepEqual(keeperProblems, []);
  } finally {
    await keeper.close();
  }

  const gm = await env.browser.context.newPage();
  const gmProblems = watchStrictly(gm);
  try {
    await login(gm, env.server.url, 'gm');
    await gm.goto(`${env.server.url}/archive-custody/destructions?tab=records`);
    const rowOf = (archive) => gm.getByTestId('destruction-row').filter({ hasText: archive.number });
    await rowOf(first).waitFor();

    // Rejecting needs a reason.
    await rowOf(first).getByTestId('destruction-reject').click();
    await gm.getByTestId('decision-reason').waitFor();
    await gm.locator('#decision-save').click();
    await formItem(gm, 'decision-reason').getByText('请填写驳回原因').waitFor();
    await gm.getByTestId('decision-reason').fill('客户有未结纠纷，暂缓销毁');
    let decided = gm.waitForResponse((r) => r.url().endsWith('/decision'));
    await gm.locator('#decision-save').click();
    assert.equal((await decided).status(), 200);
    await rowOf(first).getByTestId('destruction-status').getByText('已驳回').waitFor();
    assert.match(await rowOf(first).innerText(), /赵总经理/);
    assert.match(await rowOf(first).innerText(), /客户有未结纠纷/);

    // Approving purges the content of the other.
    await rowOf(second).getByTestId('destruction-approve').click();
    assert.match(await gm.getByTestId('approve-warning').innerText(), /不可恢复/);
    decided = gm.waitForResponse((r) => r.url().endsWith('/decision'));
    await gm.locator('#decision-save').click();
    assert.equal((await decided).status(), 200);
    await rowOf(second).getByTestId('destruction-status').getByText('已批准销毁').waitFor();
    assert.equal(await rowOf(second).getByTestId('destruction-approve').count(), 0);
    await screenshot(gm, 'custody-destructions-decided');

    // The archive stays on record, destroyed.
    await gm.goto(`${env.server.url}/archives/${second.id}`);
    assert.equal((await gm.getByTestId('archive-status').innerText()).trim(), '已销毁');
    await gm.getByTestId('archive-destroyed').waitFor();
    await gm.goto(`${env.server.url}/archives?status=destroyed`);
    await gm.getByTestId('archive-row').filter({ hasText: second.number }).waitFor();
    assert.equal(await gm.getByTestId('archive-row').count(), 1);
    await screenshot(gm, 'custody-archive-destroyed');
    assert.deepEqual(gmProblems, []);
  } finally {
    await gm.close();
  }
});
