// Manual aid (not a test): starts the server, visits every page and saves screenshots.
// Usage: node tests/browser/helpers/tour.mjs  (PATRON_BIN, PATRON_SCREENSHOT_DIR as for the tests)
import { launchBrowser, login, screenshot, startServer, watchPage } from './harness.mjs';

const server = await startServer();
const browser = await launchBrowser();
const page = await browser.context.newPage();
const problems = watchPage(page);
const settle = async () => {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(400);
};
try {
  await page.goto(`${server.url}/login`);
  await settle();
  await screenshot(page, 'tour-01-login');
  await login(page, server.url, process.env.TOUR_USER || 'admin');
  await settle();
  await screenshot(page, 'tour-02-dashboard');
  await page.goto(`${server.url}/customers`);
  await settle();
  await screenshot(page, 'tour-03-customers');
  const first = page.getByTestId('customer-link').first();
  await first.click();
  await settle();
  await screenshot(page, 'tour-04-detail');
  await page.getByTestId('edit-customer').click();
  await settle();
  await screenshot(page, 'tour-05-edit');
  await page.goto(`${server.url}/customers/new`);
  await settle();
  await screenshot(page, 'tour-06-new');
  await page.goto(`${server.url}/customer-filings`);
  await settle();
  await screenshot(page, 'tour-06b-customer-filings');
  await page.goto(`${server.url}/org`);
  await settle();
  await page.locator('.ant-tree-node-content-wrapper').first().click().catch(() => {});
  await screenshot(page, 'tour-07-org-departments');
  await page.getByTestId('tab-users').click();
  await settle();
  await screenshot(page, 'tour-08-org-users');
  await page.getByTestId('tab-roles').click();
  await settle();
  await screenshot(page, 'tour-09-org-roles');
  await page.goto(`${server.url}/policy`);
  await settle();
  await screenshot(page, 'tour-10-policy');
  await page.goto(`${server.url}/settings/checklists`);
  await settle();
  await screenshot(page, 'tour-10b-checklists');
  await page.goto(`${server.url}/settings/approval-chains`);
  await settle();
  await screenshot(page, 'tour-10c-approval-chains');
  await page.goto(`${server.url}/access`);
  await settle();
  await screenshot(page, 'tour-10d-access-requests');
  await page.goto(`${server.url}/access/grants`);
  await settle();
  await screenshot(page, 'tour-10e-access-grants');
  await page.goto(`${server.url}/incidents`);
  await settle();
  await screenshot(page, 'tour-10f-incidents');
  await page.goto(`${server.url}/audit`);
  await settle();
  await screenshot(page, 'tour-11-audit');
  await page.goto(`${server.url}/import`);
  await settle();
  await screenshot(page, 'tour-12-import');
  await page.getByTestId('user-menu').click();
  await page.getByTestId('menu-sessions').click();
  await settle();
  await screenshot(page, 'tour-13-sessions');
  console.log(problems.length ? problems.join('\n') : 'no page errors');
} finally {
  await browser.close();
  await server.stop();
}
