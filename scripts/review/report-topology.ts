/**
 * A cluster's topology as an SVG picture for the report: external network, router, subnet, VMs and load
 * balancers, the cluster, its add-ons and environments, their apps; boxes marked by what the diff does
 * to them.
 */
import { escapeHtml } from './escape-html';
import { ChangeKind, PlatformChange, Risk, environmentScope } from './platform-change';
import { ReportCluster } from './report-model';

const BOX = { width: 184, height: 34, gapY: 8, gapX: 26 };

interface TopologyNode {
  readonly id: string;
  readonly kind: string;
  readonly label: string;
  /** Second, smaller line: flavor, chart versions, route. */
  readonly detail?: string;
  readonly title: string;
  readonly state?: string;
}

function fit(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The state a change gives the topology node it is about (`added`, `dangerous`, ...). */
function stateOf(
  changes: readonly PlatformChange[],
  match: (c: PlatformChange) => boolean,
): string | undefined {
  const hits = changes.filter(match);
  if (hits.length === 0) return undefined;
  if (hits.some((c) => c.risk === Risk.DANGEROUS)) return 'dangerous';
  if (hits.some((c) => c.kind === ChangeKind.ADDED)) return 'added';
  if (hits.every((c) => c.kind === ChangeKind.IGNORED)) return 'ignored';
  return 'changed';
}

/** The topology of a cluster as SVG: one column per layer, edges from each layer to the next. */
export function topologySvg(cluster: ReportCluster, changes: readonly PlatformChange[]): string {
  const mine = changes.filter((c) => c.cluster === cluster.name);
  const vmState = (name: string) =>
    stateOf(mine, (c) => c.subject === `VM ${name}` || (c.affects ?? []).includes(`VM ${name}`));
  const columns: TopologyNode[][] = [
    [{ id: 'ext', kind: 'network', label: `external ${cluster.externalNetwork}`, title: 'external network' }],
    [{ id: 'router', kind: 'network', label: cluster.router, title: 'router' }],
    [{ id: 'subnet', kind: 'network', label: cluster.subnet, title: 'subnet' }],
    [
      ...cluster.vms.map((vm) => ({
        id: `vm-${vm.name}`,
        kind: 'vm',
        label: vm.name,
        detail: `${vm.role}${vm.pool ? ` ${vm.pool}` : ''} · ${vm.flavor}`,
        title: `${vm.role}${vm.pool ? ` in pool ${vm.pool}` : ''}, flavor ${vm.flavor}`,
        state: vmState(vm.name),
      })),
      ...cluster.loadBalancers.map((lb) => ({
        id: `lb-${lb}`,
        kind: 'load-balancer',
        label: lb,
        detail: 'load balancer',
        title: 'load balancer',
        state: stateOf(
          mine,
          (c) => c.subject === `load balancer ${lb}` || c.subject.startsWith(`load balancer ${lb}:`),
        ),
      })),
    ],
    [{ id: 'cluster', kind: 'cluster', label: `cluster ${cluster.name}`, title: 'Kubernetes cluster' }],
    [
      ...cluster.addons.map((a) => ({
        id: `addon-${a.name}`,
        kind: 'addon',
        label: `add-on ${a.name}`,
        detail: a.releases.map((r) => `${r.chart} ${r.version}`).join(', '),
        title: a.releases.map((r) => `${r.release}: ${r.chart} ${r.version}`).join('; '),
        state: stateOf(mine, (c) => c.subject === `add-on ${a.name}`),
      })),
      ...cluster.environments.map((e) => ({
        id: `env-${e.name}`,
        kind: 'environment',
        label: `environment ${e.name}`,
        detail: `${e.apps.length} apps${e.promotesFrom ? `, promoted from ${e.promotesFrom}` : ''}`,
        title: `${e.apps.length} apps`,
        state: stateOf(mine, (c) => c.subject === `environment ${e.name}`),
      })),
    ],
    cluster.environments.flatMap((e) =>
      e.apps.map((app) => ({
        id: `app-${e.name}-${app.name}`,
        kind: 'app',
        label: `${app.name} (${e.name})`,
        detail: app.routes[0] ?? app.images[0]?.split('/').pop() ?? '',
        title: [...app.images, ...app.routes.map((r) => `https://${r}/`)].join('\n'),
        state: stateOf(mine, (c) => c.scope === environmentScope(e.name) && c.subject === `app ${app.name}`),
      })),
    ),
  ];
  const edges: [string, string][] = [
    ['ext', 'router'],
    ['router', 'subnet'],
  ];
  for (const node of columns[3]) edges.push(['subnet', node.id], [node.id, 'cluster']);
  for (const node of columns[5]) edges.push(['cluster', node.id]);
  for (const e of cluster.environments) {
    for (const app of e.apps) edges.push([`env-${e.name}`, `app-${e.name}-${app.name}`]);
  }
  const rows = Math.max(...columns.map((c) => c.length));
  const height = rows * (BOX.height + BOX.gapY) + BOX.gapY;
  const position = new Map<string, { x: number; y: number }>();
  columns.forEach((column, i) => {
    const top = (height - column.length * (BOX.height + BOX.gapY)) / 2 + BOX.gapY / 2;
    column.forEach((node, j) =>
      position.set(node.id, { x: 10 + i * (BOX.width + BOX.gapX), y: top + j * (BOX.height + BOX.gapY) }),
    );
  });
  const width = 20 + columns.length * (BOX.width + BOX.gapX) - BOX.gapX;
  const paths = edges
    .filter(([a, b]) => position.has(a) && position.has(b))
    .map(([a, b]) => {
      const p = position.get(a)!;
      const q = position.get(b)!;
      const x1 = p.x + BOX.width;
      const y1 = p.y + BOX.height / 2;
      const x2 = q.x;
      const y2 = q.y + BOX.height / 2;
      const mid = (x1 + x2) / 2;
      return `<path class="edge" d="M${x1} ${y1} C${mid} ${y1} ${mid} ${y2} ${x2} ${y2}"/>`;
    });
  const nodes = columns.flat().map((node) => {
    const { x, y } = position.get(node.id)!;
    return (
      `<g class="node ${node.kind}${node.state ? ` ${node.state}` : ''}" data-kind="${node.kind}" data-id="${escapeHtml(node.id)}">` +
      `<title>${escapeHtml(`${node.label}\n${node.title}${node.state ? `\n(${node.state} by this change)` : ''}`)}</title>` +
      `<rect x="${x}" y="${y}" width="${BOX.width}" height="${BOX.height}" rx="5"/>` +
      `<text x="${x + 8}" y="${y + 14}">${escapeHtml(fit(node.label, 27))}</text>` +
      (node.detail
        ? `<text class="detail" x="${x + 8}" y="${y + 28}">${escapeHtml(fit(node.detail, 30))}</text>`
        : '') +
      '</g>'
    );
  });
  return `<svg class="topology" role="img" aria-label="topology of cluster ${escapeHtml(cluster.name)}" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${paths.join('')}${nodes.join('')}</svg>`;
}
