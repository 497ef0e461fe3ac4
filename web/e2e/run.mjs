// The web screen end to end: a real sandbox started with ./tidemark (the packaged app; nothing is built
// here), Debian's Chromium driven headless by playwright-core, and the screen used the way a person would:
// sign up, watch the book (it must equal GET /v1/orderbook at the same seq), place and cancel a limit
// order, fill a market order and see the fill and the balance change, with no console errors; then
// `./tidemark server` (no sign-up) and `./tidemark cluster --sandbox` (sign-up in a cluster). Screenshots
// of the desktop and phone layouts go to $TIDEMARK_E2E_OUT/screenshots (web/e2e/target when Maven runs it).
//
//   node e2e/run.mjs            (from web/, after `mvn -pl app -am package`; `npm run e2e` is the same)
import { spawn, execFileSync } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const WEB = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ROOT = resolve(WEB, '..');
const OUT = resolve(process.env.TIDEMARK_E2E_OUT ?? join(WEB, 'e2e', 'target'));
const SHOTS = join(OUT, 'screenshots');
const CHROMIUM = process.env.TIDEMARK_CHROMIUM ?? '/usr/bin/chromium';
const PANELS = ['Markets', 'Order book', 'Depth', 'Chart', 'Trades', 'Order form', 'Open orders', 'Fills', 'Balances'];

