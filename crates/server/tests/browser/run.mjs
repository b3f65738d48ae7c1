// Browser tests of `dossier serve`, in headless Chromium through playwright-core: a person's
// path through the UI (story list, the story, a citation, an entity, an outlet, search), the booby-trapped article,
// a phone-sized screen, screenshots of each step, and no console errors anywhere.
//
// Usage: node run.mjs BASE_URL SCREENSHOT_DIR ANALYZE_HTML   (started by crates/server/tests/browser.rs)
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import assert from 'node:assert/strict';

const [base, out, analyzed] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
const problems = [];
const steps = [];

async function newPage(viewport) {
  const page = await browser.newPage({ viewport });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()} on ${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error on ${page.url()}: ${e.message}`));
  page.on('dialog', async (d) => { problems.push(`a dialog opened (script ran) on ${page.url()}: ${d.message()}`); await d.dismiss(); });
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.url()}`); });
  return page;
}

async function step(name, fn) {
  try {
    await fn();
    steps.push(`ok   ${name}`);
  } catch (e) {
    steps.push(`FAIL ${name}: ${e.message}`);
    problems.push(`${name}: ${e.message}`);
  }
}

async function noXss(page) {
  const ran = await page.evaluate(() => window.__xss);
  assert.equal(ran, undefined, `a payload ran: ${ran}`);
  assert.equal(await page.locator('main script, main img, main iframe').count(), 0, 'markup from an article became elements');
  const js = await page.locator('a[href^="javascript"]').count();
  assert.equal(js, 0, 'a javascript: link is on the page');
}

const api = async (path) => (await fetch(base + path)).json();
const stories = await api('/api/stories');
const top = stories.reduce((a, b) => (b.articles > a.articles ? b : a));
const desktop = await newPage({ width: 1280, height: 900 });

await step('story list shows the stories, newest first, with counts and a conflict badge', async () => {
  await desktop.goto(base + '/');
  const titles = await desktop.locator('a.story-title').allTextContents();
  assert.deepEqual(titles, stories.map((s) => s.title));
  const row = desktop.locator('li.story-row', { has: desktop.locator(`a[href="/stories/${top.id}"]`) });
  assert.match(await row.innerText(), new RegExp(`${top.articles} articles`));
  if (top.conflicts > 0) assert.equal(await row.locator('.badge.conflict').count(), 1);
  await desktop.screenshot({ path: `${out}/01-story-list.png`, fullPage: true });
});

await step('open the story: every section, the timeline drawn as SVG', async () => {
  await desktop.locator(`a[href="/stories/${top.id}"]`).click();
  await desktop.waitForURL(`**/stories/${top.id}`);
  assert.equal(await desktop.locator('h1').innerText(), top.title);
  for (const id of ['brief', 'timeline', 'who', 'quotes', 'positions', 'figures', 'sources']) {
    assert.ok(await desktop.locator(`section#${id}`).isVisible(), `section ${id}`);
  }
  const dossier = await api(`/api/stories/${top.id}`);
  const story = dossier.stories[0];
  assert.equal(await desktop.locator('#brief ol.brief > li').count(), story.brief.length);
  const dates = new Set(story.events.filter((e) => e.date && !e.date.startsWith('X')).map((e) => `${e.date}${e.approximate ? '~' : ''}`));
  assert.equal(await desktop.locator('svg.tl circle.dot').count(), dates.size);
  const box = await desktop.locator('svg.tl').boundingBox();
  assert.ok(box.width > 300 && box.height > 40, 'the timeline is drawn');
  assert.equal(await desktop.locator('#sources table.sources tbody tr').count(), story.articles.length);
  await desktop.screenshot({ path: `${out}/02-story.png`, fullPage: true });
});

