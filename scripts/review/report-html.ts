/**
 * The report as one self-contained HTML page: inline CSS, SVG and a few lines of script, nothing fetched.
 * Pictures first (topology, capacity bars), tables for versions, policy and promotion, then the diff.
 */
import { escapeHtml } from './escape-html';
import { formatDiff } from './format-diff';
import { ReportCluster, ReportModel } from './report-model';
import { topologySvg } from './report-topology';

/** A horizontal bar: used against available. */
function bar(label: string, used: number, available: number, unit: (n: number) => string): string {
  const share = available > 0 ? used / available : 1;
  const pct = Math.min(100, Math.round(share * 100));
  const level = share > 1 ? 'over' : share > 0.8 ? 'high' : 'ok';
  return (
    `<div class="bar ${level}"><span class="bar-label">${escapeHtml(label)}</span>` +
    `<svg width="300" height="14" role="img" aria-label="${pct}%"><rect class="bar-bg" width="300" height="14" rx="3"/><rect class="bar-fill" width="${pct * 3}" height="14" rx="3"/></svg>` +
    `<span class="bar-value">${escapeHtml(unit(used))} of ${escapeHtml(unit(available))} (${Math.round(share * 100)} %)</span></div>`
  );
}

const cpu = (millis: number) => `${(millis / 1000).toFixed(2)} vCPU`;
const mem = (mi: number) => `${(mi / 1024).toFixed(2)} GiB`;

function quotaNumber(value: string | undefined, unit: 'cpu' | 'memory'): number {
  if (value === undefined) return 0;
  const m = /^(\d+(?:\.\d+)?)(m|Ki|Mi|Gi|Ti)?$/.exec(value);
  if (!m) return 0;
  const n = Number(m[1]);
  if (unit === 'cpu') return m[2] === 'm' ? n : n * 1000;
  return n * ({ Ki: 1 / 1024, Mi: 1, Gi: 1024, Ti: 1024 * 1024 } as Record<string, number>)[m[2] ?? 'Mi'];
}

function clusterSection(cluster: ReportCluster, model: ReportModel): string {
  const changes = model.diff?.changes ?? [];
  const fp = cluster.footprint;
  const capacity = [
    ...cluster.pools.map(
      (p) =>
        `<h4>pool ${escapeHtml(p.name)}: ${p.count} × ${escapeHtml(p.flavor)}, allocatable ${cpu(p.allocatable.cpuMillis)}, ${mem(p.allocatable.memoryMi)}</h4>`,
    ),
    fp
      ? `<h4>add-ons on the minions (requests)</h4>${bar('CPU', fp.onMinions.requests.cpuMillis, fp.minionAllocatable.cpuMillis, cpu)}${bar('memory', fp.onMinions.requests.memoryMi, fp.minionAllocatable.memoryMi, mem)}`
      : '',
    ...cluster.environments.map(
      (e) =>
        `<h4>environment ${escapeHtml(e.name)} (requests with one rollout, against its quota)</h4>` +
        bar('CPU', e.usage.cpuMillicores, quotaNumber(e.quota['requests.cpu'], 'cpu'), cpu) +
        bar('memory', e.usage.memoryMebibytes, quotaNumber(e.quota['requests.memory'], 'memory'), mem) +
        bar('pods', e.usage.pods, Number(e.quota.pods ?? 0), String),
    ),
  ].join('\n');
  const addonRows = cluster.addons
    .flatMap((a) =>
      a.releases.map(
        (r) =>
          `<tr><td>${escapeHtml(a.name)}</td><td>${escapeHtml(r.release)}</td><td>${escapeHtml(r.chart)}</td><td>${escapeHtml(r.version)}</td></tr>`,
      ),
    )
    .join('');
  const policyRows = cluster.environments
    .map((e) => {
      const quota =
        e.quotaProblems.length === 0
          ? '<span class="pass">fits its quota</span>'
          : `<span class="fail">${e.quotaProblems.map(escapeHtml).join('<br>')}</span>`;
      const promotion = e.promotesFrom
        ? e.promotion
            .map(
              (p) =>
                `<span class="${p.ok ? 'pass' : 'fail'}">${escapeHtml(p.app)}: ${escapeHtml(p.detail)}</span>`,
            )
            .join('<br>') || 'no apps'
        : 'builds from tags (not promoted)';
      return `<tr><td>${escapeHtml(e.name)}</td><td>${quota}</td><td>${e.promotesFrom ? `from ${escapeHtml(e.promotesFrom)}: ` : ''}${promotion}</td></tr>`;
    })
    .join('');
  return `<section class="cluster" id="cluster-${escapeHtml(cluster.name)}">
<h2>Cluster ${escapeHtml(cluster.name)}</h2>
<h3>Topology</h3>
<p class="legend"><span class="key added">added</span><span class="key changed">changed</span><span class="key ignored">ignored by a lifecycle rule</span><span class="key dangerous">dangerous</span> · hover a box for details</p>
<div class="scroll">${topologySvg(cluster, changes)}</div>
<h3>Capacity</h3>
<div class="capacity">${capacity}</div>
<h3>Add-ons and chart versions</h3>
<table><tr><th>add-on</th><th>release</th><th>chart</th><th>version</th></tr>${addonRows}</table>
<h3>Policy and promotion</h3>
<table><tr><th>environment</th><th>quota</th><th>promotion</th></tr>${policyRows}</table>
</section>`;
}

