// Browser tests of ARC-10 and ARC-6g: a new customer met two weeks ago and entered without an
// address is on the overdue filings list until the address is filled in; a change that happened
// 20 days ago, reported on the maintenance form, is listed as reported late (and a future change
// day is refused); the dashboard's ARC-10 reminder text; the keeper records files of an archive
// lost through late filing, which proposes the ARC-6g fine per file to the archive's responsible
// person.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formItem, login, screenshot, serverAndBrowser, watchPage } from './helpers/harness.mjs';

const env = serverAndBrowser();

/** Page errors, 5xx answers and console errors (but the 400 answers a test provokes on purpose). */
function watchStrictly(page, { expect400 = false } = {}) {
  const problems = watchPage(page);
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (expect400 && /status of 400/.test(m.text())) return;
    problems.push(`console: ${m.text()}`);
  });
  return problems;
}

/** Today in the demo organisation's time zone (the browser's too), as YYYY-MM-DD. */
function today() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

/** YYYY-MM-DD plus n calendar days. */
function addDays(day, n) {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** Waits until an input shows `value`. */
async function waitForValue(locator, value) {
  for (let i = 0; i < 100 && (await locator.inputValue()) !== value; i++) await new Promise((r) => setTimeout(r, 100));
  assert.equal(await locator.inputValue(), value);
}

/** Fills an antd DatePicker (its input carries the test id). */
async function pickDate(page, testId, day) {
  const input = page.getByTestId(testId);
  await input.click();
  // Typing moves the panel to the day; choosing it there (Enter would also submit the form).
  await input.fill(day);
  await page.locator(`.ant-picker-dropdown:visible td[title="${day}"]`).click();
  await page.locator('.ant-picker-dropdown:visible').waitFor({ state: 'hidden' });
  assert.equal(await input.inputValue(), day);
}

/** The overdue filings page, loaded afresh. */
async function openOverdueFilings(page) {
  const loaded = page.waitForResponse((r) => r.url().includes('/api/v1/customer-filings/overdue') && r.request().method() === 'GET');
  await page.getByTestId('nav-customer-filings').click();
  await page.waitForURL(/\/customer-filings$/);
  const resp = await loaded;
  assert.equal(resp.status(), 200);
  await page.getByTestId('filings-table').locator('.ant-spin-spinning').waitFor({ state: 'detached' });
  return (await resp.json()).items;
}

test('a customer met 14 days ago without an address is overdue for filing until the address is added', async () => {
  const page = await env.browser.context.newPage();
  const problems = watchStrictly(page);
  const name = `建档测试${Date.now() % 100000}`;
  // 14 calendar days back are at least 8 working days, past the 5 of customer.filing_deadline_working_days.
  const metOn = addDays(today(), -14);
  try {
    await login(page, env.server.url, 'sales1');
    await page.getByTestId('nav-customers').click();
    await page.getByTestId('new-customer').click();
    await page.waitForURL(/\/customers\/new$/);

    // The meeting day defaults to today; the rule is told.
    await waitForValue(page.getByTestId('cf-met-on'), today());
    assert.equal((await page.getByTestId('cf-met-on-help').innerText()).trim(), '新客户须在会面后5个工作日内建档（ARC-10）');
    // No day after today can be picked.
    await page.getByTestId('cf-met-on').click();
    const tomorrow = page.locator(`.ant-picker-dropdown:visible td[title="${addDays(today(), 1)}"]`);
    if ((await tomorrow.count()) > 0) assert.match((await tomorrow.getAttribute('class')) ?? '', /ant-picker-cell-disabled/);
    await page.keyboard.press('Escape');

    await page.getByTestId('cf-name').fill(name);
    await page.getByTestId('cf-phones-0-number').fill('13912345678');
    await pickDate(page, 'cf-met-on', metOn);
    const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/customers') && r.request().method() === 'POST');
    await page.getByTestId('customer-save').click();
    const resp = await created;
    assert.equal(resp.status(), 201, await resp.text());
    assert.equal(JSON.parse(resp.request().postData() ?? '{}').met_on, metOn);
    const customer = await resp.json();
    await page.waitForURL(new RegExp(`/customers/${customer.id}$`));

    // On the overdue list: no address.
    const items = await openOverdueFilings(page);
    const item = items.find((i) => i.customer_id === customer.id);
    assert.ok(item, `listed: ${JSON.stringify(items)}`);
    assert.deepEqual(item.missing, ['address']);
    assert.equal(item.met_on, metOn);
    const row = page.getByTestId('filing-row').filter({ hasText: name });
    await row.waitFor();
    const missing = row.getByTestId('filing-missing');
    assert.deepEqual(await missing.allInnerTexts(), ['地址']);
    assert.equal(await missing.getAttribute('data-field'), 'address');
    const text = await row.innerText();
    assert.match(text, new RegExp(metOn));
    assert.match(text, new RegExp(item.due_day));
    assert.match(text, /北京店销售部/);
    assert.ok(item.due_day > metOn && item.due_day < today(), `due ${item.due_day}`);
    await page.getByText('逾期未建档（ARC-10）').waitFor();
    await screenshot(page, 'filings-overdue');

    // English texts.
    await page.getByTestId('lang-en').click();
    await page.getByText('Overdue filings (ARC-10)').waitFor();
    assert.deepEqual(await row.getByTestId('filing-missing').allInnerTexts(), ['Address']);
    assert.equal((await page.getByTestId('nav-customer-filings').innerText()).trim(), 'Overdue filings');
    await page.getByTestId('lang-zh').click();
    await page.getByText('逾期未建档（ARC-10）').waitFor();

    // The consultant completes the form: the address was empty, so it may be filled in although
    // the consultant sees personal data masked.
    await row.getByTestId('filing-customer-link').click();
    await page.waitForURL(new RegExp(`/customers/${customer.id}$`));
    await page.getByTestId('edit-customer').click();
    await page.waitForURL(/\/edit$/);
    const address = page.getByTestId('cf-address');
    assert.equal(await address.isEnabled(), true);
    // What is on record stays locked.
    assert.equal(await page.getByTestId('cf-phones-0-number').isDisabled(), true);
    // Only on a new customer.
    assert.equal(await page.getByTestId('cf-met-on').count(), 0);
    await address.fill('北京市朝阳区建国路88号');
    const patched = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith(`/api/v1/customers/${customer.id}`));
    await page.getByTestId('customer-save').click();
    const patch = await patched;
    assert.equal(patch.status(), 200, await patch.text());
    const sentPatch = JSON.parse(patch.request().postData() ?? '{}');
    assert.equal(sentPatch.address, '北京市朝阳区建国路88号');
    // No change day told: none sent.
    assert.equal('changed_on' in sentPatch, false);
    await page.waitForURL(new RegExp(`/customers/${customer.id}$`));

    const after = await openOverdueFilings(page);
    assert.equal(after.some((i) => i.customer_id === customer.id), false);
    assert.equal(await page.getByTestId('filing-row').filter({ hasText: name }).count(), 0);
    if (after.length === 0) await page.getByTestId('filings-empty').waitFor();
    await screenshot(page, 'filings-after-address');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

/** The late-changes tab of the filings page for the shown month, loaded afresh. */
async function openLateChanges(page) {
  const loaded = page.waitForResponse((r) => r.url().includes('/api/v1/customer-filings/late-changes') && r.request().method() === 'GET');
  await page.getByTestId('nav-customer-filings').click();
  await page.waitForURL(/\/customer-filings$/);
  await page.getByTestId('filings-tab-late').click();
  await page.waitForURL(/\/customer-filings\?tab=late$/);
  const resp = await loaded;
  assert.equal(resp.status(), 200);
  await page.getByTestId('late-changes-table').locator('.ant-spin-spinning').waitFor({ state: 'detached' });
  return { month: new URL(resp.url()).searchParams.get('month'), items: (await resp.json()).items };
}

test('a change that happened 20 days ago, reported on the maintenance form, is listed as reported late', async () => {
  const page = await env.browser.context.newPage();
  const problems = watchStrictly(page, { expect400: true });
  const day = today();
  // 20 calendar days back are at least 12 working days, past the 5 of customer.filing_deadline_working_days.
  const changedOn = addDays(day, -20);
  const tomorrow = addDays(day, 1);
  const notes = `客户搬迁，变更报告测试${Date.now() % 100000}`;
  try {
    await login(page, env.server.url, 'sales1');
    const { me, customer } = await page.evaluate(async () => {
      const who = await (await fetch('/api/v1/auth/me')).json();
      const list = await (await fetch(`/api/v1/customers?owner_id=${who.id}&page_size=100`)).json();
      return { me: who, customer: list.items.find((c) => c.owner_id === who.id) ?? null };
    });
    assert.ok(customer, 'the demo data has a customer of sales1');

    await page.goto(`${env.server.url}/customers/${customer.id}`);
    await page.getByTestId('edit-customer').click();
    await page.waitForURL(/\/edit$/);
    // Optional, empty at first; the rule is told.
    const changed = page.getByTestId('cf-changed-on');
    assert.equal(await changed.inputValue(), '');
    assert.equal((await page.getByTestId('cf-changed-on-help').innerText()).trim(), '客户信息变更须在5个工作日内报告（ARC-10）');

    // No day after today can be picked, nor typed in.
    await changed.click();
    const cell = page.locator(`.ant-picker-dropdown:visible td[title="${tomorrow}"]`);
    if ((await cell.count()) > 0) assert.match((await cell.getAttribute('class')) ?? '', /ant-picker-cell-disabled/);
    await changed.fill(tomorrow);
    await page.keyboard.press('Escape');
    await page.locator('.ant-picker-dropdown:visible').waitFor({ state: 'hidden' });
    await page.getByTestId('cf-notes').click();
    await waitForValue(changed, '');

    // A future day that reaches the server anyway is refused there, on the field.
    await page.getByTestId('cf-notes').fill(notes);
    await pickDate(page, 'cf-changed-on', day);
    const target = `${env.server.url}/api/v1/customers/${customer.id}`;
    await page.route(target, (route) => {
      const req = route.request();
      if (req.method() !== 'PATCH') return route.continue();
      return route.continue({ postData: JSON.stringify({ ...JSON.parse(req.postData() ?? '{}'), changed_on: tomorrow }) });
    });
    let patched = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url() === target);
    await page.getByTestId('customer-save').click();
    let resp = await patched;
    assert.equal(resp.status(), 400);
    const problem = await resp.json();
    const fieldError = (problem.errors ?? []).find((e) => e.field === 'changed_on') ?? (problem.field === 'changed_on' ? { message: problem.detail } : null);
    assert.ok(fieldError, JSON.stringify(problem));
    await formItem(page, 'cf-changed-on').locator('.ant-form-item-explain-error').getByText(fieldError.message).waitFor();
    await page.unroute(target);
    await screenshot(page, 'change-day-refused');

    // The change happened 20 days ago: saved, with its day.
    await pickDate(page, 'cf-changed-on', changedOn);
    patched = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url() === target);
    await page.getByTestId('customer-save').click();
    resp = await patched;
    assert.equal(resp.status(), 200, await resp.text());
    const sent = JSON.parse(resp.request().postData() ?? '{}');
    assert.equal(sent.changed_on, changedOn);
    assert.equal(sent.notes, notes);
    await page.waitForURL(new RegExp(`/customers/${customer.id}$`));

    // Listed as reported late this month, with its deadline and the reporter.
    const { month, items } = await openLateChanges(page);
    assert.equal(month, day.slice(0, 7));
    const item = items.find((i) => i.customer_id === customer.id && i.changed_on === changedOn);
    assert.ok(item, `listed: ${JSON.stringify(items)}`);
    assert.equal(item.fields, 'notes');
    assert.equal(item.reported_by, me.id);
    assert.ok(item.due_day > changedOn && item.due_day < day, `due ${item.due_day}`);
    const row = page.getByTestId('late-change-row').filter({ hasText: customer.name });
    await row.waitFor();
    const field = row.getByTestId('late-change-field');
    assert.deepEqual(await field.allInnerTexts(), ['备注']);
    assert.equal(await field.getAttribute('data-field'), 'notes');
    const text = await row.innerText();
    for (const part of [changedOn, item.due_day, me.display_name]) assert.ok(text.includes(part), `${part} in ${text}`);
    await screenshot(page, 'filings-late-changes');

    // English texts.
    await page.getByTestId('lang-en').click();
    await page.getByText('Changes reported late').waitFor();
    assert.deepEqual(await row.getByTestId('late-change-field').allInnerTexts(), ['Notes']);
    await page.getByTestId('lang-zh').click();
    await page.getByText('逾期报告的变更').waitFor();

    // The customer link opens the customer.
    await row.getByTestId('late-change-customer-link').click();
    await page.waitForURL(new RegExp(`/customers/${customer.id}$`));

    // Last month nothing was reported: the empty state.
    await page.goBack();
    await page.waitForURL(/\/customer-filings\?tab=late$/);
    const [y, m] = day.split('-').map(Number);
    const lastMonth = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
    const monthInput = page.getByTestId('late-changes-month');
    await monthInput.click();
    await monthInput.fill(lastMonth);
    const reloaded = page.waitForResponse((r) => r.url().includes(`/api/v1/customer-filings/late-changes?month=${lastMonth}`));
    await page.locator(`.ant-picker-dropdown:visible td[title="${lastMonth}"]`).click();
    assert.deepEqual((await (await reloaded).json()).items, []);
    await page.getByTestId('late-changes-empty').waitFor();
    assert.equal((await page.getByTestId('late-changes-empty').innerText()).trim(), '该月没有逾期报告的变更');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('the dashboard tells the ARC-10 reminder in both languages', async () => {
  const page = await env.browser.context.newPage();
  const problems = watchStrictly(page);
  try {
    // The daily job raises it; its text is the page's own.
    await page.route('**/api/v1/reminders', (route) =>
      route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({
          items: [
            {
              key: 'ARC-10:2026-01-09',
              rule: 'ARC-10',
              subject: '3 位新客户逾期未建档 / 3 new customers not filed in time',
              detail: '3',
              link: '/customer-filings',
              due_on: '2026-01-09',
              created_at: '2026-01-10T00:00:00Z',
            },
          ],
        }),
      }),
    );
    await login(page, env.server.url, 'sales1');
    const reminder = page.getByTestId('reminder-item').filter({ hasText: 'ARC-10' });
    await reminder.waitFor();
    assert.equal((await reminder.getByTestId('reminder-text').innerText()).trim(), '3 位新客户逾期未建档');
    await page.getByTestId('lang-en').click();
    await reminder.getByTestId('reminder-text').filter({ hasText: /^3 new customers not filed in time$/ }).waitFor();
    await page.getByTestId('lang-zh').click();
    await reminder.getByTestId('reminder-link').click();
    await page.waitForURL(/\/customer-filings$/);
    await page.getByTestId('filings-table').waitFor();
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('the keeper records files lost through late filing: the incident card and the ARC-6g fine', async () => {
  const page = await env.browser.context.newPage();
  const problems = watchStrictly(page, { expect400: true });
  const day = today();
  try {
    await login(page, env.server.url, 'keeper');
    const archive = await page.evaluate(async () => {
      const list = await (await fetch('/api/v1/archives?page_size=100')).json();
      const found = list.items.find((a) => a.status !== 'destroyed' && a.responsible_id);
      return found ? (await fetch(`/api/v1/archives/${found.id}`)).json() : null;
    });
    assert.ok(archive, 'the demo data has an archive for the keeper');
    assert.deepEqual(archive.incidents, []);
    await page.goto(`${env.server.url}/archives/${archive.id}`);
    const card = page.getByTestId('archive-incidents');
    await card.getByTestId('incidents-empty').waitFor();

    await page.getByTestId('incident-record').click();
    await page.getByTestId('incident-description').waitFor();
    // Defaults: lost, late filing, the archive's responsible person, one file, today.
    assert.match(await formItem(page, 'incident-responsible').innerText(), new RegExp(archive.responsible_name));
    assert.equal(await page.getByTestId('incident-files').inputValue(), '1');
    await waitForValue(page.getByTestId('incident-date'), day);
    assert.match(await page.getByTestId('incident-cause-help').innerText(), /每份 20\.00 元/);
    await formItem(page, 'incident-cause').locator('.ant-select').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '未及时归档' }).click();

    // The description is required by the form itself.
    let posted = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith(`/api/v1/archives/${archive.id}/incidents`)) posted += 1;
    });
    await page.locator('#incident-save').click();
    await formItem(page, 'incident-description').getByText('请填写情况说明').waitFor();
    assert.equal(posted, 0);

    // No files: the server refuses, naming the field.
    await page.getByTestId('incident-description').fill('客户合同原件因未及时归档遗失');
    await page.getByTestId('incident-files').fill('0');
    let saved = page.waitForResponse((r) => r.url().endsWith(`/api/v1/archives/${archive.id}/incidents`));
    await page.locator('#incident-save').click();
    let resp = await saved;
    assert.equal(resp.status(), 400);
    const problem = await resp.json();
    const filesError = (problem.errors ?? []).find((e) => e.field === 'files');
    assert.ok(filesError, JSON.stringify(problem));
    await formItem(page, 'incident-files').locator('.ant-form-item-explain-error').getByText(filesError.message).waitFor();
    await screenshot(page, 'incident-files-refused');

    await page.getByTestId('incident-files').fill('2');
    saved = page.waitForResponse((r) => r.url().endsWith(`/api/v1/archives/${archive.id}/incidents`));
    await page.locator('#incident-save').click();
    resp = await saved;
    assert.equal(resp.status(), 201, await resp.text());
    const sent = JSON.parse(resp.request().postData() ?? '{}');
    assert.deepEqual(sent, {
      kind: 'lost',
      cause: 'late_filing',
      responsible_id: archive.responsible_id,
      files: 2,
      occurred_on: day,
      description: '客户合同原件因未及时归档遗失',
    });
    await page.getByTestId('incident-description').waitFor({ state: 'hidden' });

    const row = card.getByTestId('incident-row');
    await row.first().waitFor();
    assert.equal(await row.count(), 1);
    const text = await row.innerText();
    for (const part of [day, '遗失', '未及时归档', 'ARC-6g', archive.responsible_name, '客户合同原件因未及时归档遗失', '周档案管理员']) {
      assert.ok(text.includes(part), `${part} in ${text}`);
    }
    assert.match(text, /\b2\b/);
    await screenshot(page, 'incident-recorded');

    // English texts.
    await page.getByTestId('lang-en').click();
    await card.getByText('Lost or damaged files (ARC-6g)').waitFor();
    await row.getByText('Late filing').waitFor();
    await page.getByTestId('lang-zh').click();
    await card.getByText('遗失/损毁记录（ARC-6g）').waitFor();

    // The fine is proposed at once: 2 files × 20 RMB to the responsible person, in the month of the day.
    const fines = await page.evaluate(async (month) => (await (await fetch(`/api/v1/penalties?month=${month}`)).json()).items, day.slice(0, 7));
    const fine = fines.find((f) => f.rule === 'ARC-6g' && f.archive_id === archive.id);
    assert.ok(fine, JSON.stringify(fines.filter((f) => f.rule === 'ARC-6g')));
    assert.equal(fine.amount_fen, 4000);
    assert.equal(fine.person_id, archive.responsible_id);
    assert.equal(fine.day, day);
    assert.equal(fine.status, 'proposed');

    // And on the penalties page.
    await page.getByTestId('nav-penalties').click();
    await page.getByTestId('penalty-fines').locator('tr', { hasText: 'ARC-6g' }).filter({ hasText: archive.number }).first().waitFor();
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
