import type { AddressInfo } from 'node:net';
import { it } from 'vitest';
import { openTestSite } from '../support/khabar.js';
import { arabicFontReport, launchBrowser, measureOverflow, watchProblems } from './browser.js';

it('scratch', async () => {
  const site = await openTestSite();
  await site.khabar.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(site.khabar.app.server.address() as AddressInfo).port}`;
  const browser = await launchBrowser();
  for (const block of [false, true]) {
    const context = await browser.newContext({ viewport: { width: 390, height: 800 } });
    const page = await context.newPage();
    if (block) await page.route('**/assets/fonts/**', (r) => r.abort());
    const problems = watchProblems(page);
    await page.goto(base + '/', { waitUntil: 'networkidle' });
    console.log('block', block, JSON.stringify(await arabicFontReport(page, { family: 'Noto Naskh Arabic', weight: 400, selector: 'body' }), null, 1));
    console.log(JSON.stringify(await arabicFontReport(page, { family: 'Noto Kufi Arabic', weight: 700, selector: 'h1' }), null, 1));
    console.log(problems.list);
    await page.evaluate("document.querySelector('.card-title').style.marginRight='-50px'; document.querySelector('.article-body, main p').insertAdjacentHTML('beforeend','<span style=\"display:inline-block;width:600px\">x</span>')");
    console.log(await measureOverflow(page));
    await context.close();
  }
  await browser.close();
  await site.dispose();
});
