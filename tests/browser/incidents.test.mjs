// Browser test of SEC-10 leaks of customer information: a sales consultant reports a possible
// leak; the customer service manager (incident.manage) follows the dashboard reminder to it,
// records a remedial action owned by the customer information supervisor, is refused closing while
// the action is open, the owner marks it done with its result, and the manager closes the incident
// with a summary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formItem, launchBrowser, login, screenshot, serverAndBrowser, watchPage } from './helpers/harness.mjs';

const env = serverAndBrowser();

test('SEC-10: a reported leak is followed up with a remedial action and closed with a summary', async () => {
  const csmBrowser = await launchBrowser();
  const infoBrowser = await launchBrowser();
  const sales = await env.browser.context.newPage();
  const csm = await csmBrowser.context.newPage();
  const info = await infoBrowser.context.newPage();
  const problems = [...[sales, csm, info].map(watchPage)];
  const title = `客户名单被拍照外传 ${Date.now()}`;
  try {
    // sales1 reports a possible leak from the menu entry under access control.
    await login(sales, env.server.url, 'sales1');
    await sales.getByTestId('nav-access').click();
    await sales.getByTestId('nav-incidents').click();
    await sales.waitForURL(/\/incidents$/);
    await sales.getByTestId('breach-report').click();
    await sales.getByTestId('breach-severity-possible').waitFor();
    // The title is required: nothing is sent without it.
    await sales.locator('#breach-report-save').click();
    await formItem(sales, 'breach-title').getByText('请填写标题').waitFor();
    await sales.getByTestId('breach-title').fill(title);
    await sales.getByTestId('breach-description').fill('展厅电脑屏幕上的客户名单被人拍照，照片出现在外部群聊中');
    await sales.getByTestId('breach-records').fill('北京店来店客户名单');
    const reported = sales.waitForResponse(
      (r) => r.url().endsWith('/api/v1/breach-incidents') && r.request().method() === 'POST',
    );
    await sales.locator('#breach-report-save').click();
    const resp = await reported;
    assert.equal(resp.status(), 201);
    const incident = await resp.json();
    assert.equal(incident.severity, 'possible');
    assert.equal(incident.status, 'open');
    await sales.waitForURL(new RegExp(`/incidents/${incident.id}$`));
    await sales.getByTestId('breach-detail-title').filter({ hasText: title }).waitFor();
    await sales.getByTestId('breach-detail-reporter').filter({ hasText: '冯销售顾问' }).waitFor();
    // The reporter does not manage incidents: no action or close forms.
    assert.equal(await sales.getByTestId('breach-action-form').count(), 0);
    assert.equal(await sales.getByTestId('breach-close-form').count(), 0);
    const row = sales.locator(`[data-testid="breach-row"][data-id="${incident.id}"]`);
    await row.getByTestId('breach-severity').filter({ hasText: '疑似泄露' }).waitFor();
    await screenshot(sales, 'incidents-reported');

    // csm follows the dashboard reminder.
    await login(csm, env.server.url, 'csm');
    const reminder = csm.locator(`[data-testid="reminder-item"][data-key="SEC-10:${incident.id}"]`);
    await reminder.waitFor();
    await reminder.getByTestId('reminder-link').click();
    await csm.waitForURL(new RegExp(`/incidents/${incident.id}$`));
    await csm.getByTestId('breach-detail-title').filter({ hasText: title }).waitFor();
    await csm.getByTestId('breach-detail-reporter').filter({ hasText: '冯销售顾问' }).waitFor();
    await csm.locator(`[data-testid="breach-row"][data-id="${incident.id}"]`).waitFor();
    await csm.getByTestId('breach-actions-empty').waitFor();

    // An action owned by infosup.
    await csm.getByTestId('breach-action-description').fill('收回外传照片，约谈相关人员');
    await formItem(csm, 'breach-action-owner-select').locator('.ant-select').click();
    await csm.keyboard.type('吴信息主管');
    await csm.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '吴信息主管' }).click();
    await csm.getByTestId('breach-action-add').click();
    const actionRow = csm.getByTestId('breach-action-row');
    await actionRow.getByTestId('breach-action-owner').filter({ hasText: '吴信息主管' }).waitFor();
    await actionRow.getByTestId('breach-action-pending').waitFor();

    // Closing is refused while the action is open: the server's reason is shown.
    await csm.getByTestId('breach-close-summary').fill('已处理');
    const refused = csm.waitForResponse((r) => r.url().endsWith(`/breach-incidents/${incident.id}/close`));
    await csm.getByTestId('breach-close').click();
    assert.equal((await refused).status(), 422);
    await formItem(csm, 'breach-close-summary').getByText(/is not done/).waitFor();
    await csm.getByTestId('breach-detail').and(csm.locator('[data-status="open"]')).waitFor();
    await screenshot(csm, 'incidents-close-refused');

    // infosup, the owner, marks the action done.
    await login(info, env.server.url, 'infosup');
    await info.goto(`${env.server.url}/incidents/${incident.id}`);
    await info.getByTestId('breach-action-done').click();
    await info.getByTestId('breach-done-result').fill('照片已删除，相关人员已签署保密承诺');
    await info.locator('#breach-done-save').click();
    await info.getByTestId('breach-action-result').filter({ hasText: '照片已删除' }).waitFor();
    assert.equal(await info.getByTestId('breach-action-done').count(), 0);

    // csm closes the incident with a summary.
    await csm.reload();
    await csm.getByTestId('breach-action-result').filter({ hasText: '照片已删除' }).waitFor();
    await csm.getByTestId('breach-close-summary').fill('外传照片已收回并删除，相关人员已约谈并签署保密承诺；展厅电脑设置自动锁屏。');
    await csm.getByTestId('breach-close').click();
    await csm.getByTestId('breach-detail').and(csm.locator('[data-status="closed"]')).waitFor();
    await csm.getByTestId('breach-detail-status').filter({ hasText: '已关闭' }).waitFor();
    await csm.getByTestId('breach-detail-summary').filter({ hasText: '展厅电脑设置自动锁屏' }).waitFor();
    await csm
      .locator(`[data-testid="breach-row"][data-id="${incident.id}"]`)
      .getByTestId('breach-status')
      .filter({ hasText: '已关闭' })
      .waitFor();
    assert.equal(await csm.getByTestId('breach-close-form').count(), 0);
    await screenshot(csm, 'incidents-closed');

    // English texts.
    await csm.locator('.ant-drawer-close').click();
    await csm.waitForURL(/\/incidents$/);
    await csm.getByTestId('breach-drawer').waitFor({ state: 'detached' });
    await csm.getByTestId('lang-en').click();
    await csm
      .locator(`[data-testid="breach-row"][data-id="${incident.id}"]`)
      .getByTestId('breach-status')
      .filter({ hasText: 'Closed' })
      .waitFor();
    await csm.getByText('Leak incidents (SEC-10)').waitFor();
    assert.equal((await csm.getByTestId('nav-incidents').innerText()).trim(), 'Leak incidents');
    await csm.getByTestId('lang-zh').click();
    await csm.getByTestId('nav-incidents').filter({ hasText: '信息泄露事件' }).waitFor();

    assert.deepEqual(problems.flat(), []);
  } finally {
    await sales.close();
    await csmBrowser.close();
    await infoBrowser.close();
  }
});
