#!/usr/bin/env node
// Screenshots of the app in mock mode (no backend), in headless Chromium.
//
// Usage: node scripts/screenshots.mjs        (or: npm run screenshots -w web)
// Env:   CHROMIUM_PATH (default /usr/bin/chromium)
//
// Starts Vite in mock mode, opens the pages a visitor sees first (home on a wide screen and a
// phone, an article), signs in as a seeded writer and uploads a cover and an inline image in the
// editor. PNGs go to test-artifacts/ (git-ignored). Fails when a page logs an error or when
// anything tries to reach a host other than the app's own.
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

import { chromium } from 'playwright-core';
import { createServer } from 'vite';

const webDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(webDir, 'test-artifacts');
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** CRC-32 of a PNG chunk (type and data). */
function crc32(bytes) {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A landscape-like PNG (sky, sun, hills) drawn pixel by pixel: a realistic image to upload. */
function landscapePng(width, height, hue) {
  const rows = Buffer.alloc(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    const row = y * (1 + width * 3);
    for (let x = 0; x < width; x++) {
      const t = y / height;
      let [r, g, b] = [30 + 180 * t, 90 + 120 * t, 160 + 60 * t].map((v, i) => (i === 0 ? v + hue : v));
      const sun = Math.hypot(x - width * 0.7, y - height * 0.35) < height * 0.12;
      if (sun) [r, g, b] = [250, 214, 140];
      const hill = height * (0.68 + 0.08 * Math.sin((x / width) * Math.PI * 2.4 + hue / 40));
      if (y > hill) [r, g, b] = [40 + hue / 4, 90 + 40 * (1 - t), 70];
      rows.set(
        [r, g, b].map((v) => Math.max(0, Math.min(255, Math.round(v)))),
        row + 1 + x * 3,
      );
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function main() {
  await mkdir(outDir, { recursive: true });
  const server = await createServer({
    root: webDir,
    configFile: join(webDir, 'vite.config.ts'),
    mode: 'mock',
    logLevel: 'warn',
    server: { port: 5199, strictPort: false, host: '127.0.0.1' },
  });
  await server.listen();
  const base = server.resolvedUrls?.local[0]?.replace(/\/$/, '') ?? 'http://127.0.0.1:5199';
  const origin = new URL(base).origin;

  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const problems = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
    // The app must never reach another host: any attempt is recorded and fails the run.
    context.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) {
        problems.push(`request to another host: ${url}`);
      }
    });
    const page = await context.newPage();
    page.on('pageerror', (error) => {
      // msw re-checks its worker script on every start without awaiting it (registration.update());
      // a navigation or the end of the run can cut that check short. Not the app's error.
      if (error.message.startsWith('Failed to update a ServiceWorker')) return;
      problems.push(`page error: ${error.message}`);
    });
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });

    const shoot = async (name, options = {}) => {
      await page.evaluate(() => document.fonts.ready);
      if (options.fullPage) {
        // Scroll through once so lazy images load, then back to the top for the sticky header.
        await page.evaluate(async () => {
          for (let y = 0; y < document.body.scrollHeight; y += window.innerHeight / 2) {
            window.scrollTo(0, y);
            await new Promise((resolve) => setTimeout(resolve, 60));
          }
          window.scrollTo(0, 0);
        });
      }
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: join(outDir, `${name}.png`), ...options });
      console.log(`  test-artifacts/${name}.png`);
    };

    console.log(`Mock mode at ${base}; screenshots:`);
    await page.goto(`${base}/`);
    await page.getByRole('heading', { level: 2 }).first().waitFor();
    await shoot('home');
    await shoot('home-full', { fullPage: true });

    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.getByRole('heading', { level: 2 }).first().waitFor();
    await shoot('home-phone');
    await page.goto(`${base}/article/how-to-train-your-dragon`);
    await page.locator('.prose').waitFor();
    await shoot('article-phone');
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.goto(`${base}/article/how-to-train-your-dragon`);
    await page.locator('.prose').waitFor();
    await shoot('article');
    await shoot('article-full', { fullPage: true });

    // Sign in as a seeded writer, then write with pictures, all without reloading (the mock store lives in the page).
    await page.goto(`${base}/login`);
    await page.getByLabel('Email').fill('ada@inkwell.test');
    await page.getByLabel('Password').fill('inkwell-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Write' }).click();
    await page.getByLabel('Title', { exact: true }).fill('A weekend by the lake');
    await page.getByLabel('What is it about?').fill('Two days, one tent, and the quietest water I have seen all year.');
    await page.getByLabel('Choose cover image').setInputFiles({
      name: 'lake-at-dawn.png',
      mimeType: 'image/png',
      buffer: landscapePng(1600, 900, 0),
    });
    await page.getByRole('button', { name: 'Remove cover image' }).waitFor();
    const body = page.getByLabel('Article', { exact: true });
    await body.fill('We arrived late on Friday, when the lake was already dark.\n\nBy morning it looked like this:');
    // A slow server (the mock's latency control) keeps the upload on screen long enough to see it.
    await page.evaluate(() => window.inkwellMock.controls.set({ latencyMs: 2500 }));
    await page.getByLabel('Image to insert into the article').setInputFiles({
      name: 'morning-mist.png',
      mimeType: 'image/png',
      buffer: landscapePng(1200, 800, 60),
    });
    await page.getByRole('progressbar').waitFor();
    await page.getByRole('progressbar').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(outDir, 'editor-uploading.png') });
    console.log('  test-artifacts/editor-uploading.png');
    await page.evaluate(() => window.inkwellMock.controls.reset());
    await page.waitForFunction(() => document.querySelector('textarea')?.value.includes('![morning mist]'));
    await body.press('End');
    await body.pressSequentially('\n\nThe rest of the weekend was slower still.');
    await page.getByLabel('Tags', { exact: true }).fill('travel');
    await page.getByLabel('Tags', { exact: true }).press('Enter');
    await page.getByLabel('Tags', { exact: true }).fill('photography');
    await page.getByLabel('Tags', { exact: true }).press('Enter');
    await shoot('editor-with-upload', { fullPage: true });

    await page.getByRole('button', { name: 'Preview' }).click();
    await page.locator('.editor-preview .prose img').waitFor();
    await shoot('editor-preview', { fullPage: true });

    await page.getByRole('button', { name: 'Publish article' }).click();
    await page.getByRole('heading', { name: 'A weekend by the lake', level: 1 }).waitFor();
    await shoot('published-article', { fullPage: true });

    await page.goto(`${base}/nowhere`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await shoot('not-found');

    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(`${base}/article/how-to-train-your-dragon`);
    await page.locator('.prose').waitFor();
    await shoot('article-dark');
  } finally {
    await browser.close();
    await server.close();
  }
  if (problems.length > 0) {
    console.error(`Problems:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