await step('follow a citation of the brief: it lands on the supporting sentence, highlighted', async () => {
  const cite = desktop.locator('#brief sup.cite a[href*="?at="]').first();
  assert.ok(await cite.count() > 0, 'a brief citation with its sentence');
  const href = await cite.getAttribute('href');
  const url = new URL(base + href);
  const id = url.pathname.split('/').pop();
  await cite.click();
  await desktop.waitForURL((u) => u.href === url.href);
  const article = await api(`/api/articles/${id}`);
  const [start, end] = url.searchParams.get('at').split('-').map(Number);
  const target = desktop.locator('mark.cited:target');
  assert.equal(await target.count(), 1, 'one targeted passage');
  assert.equal(await target.textContent(), Array.from(article.text).slice(start, end).join(''));
  const dossier = await api(`/api/stories/${top.id}`);
  const cited = dossier.stories[0].brief.flatMap((b) => b.evidence || []).map((e) => e.sentence);
  assert.ok(cited.includes(await target.textContent()), 'the passage is evidence of the brief');
  const bg = await target.evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.equal(bg, 'rgb(255, 217, 90)', 'the targeted passage is highlighted');
  const box = await target.boundingBox();
  assert.ok(box.y >= 0 && box.y < 900, 'the passage is in view');
  assert.ok(await desktop.locator('article.reader h1').isVisible());
  const cuts = await desktop.locator('.body p.cut del').count() + await desktop.locator('article p.cut del').count();
  assert.ok(article.removed.length === 0 || cuts >= article.removed.length, 'every cut is shown');
  assert.doesNotMatch(await desktop.locator('article.reader').innerText(), /\/(tmp|home|work)\//, 'no local path shown');
  await desktop.screenshot({ path: `${out}/03-citation.png` });
  await desktop.goBack();
});

await step('timeline, quote and figure citations land on their passages too', async () => {
  await desktop.goto(base + `/stories/${top.id}`);
  for (const section of ['timeline', 'quotes', 'figures']) {
    const links = desktop.locator(`#${section} sup.cite a`);
    const n = await links.count();
    if (n === 0) continue;
    const landing = await desktop.locator(`#${section} sup.cite a[href*="?at="]`).count();
    assert.ok(landing > 0, `${section}: some citation lands on a sentence (${n} citations)`);
  }
});

await step('follow an entity link: one page for the person across stories, with quotes', async () => {
  await desktop.goto(base + `/stories/${top.id}`);
  const link = desktop.locator('#who ul.people a.entity').first();
  const name = (await link.innerText()).trim();
  const href = await link.getAttribute('href');
  await link.click();
  await desktop.waitForURL(`**${href}`);
  assert.equal((await desktop.locator('h1').innerText()).trim(), name);
  const profile = await api(`/api${href}`);
  assert.equal(await desktop.locator('ol.entity-stories > li').count(), profile.stories.length);
  assert.ok(await desktop.locator(`ol.entity-stories a[href="/stories/${top.id}"]`).count() === 1, 'its story is listed');
  await desktop.screenshot({ path: `${out}/03b-entity.png`, fullPage: true });
});

await step('follow an outlet link: the outlet page lists the story with its share, its copies and odd reports', async () => {
  const [wide] = await api('/api/stories?sort=outlets&limit=1');
  await desktop.goto(base + `/stories/${wide.id}`);
  const link = desktop.locator('#sources table.sources a.outlet').first();
  const name = (await link.innerText()).trim();
  const href = await link.getAttribute('href');
  assert.equal(href, `/outlets/${encodeURIComponent(name)}`, 'the name is URL-encoded');
  await link.click();
  await desktop.waitForURL((u) => u.pathname === href);
  assert.equal((await desktop.locator('h1').innerText()).trim(), name);
  const profile = await api(`/api${href}`);
  assert.equal(await desktop.locator('#stories ol.entity-stories > li').count(), profile.coverage.length);
  const row = desktop.locator('#stories ol.entity-stories > li', { has: desktop.locator(`a[href="/stories/${wide.id}"]`) });
  assert.equal(await row.count(), 1, 'the story is listed');
  const mine = profile.coverage.find((c) => c.story === wide.id);
  assert.match(await row.locator('.share').innerText(), new RegExp(`^${mine.articles.length} of ${wide.articles} articles`));
  for (const id of ['copies', 'odd']) assert.ok(await desktop.locator(`section#${id}`).isVisible(), `section ${id}`);
  assert.equal(await desktop.locator('#copies ul.copies > li').count(), profile.copies_in.length + profile.copies_out.length);
  await desktop.screenshot({ path: `${out}/03c-outlet.png`, fullPage: true });
});

await step('search from the header', async () => {
  const word = top.title.split(/\s+/).find((w) => w.length > 4);
  await desktop.fill('header input[name=q]', word);
  await desktop.press('header input[name=q]', 'Enter');
  await desktop.waitForURL('**/search?q=*');
  assert.ok(await desktop.locator('li.hit').count() > 0, 'hits');
  assert.ok(await desktop.locator('li.hit mark').count() > 0, 'highlighted');
  await desktop.screenshot({ path: `${out}/04-search.png`, fullPage: true });
});

await step('the booby-trapped article renders as text and runs nothing', async () => {
  const hits = await api('/api/search?q=harbour');
  const hit = hits.find((h) => h.kind === 'article');
  for (const path of [`/articles/${hit.article}`, `/stories/${hit.story}`, '/', '/search?q=harbour']) {
    await desktop.goto(base + path);
    await noXss(desktop);
  }
  await desktop.goto(base + `/articles/${hit.article}`);
  assert.match(await desktop.locator('article.reader').innerText(), /<script>window\.__xss/);
  await desktop.screenshot({ path: `${out}/05-booby-trapped.png`, fullPage: true });
});

await step('a phone-sized screen: no sideways scrolling', async () => {
  const phone = await newPage({ width: 390, height: 844 });
  const person = (await api('/api/entities?name=putin'))[0];
  const outlet = (await api('/api/outlets?limit=1'))[0];
  for (const [path, name] of [['/', '06-phone-list'], [`/stories/${top.id}`, '07-phone-story'], [`/entities/${person.id}`, '08-phone-entity'], [`/outlets/${encodeURIComponent(outlet.name)}`, '08b-phone-outlet']]) {
    await phone.goto(base + path);
    await phone.screenshot({ path: `${out}/${name}.png`, fullPage: true });
    const over = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(over <= 1, `${path} is ${over}px wider than the screen`);
  }
});

await step('the analyze HTML: a citation lands on its highlighted sentence, no sideways scroll on a phone', async () => {
  const phone = await newPage({ width: 390, height: 844 });
  await phone.goto('file://' + analyzed);
  const over = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(over <= 1, `the analyze page is ${over}px wider than the screen`);
  const cite = phone.locator('section.story sup.cite a[href*="-at-"]').first();
  const href = await cite.getAttribute('href');
  await cite.click();
  const target = phone.locator('mark.cited:target');
  assert.equal(await target.count(), 1, `${href} lands on a marked passage`);
  const bg = await target.evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.equal(bg, 'rgb(255, 217, 90)', 'the targeted passage is highlighted');
  await phone.screenshot({ path: `${out}/09-phone-analyze-citation.png` });
});

await step('the analyze HTML draws the timeline as serve does; a dot lands on its date', async () => {
  const page = await newPage({ width: 1280, height: 900 });
  await page.goto('file://' + analyzed);
  const section = page.locator('section.story', { has: page.locator('svg.tl') }).first();
  assert.equal(await section.count(), 1, 'a story with its timeline drawn');
  const dots = section.locator('svg.tl a');
  const n = await dots.count();
  assert.ok(n > 0, 'dots');
  const box = await section.locator('svg.tl').boundingBox();
  assert.ok(box.width > 300 && box.height > 40, 'the timeline is drawn');
  const href = await dots.first().getAttribute('href');
  assert.equal(await page.locator(`li${href}`).count(), 1, `${href} is an event of the list`);
  await page.goto('file://' + analyzed + href);
  assert.equal(await page.locator('li:target').count(), 1, 'the date is the target');
  await section.locator('svg.tl').screenshot({ path: `${out}/10-analyze-timeline.png` });
});

await browser.close();
console.log(steps.join('\n'));
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