function imagesSection(model: ReportModel): string {
  const tagOnly = model.images.filter((i) => i.digest === undefined).length;
  const summary =
    tagOnly === 0
      ? `<span class="pass">All ${model.images.length} platform images are pinned by digest.</span>`
      : `<span class="fail">${tagOnly} of ${model.images.length} platform images are pinned by tag only</span>: run <code>npm run pin-images</code> where the registries are reachable (docs/security.md, finding 9).`;
  const rows = model.images
    .map(
      (i) =>
        `<tr><td>${escapeHtml(i.image)}</td><td>${i.digest ? `<span class="pass">${escapeHtml(i.digest.slice(0, 19))}…</span>` : '<span class="fail">tag only</span>'}</td><td>${i.usedBy.map(escapeHtml).join('<br>')}</td></tr>`,
    )
    .join('');
  return `<section id="images"><h2>Platform images</h2><p>${summary}</p>
<table><tr><th>image</th><th>digest</th><th>run by</th></tr>${rows}</table></section>`;
}

function diffSection(model: ReportModel): string {
  if (!model.diff) return '';
  const lines = formatDiff(model.diff, { title: model.diffTitle })
    .split('\n')
    .map((line) => {
      const cls = /DANGEROUS/.test(line)
        ? 'dangerous'
        : /^\s{4}\+ /.test(line)
          ? 'added'
          : /^\s{4}- /.test(line)
            ? 'removed'
            : /^\s{4}[~±] /.test(line)
              ? 'changed'
              : /^\s{4}= /.test(line)
                ? 'ignored'
                : /^\s{10}\+/.test(line)
                  ? 'plus'
                  : /^\s{10}-/.test(line)
                    ? 'minus'
                    : '';
      return cls ? `<span class="${cls}">${escapeHtml(line)}</span>` : escapeHtml(line);
    });
  return `<section id="diff"><h2>Change against the base</h2><pre class="diff">${lines.join('\n')}</pre></section>`;
}

const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1d2330;background:#fafbfc}
h1{margin:0 0 4px}h2{border-bottom:2px solid #d0d7e2;padding-bottom:4px;margin-top:32px}
.scroll{overflow-x:auto;background:#fff;border:1px solid #d0d7e2;border-radius:6px;padding:8px}
.edge{fill:none;stroke:#9aa5b8;stroke-width:1.2}
.node rect{fill:#eef2f8;stroke:#7b8799;stroke-width:1}.node text{font-size:12px;fill:#1d2330}.node text.detail{font-size:10px;fill:#57606a}.node{cursor:pointer}
.node.network rect{fill:#e8f4ff}.node.vm rect{fill:#eaf7ea}.node.load-balancer rect{fill:#fff4e0}
.node.cluster rect{fill:#dfe6f3;stroke-width:2}.node.addon rect{fill:#f3ecfb}.node.environment rect{fill:#e6f7f6}.node.app rect{fill:#fff}
.node.added rect{stroke:#1a7f37;stroke-width:3}.node.changed rect{stroke:#9a6700;stroke-width:3}
.node.ignored rect{stroke:#6e7781;stroke-width:3;stroke-dasharray:4 3}.node.dangerous rect{stroke:#cf222e;stroke-width:4;fill:#ffebe9}
.legend .key{display:inline-block;margin-right:12px;padding:0 6px;border:2px solid}.key.added{border-color:#1a7f37}.key.changed{border-color:#9a6700}.key.ignored{border-color:#6e7781;border-style:dashed}.key.dangerous{border-color:#cf222e}
table{border-collapse:collapse;background:#fff}td,th{border:1px solid #d0d7e2;padding:4px 8px;text-align:left;vertical-align:top}
.bar{display:flex;align-items:center;gap:8px;margin:2px 0}.bar-label{width:60px}.bar-bg{fill:#e4e8ee}.bar.ok .bar-fill{fill:#2da44e}.bar.high .bar-fill{fill:#d4a72c}.bar.over .bar-fill{fill:#cf222e}
h4{margin:12px 0 4px;font-weight:600}.pass{color:#1a7f37}.fail{color:#cf222e;font-weight:600}
pre.diff{background:#fff;border:1px solid #d0d7e2;padding:12px;overflow-x:auto}.diff .added,.diff .plus{color:#1a7f37}.diff .removed,.diff .minus{color:#cf222e}.diff .changed{color:#9a6700}.diff .ignored{color:#6e7781}.diff .dangerous{color:#fff;background:#cf222e}`;

/** Records script errors in the page itself, so that a headless browser's DOM shows them. */
const ERROR_TRAP = `window.addEventListener('error',function(e){document.documentElement.setAttribute('data-errors',(document.documentElement.getAttribute('data-errors')||'')+e.message+';')});`;

/** Clicking a topology box lists its details under the picture. */
const SCRIPT = `document.querySelectorAll('svg.topology').forEach(function(svg){var out=document.createElement('pre');out.className='selected';svg.parentNode.after(out);svg.addEventListener('click',function(e){var g=e.target.closest('g.node');if(g){out.textContent=g.querySelector('title').textContent;}});});document.documentElement.setAttribute('data-ready','true');`;

export function reportHtml(model: ReportModel): string {
  const vms = model.clusters.reduce((n, c) => n + c.vms.length, 0);
  const apps = model.clusters.reduce((n, c) => n + c.environments.reduce((m, e) => m + e.apps.length, 0), 0);
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Berth platform ${escapeHtml(model.platform)}</title>
<script>${ERROR_TRAP}</script><style>${STYLE}</style></head>
<body><h1>Berth platform ${escapeHtml(model.platform)}</h1>
<p>${model.clusters.length} cluster(s), ${vms} VMs, ${apps} app deployments.${model.diff ? ' <a href="#diff">Change against the base</a>.' : ''}</p>
${model.clusters.map((c) => clusterSection(c, model)).join('\n')}
${imagesSection(model)}
${diffSection(model)}
<script>${SCRIPT}</script></body></html>
`;
}
