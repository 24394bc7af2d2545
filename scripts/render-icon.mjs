#!/usr/bin/env node
// Renders media/icon.svg to media/icon.png (128x128, what the Marketplace shows) with Debian's
// Chromium through playwright-core. Run after changing the SVG; the PNG is committed.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const svg = readFileSync(new URL('../media/icon.svg', import.meta.url), 'utf8');
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
});
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.screenshot({
    path: new URL('../media/icon.png', import.meta.url).pathname,
    omitBackground: true,
    clip: { x: 0, y: 0, width: 128, height: 128 },
  });
} finally {
  await browser.close();
}
console.log('wrote media/icon.png');