const checks = [];
async function check(name, body) {
  const started = Date.now();
  try {
    await body();
    checks.push(name);
    console.log(`[e2e] ok   ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    console.log(`[e2e] FAIL ${name}: ${error?.stack ?? error}`);
    throw error;
  }
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** The first of `count` consecutive UDP ports on 127.0.0.1 that are all free now (a one-box cluster's members). */
async function freeUdpPorts(count) {
  const bind = port => new Promise(resolveBind => {
    const socket = createSocket('udp4');
    socket.once('error', () => { socket.close(); resolveBind(null); });
    socket.bind(port, '127.0.0.1', () => resolveBind(socket));
  });
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 30_000);
    const sockets = [];
    for (let i = 0; i < count; i++) {
      const socket = await bind(base + i);
      if (!socket) break;
      sockets.push(socket);
    }
    sockets.forEach(socket => socket.close());
    if (sockets.length === count) return base;
  }
  throw new Error(`no ${count} consecutive free UDP ports`);
}

async function waitForPing(base, sandbox, deadlineMs) {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    if (sandbox.exitCode !== null) {
      throw new Error(`the sandbox exited with ${sandbox.exitCode} before it was ready`);
    }
    try {
      const response = await fetch(`${base}/v1/ping`);
      if (response.status === 200) {
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise(r => setTimeout(r, 250));
  }
  throw new Error(`no answer from ${base}/v1/ping within ${deadlineMs} ms`);
}

function stopSandbox(sandbox) {
  if (!sandbox || sandbox.exitCode !== null) {
    return Promise.resolve();
  }
  return new Promise(resolveStop => {
    const kill = setTimeout(() => sandbox.kill('SIGKILL'), 15_000);
    sandbox.once('exit', () => { clearTimeout(kill); resolveStop(); });
    sandbox.kill('SIGTERM');
  });
}

/** The ladder as the screen shows it, and its seq: read in one turn of the page's event loop. */
function readLadder(page) {
  return page.evaluate(() => {
    const ladder = document.querySelector('#book .ladder');
    if (!ladder) return null;
    const side = name => [...ladder.querySelectorAll(`[data-side="${name}"] .row`)]
      .map(row => [row.dataset.price, row.dataset.size]);
    return { seq: Number(ladder.dataset.seq), asks: side('asks').reverse(), bids: side('bids') };
  });
}

/** A private call signed as API.md says (the same canonical string the screen signs with WebCrypto). */
async function signedCall(base, { key, secret }, method, path, body) {
  const text = body === undefined ? '' : JSON.stringify(body);
  const ts = String(Date.now());
  const nonce = randomUUID().replaceAll('-', '');
  const signature = createHmac('sha256', secret).update(`${ts}\n${nonce}\n${method}\n${path}\n${text}`).digest('hex');
  const response = await fetch(base + path, { method, body: text || undefined, headers: {
    'Content-Type': 'application/json', 'X-Api-Key': key, 'X-Api-Timestamp': ts, 'X-Api-Nonce': nonce,
    'X-Api-Signature': signature } });
  const json = await response.json();
  assert.ok(response.ok, `${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json.data;
}

async function balanceOf(page, asset) {
  const text = await page.locator(`#balances tr[data-asset="${asset}"] td`).nth(1).textContent();
  return Number(text.replace(/,/g, ''));
}

async function main() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium; .ci/run does)`);
  }
  if (!existsSync(join(ROOT, 'app', 'target', 'launcher', 'classpath'))) {
    throw new Error('the app is not packaged: run mvn -B -pl app -am package first');
  }
  mkdirSync(SHOTS, { recursive: true });
  rmSync(join(OUT, 'e2e-result.txt'), { force: true });
  const dataDir = join(OUT, 'sandbox-data');
  rmSync(dataDir, { recursive: true, force: true });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const log = [];
  const serverDataDir = join(OUT, 'server-data');
  rmSync(serverDataDir, { recursive: true, force: true });
  const servers = [];
  const launch = (mode, dir, serverPort, ...more) => {
    const child = spawn(join(ROOT, 'tidemark'), [mode, '--port', String(serverPort), '--data-dir', dir, ...more], {
      cwd: ROOT, env: { ...process.env, TIDEMARK_NO_BUILD: '1' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', d => log.push(String(d)));
    child.stderr.on('data', d => log.push(String(d)));
    servers.push(child);
    return child;
  };
  const userDataDir = mkdtempSync(join(tmpdir(), 'tidemark-chromium-'));
  let context;
  try {
    await waitForPing(base, launch('sandbox', dataDir, port), 90_000);
    console.log(`[e2e] sandbox ready on ${base}`);
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1440, height: 900 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--no-first-run', '--disable-sync', '--disable-quic'],
    });
    await run(context, base);
    await runServerMode(context, launch, serverDataDir);
    const clusterDataDir = join(OUT, 'cluster-data');
    rmSync(clusterDataDir, { recursive: true, force: true });
    await runClusterSandbox(context, launch, clusterDataDir);
  } catch (error) {
    console.log('[e2e] the sandbox\'s output, last lines:\n' + log.join('').split('\n').slice(-40).join('\n'));
    throw error;
  } finally {
    await context?.close().catch(() => {});
    await Promise.all(servers.map(stopSandbox));
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

async function run(context, base) {
  const page = context.pages()[0] ?? await context.newPage();
  const problems = [];
  // the one error answer the test provokes on purpose (Chromium logs a 400 of fetch as a console error)
  let provoking = false;
  const provoked = [];
  const problem = text => (provoking && /400/.test(text) ? provoked : problems).push(text);
  page.on('console', message => {
    if (message.type() === 'error') problem(`console: ${message.text()}`);
  });
  page.on('pageerror', error => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', request => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on('response', response => {
    if (response.status() >= 400) problem(`HTTP ${response.status()} for ${response.url()}`);
  });
  // the screen's WebSocket goes through the test, so the test can cut it as a network failure would
  let cut = false;
  const sockets = [];
  await page.routeWebSocket(/\/v1\/ws$/, ws => {
    if (cut) {
      ws.close();
      return;
    }
    ws.connectToServer();
    sockets.push(ws);
  });

  await check('the screen loads at / with every panel a section labelled by its heading', async () => {
    const response = await page.goto(`${base}/`);
    assert.equal(response.status(), 200);
    for (const name of PANELS) {
      const region = page.getByRole('region', { name, exact: true });
      await region.waitFor();
      assert.equal(await region.evaluate(e => e.tagName), 'SECTION', name);
      assert.equal(await region.getByRole('heading', { name, exact: true }).count(), 1, name);
    }
    await page.getByText('sandbox', { exact: true }).waitFor();
  });

  await check('the packaged screen is served with its content types, cache headers and gzip', async () => {
    const index = await fetch(`${base}/`, { headers: { 'Accept-Encoding': 'gzip' } });
    assert.equal(index.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(index.headers.get('cache-control'), 'no-cache');
    assert.equal(index.headers.get('content-encoding'), 'gzip');
    const html = await index.text();
    const script = html.match(/src="(\/assets\/index-[A-Za-z0-9_-]+\.js)"/)[1];
    const style = html.match(/href="(\/assets\/index-[A-Za-z0-9_-]+\.css)"/)[1];
    for (const [path, type] of [[script, 'text/javascript; charset=utf-8'], [style, 'text/css; charset=utf-8']]) {
      const asset = await fetch(base + path, { headers: { 'Accept-Encoding': 'gzip' } });
      assert.equal(asset.status, 200, path);
      assert.equal(asset.headers.get('content-type'), type, path);
      assert.equal(asset.headers.get('cache-control'), 'public, max-age=31536000, immutable', path);
      assert.equal(asset.headers.get('content-encoding'), 'gzip', path);
      assert.ok((await asset.text()).length > 1000, path);
    }
    assert.equal((await fetch(`${base}/v1/info`).then(r => r.json())).data.mode, 'sandbox');
  });

  await check('the book is live and equals GET /v1/orderbook at the same seq', async () => {
    await page.locator('#book-sync.live').waitFor({ timeout: 15_000 });
    await page.locator('#book .ladder .bid').first().waitFor();
    let compared = 0;
    for (let attempt = 0; attempt < 200 && compared < 3; attempt++) {
      const shown = await readLadder(page);
      const rest = (await (await fetch(`${base}/v1/orderbook/BTC-USD?depth=100`)).json()).data;
      if (shown && rest.seq === shown.seq) {
        assert.ok(shown.bids.length > 0 && shown.asks.length > 0, 'both sides shown');
        assert.deepEqual(shown.bids, rest.bids.slice(0, shown.bids.length), `bids at seq ${rest.seq}`);
        assert.deepEqual(shown.asks, rest.asks.slice(0, shown.asks.length), `asks at seq ${rest.seq}`);
        compared++;
      }
      await page.waitForTimeout(compared > 0 ? 400 : 25);
    }
    assert.ok(compared >= 1, 'the screen and REST were seen at the same seq');
    console.log(`[e2e]      compared at ${compared} equal seqs`);
  });

  await check('Create sandbox account signs in and shows funded balances', async () => {
    await page.getByRole('button', { name: 'Create sandbox account', exact: true }).click();
    await page.locator('#balances tr[data-asset="USD"]').waitFor();
    assert.ok(await balanceOf(page, 'USD') > 0);
    assert.ok(await page.evaluate(() => localStorage.getItem('tidemark.sandbox-key') !== null), 'key kept in local storage');
    await page.getByText('local storage', { exact: false }).first().waitFor();
  });

  const form = page.getByRole('region', { name: 'Order form', exact: true });
  const orders = page.getByRole('region', { name: 'Open orders', exact: true });
  const message = form.getByRole('alert');

  await check('an error is shown with the API\'s message and code', async () => {
    provoking = true;
    await form.getByLabel('Price', { exact: true }).fill('1.001');
    await form.getByLabel('Size', { exact: true }).fill('0.01');
    await form.getByRole('button', { name: 'Buy', exact: true }).click();
    await assertText(message, /invalid_price/);
    await page.waitForTimeout(200);
    provoking = false;
    assert.ok(provoked.some(text => text.includes('HTTP 400')), provoked.join(' | '));
  });

  let restingId;
  await check('a limit order is placed, shown in Open orders, and cancelled with its Cancel button', async () => {
    const bestBid = Number(await page.locator('#book .ladder .bid').first().getAttribute('data-price'));
    const price = (Math.floor(bestBid * 0.9 * 100) / 100).toFixed(2);
    await form.getByLabel('Price', { exact: true }).fill(price);
    await form.getByLabel('Size', { exact: true }).fill('0.0100');
    await form.getByRole('button', { name: 'Buy', exact: true }).click();
    await assertText(message, /order \d+: open/);
    restingId = (await message.textContent()).match(/order (\d+)/)[1];
    const row = orders.locator(`tr[data-order-id="${restingId}"]`);
    await row.waitFor();
    assert.ok((await row.textContent()).replace(/,/g, '').includes(price), await row.textContent());
    // it really rests on the exchange's book
    const book = (await (await fetch(`${base}/v1/orderbook/BTC-USD?depth=100`)).json()).data;
    assert.ok(book.bids.some(([p]) => p === price), `a bid at ${price} in GET /v1/orderbook`);
    await row.getByRole('button', { name: 'Cancel', exact: false }).click();
    await row.waitFor({ state: 'detached' });
  });

  await check('a market order fills; the fill and the balance change are shown', async () => {
    const btcBefore = await balanceOf(page, 'BTC');
    const usdBefore = await balanceOf(page, 'USD');
    await form.getByRole('button', { name: 'Market', exact: true }).click();
    await form.getByLabel('Size', { exact: true }).fill('0.0100');
    await form.getByRole('button', { name: 'Buy', exact: true }).click();
    await assertText(message, /market order \d+: filled/);
    const orderId = (await message.textContent()).match(/order (\d+)/)[1];
    const fills = page.getByRole('region', { name: 'Fills', exact: true });
    await fills.locator('tbody tr').first().waitFor();
    await page.waitForFunction(([before]) => {
      const cell = document.querySelector('#balances tr[data-asset="BTC"] td:nth-child(2)');
      return cell && Number(cell.textContent.replace(/,/g, '')) > before;
    }, [btcBefore], { timeout: 10_000 });
    const btcAfter = await balanceOf(page, 'BTC');
    assert.equal(Math.round((btcAfter - btcBefore) * 1e4), 100, `BTC ${btcBefore} → ${btcAfter}`);
    assert.ok(await balanceOf(page, 'USD') < usdBefore, 'USD went down');
    const fillRows = await fills.locator('tbody tr').allTextContents();
    assert.ok(fillRows.some(text => text.includes('BTC-USD') && text.includes('Buy')), fillRows.join(' | '));
    console.log(`[e2e]      order ${orderId}: BTC ${btcBefore} → ${btcAfter}`);
  });

  await check('a click on a book level puts its price in the order form', async () => {
    const level = page.locator('#book .ladder .ask').first();
    const price = await level.getAttribute('data-price');
    await level.click();
    assert.equal(await form.getByLabel('Price', { exact: true }).inputValue(), price);
  });

  await check('the chart switches candle intervals', async () => {
    const chart = page.getByRole('region', { name: 'Chart', exact: true });
    const answered = page.waitForResponse(r => r.url().includes('/v1/candles/BTC-USD?interval=5m'));
    await chart.getByRole('button', { name: '5m', exact: true }).click();
    assert.equal((await answered).status(), 200);
    assert.equal(await chart.getByRole('button', { name: '5m', exact: true }).getAttribute('aria-pressed'), 'true');
    await chart.getByRole('button', { name: '1m', exact: true }).click();
    await chart.locator('button[aria-pressed="true"]', { hasText: '1m' }).waitFor();
  });

  await check('Markets selects another pair: its book, tape and form follow', async () => {
    const markets = page.getByRole('region', { name: 'Markets', exact: true });
    await markets.locator('tr[data-pair="ETH-USD"]').click();
    await page.locator('#book .ladder .head', { hasText: 'Size (ETH)' }).waitFor();
    await page.locator('#book-sync.live').waitFor({ timeout: 15_000 });
    const ethBid = Number(await page.locator('#book .ladder .bid').first().getAttribute('data-price'));
    assert.ok(ethBid > 1000 && ethBid < 10_000, `an ETH-USD price (${ethBid})`);
    assert.equal(await markets.locator('tr[aria-selected="true"]').getAttribute('data-pair'), 'ETH-USD');
    assert.equal(await form.locator('[data-unit="base"]').first().textContent(), 'ETH');
    await markets.locator('tr[data-pair="BTC-USD"]').click();
    await page.locator('#book .ladder .head', { hasText: 'Size (BTC)' }).waitFor();
    await page.locator('#book-sync.live').waitFor({ timeout: 15_000 });
  });

  await check('the faucet adds test funds to the balance', async () => {
    const before = await balanceOf(page, 'USD');
    const balances = page.getByRole('region', { name: 'Balances', exact: true });
    await balances.getByLabel('Faucet asset').selectOption('USD');
    await balances.getByLabel('Faucet amount').fill('1000');
    await balances.getByRole('button', { name: 'Get test funds', exact: true }).click();
    await balances.getByText('1000 USD added').waitFor();
    const after = await balanceOf(page, 'USD');
    assert.ok(Math.abs(after - before - 1000) < 1e-6, `USD ${before} → ${after}`);
  });

  await check('post-only and IOC reach the exchange: one that would take and one that cannot fill are cancelled', async () => {
    await form.getByRole('button', { name: 'Limit', exact: true }).click();
    // 0.2 % through the best ask: still crossing however the makers re-quote meanwhile
    const bestAsk = Number(await page.locator('#book .ladder .ask').last().getAttribute('data-price'));
    await form.getByLabel('Price', { exact: true }).fill((Math.ceil(bestAsk * 1.002 * 100) / 100).toFixed(2));
    await form.getByLabel('Size', { exact: true }).fill('0.0010');
    await form.getByLabel('Post-only').check();
    await form.getByRole('button', { name: 'Buy', exact: true }).click();
    await assertText(message, /limit order \d+: cancelled \(post only would take\)/);
    await form.getByLabel('Post-only').uncheck();
    const bestBid = Number(await page.locator('#book .ladder .bid').first().getAttribute('data-price'));
    await form.getByLabel('Price', { exact: true }).fill((Math.floor(bestBid * 0.9 * 100) / 100).toFixed(2));
    await form.getByLabel('Time in force').selectOption('ioc');
    await form.getByRole('button', { name: 'Buy', exact: true }).click();
    await assertText(message, /limit order \d+: cancelled \(ioc remainder\)/);
    await form.getByLabel('Time in force').selectOption('gtc');
  });

  await check('25 % of the balance fills Size on the lot; a stop order waits in Open orders', async () => {
    await form.getByRole('button', { name: 'Stop', exact: true }).click();
    await form.getByLabel('Size', { exact: true }).fill('');
    await form.getByRole('button', { name: '25%', exact: true }).click();
    const share = await form.getByLabel('Size', { exact: true }).inputValue();
    assert.match(share, /^\d+\.\d{4}$/, 'a multiple of the 0.0001 lot');
    assert.ok(Number(share) > 0, share);
    const bestAsk = Number(await page.locator('#book .ladder .ask').last().getAttribute('data-price'));
    await form.getByLabel('Stop', { exact: true }).fill((Math.ceil(bestAsk * 1.2 * 100) / 100).toFixed(2));
    await form.getByLabel('Price', { exact: true }).fill('');
    await form.getByLabel('Size', { exact: true }).fill('0.0100');
    await form.getByRole('button', { name: 'Buy', exact: true }).click();
    await assertText(message, /stop order \d+: pending trigger/);
    const id = (await message.textContent()).match(/order (\d+)/)[1];
    const row = orders.locator(`tr[data-order-id="${id}"]`);
    await row.waitFor();
    assert.match(await row.textContent(), /pending trigger/);
  });

  await check('after a dropped connection the screen reconnects, resumes its fills with since_seq and resyncs the book', async () => {
    const credentials = await page.evaluate(() => JSON.parse(localStorage.getItem('tidemark.sandbox-key')));
    const fills = page.getByRole('region', { name: 'Fills', exact: true });
    const before = await fills.locator('tbody tr').count();
    cut = true;
    sockets.splice(0).forEach(ws => ws.close());
    await page.locator('#status:not(.open)').waitFor();
    await page.locator('#book-sync:not(.live)').waitFor();
    // a fill the screen cannot see happen: it must come from the replay after the reconnect
    const order = await signedCall(base, credentials, 'POST', '/v1/orders',
      { pair: 'BTC-USD', side: 'sell', type: 'market', size: '0.0020' });
    assert.equal(order.status, 'filled');
    await page.waitForTimeout(300);
    assert.equal(await fills.locator('tbody tr').count(), before, 'no fill shown while disconnected');
    cut = false;
    await page.locator('#status.open').waitFor({ timeout: 15_000 });
    await page.locator('#book-sync.live').waitFor({ timeout: 15_000 });
    await page.waitForFunction(n => document.querySelectorAll('#fills tbody tr').length > n, before, { timeout: 10_000 });
    const rows = await fills.locator('tbody tr').allTextContents();
    assert.ok(rows.some(text => text.includes('Sell') && text.includes('0.0020')), rows.join(' | '));
    const shown = await readLadder(page);
    assert.ok(shown.bids.length > 0 && shown.asks.length > 0, 'the book is shown again');
  });

  await check('Cancel all cancels every open order', async () => {
    await form.getByRole('button', { name: 'Limit', exact: true }).click();
    const bestBid = Number(await page.locator('#book .ladder .bid').first().getAttribute('data-price'));
    for (const factor of [0.8, 0.85]) {
      await form.getByLabel('Price', { exact: true }).fill((Math.floor(bestBid * factor * 100) / 100).toFixed(2));
      await form.getByLabel('Size', { exact: true }).fill('0.0100');
      await form.getByRole('button', { name: 'Buy', exact: true }).click();
      await assertText(message, /: open/);
    }
    // the two limits and the stop order
    await page.waitForFunction(() => document.querySelectorAll('#orders tr[data-order-id]').length === 3);
    await page.waitForTimeout(1500); // a few more trades and candles in the picture
    await page.screenshot({ path: join(SHOTS, 'desktop-1440x900.png') });
    await orders.getByRole('button', { name: 'Cancel all', exact: true }).click();
    await page.waitForFunction(() => document.querySelectorAll('#orders tr[data-order-id]').length === 0);
  });


  await check('Sign out, then "Use an existing key" signs in with a pasted key kept in session storage only', async () => {
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByRole('button', { name: 'Create sandbox account', exact: true }).waitFor();
    assert.equal(await page.evaluate(() => localStorage.getItem('tidemark.sandbox-key')), null, 'sign out forgets the key');
    const account = (await (await fetch(`${base}/v1/sandbox/accounts`, { method: 'POST' })).json()).data;
    await page.getByRole('button', { name: 'Use an existing key', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Use an existing key' });
    await dialog.getByLabel('API key', { exact: true }).fill(account.key);
    await dialog.getByLabel('Secret', { exact: true }).fill(account.secret);
    await dialog.getByRole('button', { name: 'Sign in', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('#balances tr[data-asset="USD"]').waitFor();
    assert.equal(await balanceOf(page, 'USD'), 100000);
    assert.ok((await page.locator('#account').textContent()).includes(account.key.slice(0, 12)));
    assert.deepEqual(await page.evaluate(() => [localStorage.length, JSON.parse(sessionStorage.getItem('tidemark.key'))?.key]),
      [0, account.key]);
  });

  await check('the phone layout shows the panels in one column, the book still live', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.locator('#book-sync.live').waitFor({ timeout: 15_000 });
    await page.locator('#balances tr[data-asset="USD"]').waitFor(); // the key survived the reload
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `no sideways scrolling (page is ${width} px wide)`);
    for (const name of PANELS) {
      const box = await page.getByRole('region', { name, exact: true }).boundingBox();
      assert.ok(box && box.width <= 390 && box.width > 300, `${name} fills the width (${box?.width})`);
    }
    await page.waitForTimeout(1000);
    await page.screenshot({ path: join(SHOTS, 'phone-390x844.png') });
    await page.screenshot({ path: join(SHOTS, 'phone-390x844-full.png'), fullPage: true });
  });

  await check('no console errors, failed requests or error answers', async () => {
    assert.deepEqual(problems, []);
  });
}

/** `./tidemark server`: no sign-up, no faucet; the screen says so and takes a pasted key. */
async function runServerMode(context, launch, dataDir) {
  const keyText = execFileSync(join(ROOT, 'tidemark'), ['keys', 'create', '--data-dir', dataDir, '--scopes', 'read,trade'],
    { cwd: ROOT, env: { ...process.env, TIDEMARK_NO_BUILD: '1' }, encoding: 'utf8' });
  const field = name => keyText.match(new RegExp(`^${name}\\s+(\\S+)`, 'm'))[1];
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  await waitForPing(base, launch('server', dataDir, port), 90_000);
  const page = await context.newPage();
  const problems = [];
  page.on('console', message => { if (message.type() === 'error') problems.push(`console: ${message.text()}`); });
  page.on('pageerror', error => problems.push(`page error: ${error.message}`));
  page.on('response', response => { if (response.status() >= 400) problems.push(`HTTP ${response.status()} for ${response.url()}`); });

  await check('server mode: the screen says server, offers no sign-up and signs in with a pasted key', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    assert.equal((await page.goto(`${base}/`)).status(), 200);
    await page.locator('#mode', { hasText: 'server' }).waitFor();
    await page.getByRole('button', { name: 'Use an existing key', exact: true }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Create sandbox account' }).count(), 0);
    await page.getByRole('button', { name: 'Use an existing key', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Use an existing key' });
    await dialog.getByLabel('API key', { exact: true }).fill(field('key'));
    await dialog.getByLabel('Secret', { exact: true }).fill(field('secret'));
    await dialog.getByRole('button', { name: 'Sign in', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('region', { name: 'Open orders', exact: true }).getByText('no open orders').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Get test funds' }).count(), 0, 'no faucet outside the sandbox');
    assert.deepEqual(problems, []);
  });
  await page.close();
}

/** `./tidemark cluster --sandbox`: mode cluster, and still the sandbox's sign-up (GET /v1/info's `sandbox`). */
async function runClusterSandbox(context, launch, dataDir) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const nodePort = await freeUdpPorts(15);
  await waitForPing(base, launch('cluster', dataDir, port, '--sandbox', '--no-sim', '--node-port', String(nodePort)), 120_000);
  const page = await context.newPage();
  const problems = [];
  page.on('console', message => { if (message.type() === 'error') problems.push(`console: ${message.text()}`); });
  page.on('pageerror', error => problems.push(`page error: ${error.message}`));
  page.on('response', response => { if (response.status() >= 400) problems.push(`HTTP ${response.status()} for ${response.url()}`); });

  await check('cluster --sandbox: the screen says cluster and signs up with Create sandbox account', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    assert.equal((await page.goto(`${base}/`)).status(), 200);
    await page.locator('#mode', { hasText: 'cluster' }).waitFor();
    await page.getByRole('button', { name: 'Create sandbox account', exact: true }).click();
    await page.locator('#balances tr[data-asset="USD"]').waitFor();
    assert.ok(await balanceOf(page, 'USD') > 0, 'the sign-up\'s deposits went through the cluster');
    assert.deepEqual(problems, []);
  });
  await page.close();
}

async function assertText(locator, pattern) {
  const deadline = Date.now() + 10_000;
  let text = '';
  while (Date.now() < deadline) {
    text = (await locator.textContent()) ?? '';
    if (pattern.test(text)) return;
    await new Promise(r => setTimeout(r, 100));
  }
  assert.fail(`expected ${pattern}, saw "${text}"`);
}

main().then(() => {
  writeFileSync(join(OUT, 'e2e-result.txt'), checks.map(c => `ok ${c}`).join('\n') + '\n');
  console.log(`[e2e] ${checks.length} checks passed; screenshots in ${SHOTS}`);
}, error => {
  console.error(`[e2e] failed: ${error?.message ?? error}`);
  process.exit(1);
});
