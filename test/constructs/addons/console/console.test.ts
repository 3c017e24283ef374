import { Testing } from 'cdktf';
import * as YAML from 'yaml';
import {
  HeadlampChartValues,
  HttpRouteManifest,
  KubernetesObject,
  WebConsole,
} from '../../../../constructs/addons';
import { restrictedPodSecurityViolations } from '../../../../constructs/core/restricted-pod-security';

/**
 * Headlamp's Deployment as chart 0.43.0 renders its security settings: the container gets
 * `securityContext` when it is non-empty and the chart's compliant default only when it is empty; the
 * pod gets `podSecurityContext`; a read-only root adds an emptyDir at /tmp.
 */
function renderedDeployment(values: HeadlampChartValues) {
  const container: Record<string, unknown> = { name: 'headlamp', image: 'headlamp' };
  if (Object.keys(values.securityContext).length > 0) container.securityContext = values.securityContext;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'headlamp', namespace: 'console' },
    spec: {
      template: {
        spec: {
          securityContext: values.podSecurityContext,
          containers: [container],
          volumes: [{ name: 'headlamp-tmp', emptyDir: {} }],
        },
      },
    },
  };
}

function build() {
  let console: WebConsole | undefined;
  const json = JSON.parse(
    Testing.synthScope((scope) => {
      console = new WebConsole(scope, 'console', { domain: 'main.example.com' });
    }),
  );
  const releases = Object.values(json.resource.helm_release) as {
    name: string;
    values: string[];
    repository: string;
  }[];
  const values = <T>(name: string) => YAML.parse(releases.find((r) => r.name === name)!.values[0]) as T;
  const objects = JSON.parse(JSON.stringify(console!.objects)) as KubernetesObject[];
  return { json, releases, values, objects };
}

describe('WebConsole', () => {
  test("Headlamp's pod meets the console namespace's restricted Pod Security level", () => {
    const values = build().values<HeadlampChartValues>('headlamp');
    expect(restrictedPodSecurityViolations(renderedDeployment(values))).toEqual([]);
    expect(values.securityContext).toMatchObject({
      runAsUser: 100,
      runAsGroup: 101,
      readOnlyRootFilesystem: true,
    });
  });

  test("chart 0.43.0's own default container security context would be rejected (so the check can fail)", () => {
    const chartDefault = { runAsNonRoot: true, privileged: false, runAsUser: 100, runAsGroup: 101 };
    const values = {
      ...build().values<HeadlampChartValues>('headlamp'),
      securityContext: chartDefault,
      podSecurityContext: {},
    };
    const paths = restrictedPodSecurityViolations(renderedDeployment(values)).map((v) => v.path);
    expect(paths.join(' ')).toMatch(/allowPrivilegeEscalation/);
    expect(paths.join(' ')).toMatch(/capabilities/);
    expect(paths.join(' ')).toMatch(/seccomp/i);
  });

  test('Headlamp from the Kubernetes SIG chart, without cluster-admin for itself', () => {
    const { values, releases } = build();
    expect(releases.find((r) => r.name === 'headlamp')!.repository).toBe(
      'https://kubernetes-sigs.github.io/headlamp/',
    );
    const v = values<HeadlampChartValues>('headlamp');
    expect(v.clusterRoleBinding).toEqual({ create: false });
    expect(v.resources.limits).toEqual({ cpu: '200m', memory: '192Mi' });
  });

  test('served at console.apps.<domain> on the management listener, without a request timeout', () => {
    const objects = build().objects;
    const route = objects.find((o) => o.kind === 'HTTPRoute') as HttpRouteManifest;
    expect(route.spec.hostnames).toEqual(['console.apps.main.example.com']);
    // The management listener (8443, admin networks only), not the public HTTPS listener.
    expect(route.spec.parentRefs.map((p) => p.sectionName)).toEqual(['admin']);
    expect(route.spec.rules[0].backendRefs).toEqual([{ name: 'headlamp', port: 80 }]);
    expect(route.spec.rules[0].timeouts).toEqual({ request: '0s' });
  });

  test('a read-only viewer: view everywhere plus nodes, with short-lived tokens only (no token Secret)', () => {
    const objects = build().objects as (KubernetesObject & {
      roleRef?: { name: string };
      rules?: { resources: string[]; verbs: string[] }[];
      type?: string;
      data?: unknown;
    })[];
    const bindings = objects.filter((o) => o.kind === 'ClusterRoleBinding').map((o) => o.roleRef!.name);
    expect(bindings).toEqual(['view', 'berth-console-nodes']);
    const role = objects.find((o) => o.kind === 'ClusterRole')!;
    expect(role.rules).toEqual([{ apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list', 'watch'] }]);
    // A legacy token Secret never expires; tokens come from `kubectl create token` (TokenRequest).
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
    const account = objects.find((o) => o.kind === 'ServiceAccount') as KubernetesObject & {
      automountServiceAccountToken?: boolean;
    };
    expect(account.metadata.name).toBe('console-viewer');
    expect(account.automountServiceAccountToken).toBe(false);
  });
});
