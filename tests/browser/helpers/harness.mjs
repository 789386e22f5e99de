// Shared helpers for the browser tests: start the real Patron server with demo data, launch the
// system chromium through playwright-core, log in.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..', '..');
export const patronBin = process.env.PATRON_BIN || path.join(repoRoot, 'build', 'release', 'patron');
export const staticRoot = process.env.PATRON_STATIC_ROOT || path.join(repoRoot, 'web', 'dist');
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const DEMO_PASSWORD = 'Demo-Password-2026';
export const screenshotDir = process.env.PATRON_SCREENSHOT_DIR || path.join(tmpdir(), 'patron-browser-screenshots');

/** Starts `patron demo` on a free port with a fresh data dir; resolves when it prints its URL. */
export async function startServer({ timeoutMs = 120_000 } = {}) {
  if (!existsSync(patronBin)) throw new Error(`server binary not found: ${patronBin} (set PATRON_BIN)`);
  if (!existsSync(path.join(staticRoot, 'index.html'))) {
    throw new Error(`${staticRoot}/index.html missing: run "cd web && npm ci && npm run build" first`);
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'patron-data-'));
  // The server's clock runs ahead by the seconds in this file (setClockOffset).
  const clockFile = path.join(dataDir, 'clock-offset');
  const child = spawn(
    patronBin,
    ['demo', '--data-dir', dataDir, '--listen', '127.0.0.1:0', '--static-root', staticRoot],
    {
      env: { ...process.env, PATRON_DEMO_PASSWORD: DEMO_PASSWORD, PATRON_TEST_CLOCK_FILE: clockFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk) => {
      output += chunk.toString();
      const m = /Patron listening on (http:\/\/[^\s]+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1].replace(/\/$/, ''));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (c) => {
      output += c.toString();
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited early (code ${code}, signal ${signal}):\n${output}`));
    });
  });
  // Keep draining the pipes so the server never blocks on a full pipe.
  child.stdout.on('data', (c) => {
    output += c.toString();
  });
  child.removeAllListeners('exit');
  return {
    url,
    get output() {
      return output;
    },
    /** Moves the server's clock `seconds` ahead of the real time (the server re-reads it within 200 ms). */
    async setClockOffset(seconds) {
      writeFileSync(clockFile, `${Math.round(seconds)}\n`);
      await new Promise((r) => setTimeout(r, 400));
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(t);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Launches chromium with a throw-away profile. */
export async function launchBrowser() {
  const profile = mkdtempSync(path.join(tmpdir(), 'patron-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  context.setDefaultTimeout(15_000);
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Logs in through the login page and waits for the app shell. */
export async function login(page, baseUrl, username, password = DEMO_PASSWORD) {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-org').fill('demo');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-display-name').waitFor({ state: 'visible' });
}

export async function screenshot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Opens an Ant Design select by clicking `opener` (typing `query` into its search when given) and
 * clicks its option showing exactly `text`.
 * The dropdown animates in (and a previous one may still be fading out), so a click that finds the
 * option not yet visible or not stable closes the dropdown and tries again.
 */
export async function pickOption(page, opener, text, query = '') {
  for (let attempt = 1; ; ++attempt) {
    await opener.click();
    if (query) await page.keyboard.type(query);  // a select with search: narrow it first
    const option = page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ has: page.getByText(text, { exact: true }) })
      .last();
    try {
      await option.click({ timeout: 5000 });
      return;
    } catch (e) {
      if (attempt >= 3) throw e;
      await page.keyboard.press('Escape');
      await page.waitForTimeout(400);
    }
  }
}

/** The form item (label, control and error text) that holds the element with this test id. */
export function formItem(page, testId) {
  return page.locator('.ant-form-item').filter({ has: page.getByTestId(testId) }).last();
}

/** Collects failed requests and page errors, to help explain a failure. */
export function watchPage(page) {
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 500) problems.push(`${r.status()} ${r.request().method()} ${r.url()}`);
  });
  return problems;
}

/**
 * Starts the server and the browser before the file's tests and stops them after; the returned
 * object's `server` and `browser` are set once the tests run.
 */
export function serverAndBrowser() {
  const env = { server: null, browser: null };
  before(async () => {
    env.server = await startServer();
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}

/** A call of the API in the page's session (with its CSRF token); resolves to {status, body}. */
export async function pageCall(page, method, path, body) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const csrf = decodeURIComponent((document.cookie.match(/(?:^|;\s*)patron_csrf=([^;]*)/) || [])[1] || '');
      const r = await fetch(`/api/v1${path}`, {
        method,
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await r.text();
      return { status: r.status, body: text ? JSON.parse(text) : null };
    },
    { method, path, body },
  );
}
