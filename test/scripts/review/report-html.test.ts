import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { resolvePlatform } from '../../support/berth-platform';
import { defineApp, AppDefinition } from '../../../apps/app-definition';
import { APPS } from '../../../apps/teams';
import { AppProbe } from '../../../constructs/workloads/app-probe';
import { platformDiff } from '../../../scripts/review/platform-diff';
import { reportHtml } from '../../../scripts/review/report-html';
import { ReportModel, reportImages, reportModel } from '../../../scripts/review/report-model';
import { RECORDED_IMAGE_DIGESTS, imageKey, recordedImages } from '../../../constructs/addons';
import { SynthOutput, readSynthOutput } from '../../../scripts/review/synth-output';
import { BerthApp } from '../../../stacks/berth-app';
import { withTool } from '../../support/real-tool';
import { synthPlatform } from '../../support/synth-platform';

/** Screenshots and pages land here (git-ignored with the rest of test output). */
const OUT = path.join(__dirname, '..', '..', '..', 'test-output', 'report');

const config = {
  clusters: [{ name: 'main', masters: { count: 3 }, minionPools: [{ name: 'default', count: 3 }] }],
};
const extra = defineApp({
  name: 'orders',
  image: 'team-shop/orders',
  web: { port: 8080, readiness: AppProbe.http('/healthz') },
  environments: { dev: { tag: '1.0.0' } },
}) as AppDefinition;

let model: ReportModel;
let html: string;
let head: SynthOutput;

beforeAll(() => {
  const platform = resolvePlatform(config);
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-report-'));
  const app = new BerthApp({ platform, outdir, apps: [...APPS, extra] });
  app.synth();
  head = readSynthOutput(outdir);
  const base = synthPlatform({}, APPS);
  const footprints = new Map([...app.platformStacks].map(([cluster, stack]) => [cluster, stack.footprint]));
  model = reportModel(head, platform, footprints, {
    diff: platformDiff(base, head),
    title: 'Plan diff: base -> head',
  });
  html = reportHtml(model);
});

test('the model: every VM, load balancer, add-on, environment and app of the synthesized output', () => {
  const [cluster] = model.clusters;
  expect(cluster.vms.map((v) => v.name)).toEqual([
    'berth-main-master-1',
    'berth-main-master-2',
    'berth-main-master-3',
    'berth-main-default-1',
    'berth-main-default-2',
    'berth-main-default-3',
  ]);
  expect(cluster.loadBalancers).toEqual(['berth-main-api', 'berth-main-ingress']);
  expect(cluster.environments.map((e) => [e.name, e.apps.map((a) => a.name)])).toEqual(
    [...head.manifests.get('main')!.keys()].map((env) => [env, expect.any(Array)]),
  );
  expect(cluster.environments.find((e) => e.name === 'dev')!.apps.map((a) => a.name)).toContain('orders');
  expect(cluster.addons.find((a) => a.name === 'monitoring')?.releases.length).toBeGreaterThan(0);
  const prod = cluster.environments.find((e) => e.name === 'prod')!;
  expect(prod.promotesFrom).toBe('test');
  expect(prod.promotion.length).toBeGreaterThan(0);
  expect(prod.promotion.every((p) => p.ok)).toBe(true);
});

test('the platform images: every recorded image once, those pinned by tag only named first', () => {
  const keys = new Set(recordedImages().map(imageKey));
  expect(model.images.map((i) => i.image).sort()).toEqual([...keys].sort());
  const tagOnly = [...keys].filter((key) => !RECORDED_IMAGE_DIGESTS.has(key)).length;
  expect(html).toContain(`${tagOnly} of ${keys.size} platform images are pinned by tag only`);
  expect(html).toContain(
    '<tr><td>docker.io/grafana/loki:3.6.7</td><td><span class="fail">tag only</span></td><td>chart loki 6.56.1</td></tr>',
  );

  const digest = `sha256:${'e3'.repeat(32)}`;
  const a = { repository: 'quay.io/a/a', tag: '1', usedBy: 'chart a 1.0' };
  const b = { repository: 'docker.io/b/b', tag: '2', usedBy: 'chart b 1.0' };
  const rows = reportImages([b, a, { ...a, usedBy: 'the upgrade Jobs' }], new Map([[imageKey(b), digest]]));
  expect(rows).toEqual([
    { image: 'quay.io/a/a:1', digest: undefined, usedBy: ['chart a 1.0', 'the upgrade Jobs'] },
    { image: 'docker.io/b/b:2', digest, usedBy: ['chart b 1.0'] },
  ]);
  const pinned = reportHtml({ ...model, images: rows.slice(1) });
  expect(pinned).toContain('All 1 platform images are pinned by digest.');
  expect(pinned).toContain(`<span class="pass">${digest.slice(0, 19)}…</span>`);
});

test('the page is self-contained: nothing fetched from anywhere', () => {
  expect(html).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=/i);
  expect(html).not.toMatch(/url\(|@import|https?:\/\/(?!www\.w3\.org\/2000\/svg)[^"<\s]*"/);
});

test('the diff is highlighted in the topology and listed in words', () => {
  expect(html).toMatch(/class="node vm added" data-kind="vm" data-id="vm-berth-main-master-2"/);
  expect(html).toMatch(/class="node app added" data-kind="app" data-id="app-dev-orders"/);
  // The first master's template changes (new masters' addresses), which the running server ignores.
  expect(html).toMatch(/class="node vm ignored" data-kind="vm" data-id="vm-berth-main-master-1"/);
  expect(html).toMatch(/<span class="added">\s+\+ app orders added<\/span>/);
});

withTool('chromium')(
  'renders in headless Chromium without errors: one topology node per VM and per app, and a screenshot',
  () => {
    fs.mkdirSync(OUT, { recursive: true });
    const page = path.join(OUT, 'report.html');
    fs.writeFileSync(page, html);
    const chromium = (...args: string[]) =>
      spawnSync(
        'chromium',
        [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--no-first-run',
          '--enable-logging=stderr',
          '--v=0',
          ...args,
          `file://${page}`,
        ],
        {
          encoding: 'utf8',
          timeout: 90_000,
          env: { ...process.env, HOME: fs.mkdtempSync(path.join(os.tmpdir(), 'berth-chromium-')) },
        },
      );
    // One start of Chromium both prints the page's DOM and takes the screenshot.
    const screenshot = path.join(OUT, 'report.png');
    fs.rmSync(screenshot, { force: true });
    const dom = chromium(
      '--dump-dom',
      `--screenshot=${screenshot}`,
      '--window-size=1600,2200',
      '--hide-scrollbars',
    );
    expect(dom.status).toBe(0);
    // The page's own error trap and Chromium's console log: no script error.
    expect(dom.stdout).toMatch(/<html[^>]*data-ready="true"/);
    expect(dom.stdout).not.toMatch(/data-errors=/);
    expect(dom.stderr).not.toMatch(/Uncaught|CONSOLE\(\d+\).*(Error|error)/);
    const nodes = (kind: string) =>
      [
        ...dom.stdout.matchAll(
          new RegExp(`<g class="node ${kind}[^"]*" data-kind="${kind}" data-id="([^"]+)"`, 'g'),
        ),
      ].map((m) => m[1]);
    const [cluster] = model.clusters;
    expect(nodes('vm')).toEqual(cluster.vms.map((v) => `vm-${v.name}`));
    expect(nodes('app')).toEqual(
      cluster.environments.flatMap((e) => e.apps.map((a) => `app-${e.name}-${a.name}`)),
    );

    const png = fs.readFileSync(screenshot);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.length).toBeGreaterThan(20_000);
  },
  120_000,
);
