import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-33';
import { ConfigError, Problems, ResolvedCluster, ResolvedEnvironment, DataSize } from '../config';
import { renderedObjects } from '../constructs/core/rendered-objects';
import { DNS_PORTS } from '../constructs/addons/core/platform-flows';
import { EnvironmentNetworkPolicy, PlatformNamespace } from '../config/platform-names';
import { App } from '../constructs/workloads/app';
import { AppBindingProps } from '../constructs/workloads/app-props';
import { BackingService, BackingServiceProps } from '../constructs/workloads/backing-service';
import { BackingServiceKind, bindingPrefix } from '../constructs/workloads/backing-service-connection';
import { MySqlService } from '../constructs/workloads/backing-service-mysql';
import { PostgresService } from '../constructs/workloads/backing-service-postgres';
import { RedisService } from '../constructs/workloads/backing-service-redis';
import {
  formatViolations,
  restrictedPodSecurityViolations,
  workloadHardeningViolations,
} from '../constructs/core/restricted-pod-security';
import { WorkloadEnvironment } from '../constructs/workloads/workload-environment';
import { GeneratedSecret } from '../constructs/workloads/workload-generated-secret';
import { BACKUP_KEY_KEY, BACKUP_KEY_SECRET } from '../constructs/workloads/backup-store';
import { MANAGED_BY, WorkloadLabel } from '../constructs/core/workload-labels';
import { AppDefinition } from '../apps/app-definition';
import { environmentUsage, quotaProblems } from './environment-usage';
import { planEnvironmentApps } from '../apps/plan-environment-apps';
import {
  ENVIRONMENT_CONFIG_MAP,
  ENVIRONMENT_POLICY_NAME,
  workloadEnvironmentOf,
} from '../apps/workload-environment-of';

export interface EnvironmentChartProps {
  readonly environment: ResolvedEnvironment;
  /** The cluster the environment runs on (its domain names hosts and the registry). */
  readonly cluster: ResolvedCluster;
  /**
   * App definitions; those that list this environment are deployed in it.
   * @default none
   */
  readonly apps?: readonly AppDefinition[];
}

/** Pod Security Standard level every environment enforces. */
export const POD_SECURITY_LEVEL = 'restricted';

/** Where cluster DNS runs (CoreDNS keeps the `k8s-app: kube-dns` label for compatibility). */
const CLUSTER_DNS = { namespace: PlatformNamespace.KUBE_SYSTEM, labels: { 'k8s-app': 'kube-dns' } };

/**
 * One environment (dev, test, prod): a namespace that enforces the restricted Pod Security Standard, its
 * quota and container limits, network policies that deny everything but DNS, the Gateway and what apps
 * declare, the teams' access, the environment-wide ConfigMap, and every app (with its backing services)
 * that lists the environment. Object names are the human names (`wordpress` in namespace `dev`).
 */
export class EnvironmentChart extends Chart {
  public readonly environment: ResolvedEnvironment;
  public readonly workloadEnvironment: WorkloadEnvironment;
  /** The namespace, also the environment's name. */
  public readonly namespaceName: string;
  public readonly apps: ReadonlyMap<string, App>;
  public readonly services: ReadonlyMap<string, BackingService>;

  constructor(scope: Construct, id: string, props: EnvironmentChartProps) {
    super(scope, id, { disableResourceNameHashes: true });
    const env = props.environment;
    const workloadEnv = workloadEnvironmentOf(env, props.cluster);
    this.environment = env;
    this.workloadEnvironment = workloadEnv;
    this.namespaceName = env.name;
    const namespace = env.name;
    const labels = { [WorkloadLabel.MANAGED_BY]: MANAGED_BY, [WorkloadLabel.ENVIRONMENT]: namespace };

    const problems = new Problems();
    const plan = planEnvironmentApps(props.apps ?? [], workloadEnv, problems);
    problems.throwIfAny(`the apps of environment ${namespace}`);

    new k8s.KubeNamespace(this, 'namespace', {
      metadata: {
        name: namespace,
        labels: {
          ...labels,
          'pod-security.kubernetes.io/enforce': POD_SECURITY_LEVEL,
          'pod-security.kubernetes.io/enforce-version': 'latest',
          'pod-security.kubernetes.io/audit': POD_SECURITY_LEVEL,
          'pod-security.kubernetes.io/warn': POD_SECURITY_LEVEL,
        },
      },
    });

    this.quotaAndLimits(env, labels);
    this.networkPolicies(namespace, labels);

    new k8s.KubeRoleBinding(this, 'team-access', {
      metadata: { name: `teams-${env.teamRole}`, namespace, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: env.teamRole },
      subjects: env.teams.map((group) => ({
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'Group',
        name: group,
      })),
    });

    new k8s.KubeConfigMap(this, 'config', {
      metadata: { name: ENVIRONMENT_CONFIG_MAP, namespace, labels },
      // The platform's own settings last: an environment's config never overrides them.
      data: {
        ...env.config,
        BERTH_ENVIRONMENT: namespace,
        BERTH_HOST_DOMAIN: workloadEnv.hostDomain,
      },
    });

    // One key for the environment's dumps, generated at deploy time like the services' passwords.
    if (plan.services.some((service) => service.backup)) {
      new GeneratedSecret(this, 'backup-key', {
        name: BACKUP_KEY_SECRET,
        namespace,
        passwordKeys: [BACKUP_KEY_KEY],
        labels,
      });
    }
    const services = new Map<string, BackingService>();
    for (const service of plan.services) {
      const serviceProps: BackingServiceProps = {
        environment: workloadEnv,
        name: service.name,
        image: service.image,
        size: service.size,
        storage: service.storage,
        clients: service.clients,
        backup: service.backup,
      };
      services.set(
        service.name,
        createBackingService(this, `service-${service.name}`, service.kind, serviceProps),
      );
    }
    const apps = new Map<string, App>();
    for (const planned of plan.apps) {
      const bindings: Record<string, AppBindingProps> = {};
      for (const binding of planned.bindings) {
        const service = services.get(binding.service);
        if (!service) continue;
        bindings[binding.key] = {
          prefix: bindingPrefix(binding.key),
          connection: service.connection,
          selector: service.selector,
          dependency: service,
        };
      }
      apps.set(
        planned.name,
        new App(this, `app-${planned.name}`, { ...planned.props, environment: workloadEnv, bindings }),
      );
    }
    this.apps = apps;
    this.services = services;

    // Rendered once, here, for the quota, the validation, the Terraform delivery and the YAML.
    const objects = [...renderedObjects(this).values()];
    const overQuota = quotaProblems(env, environmentUsage(objects));
    if (overQuota.length > 0) throw new ConfigError(overQuota, `the apps of environment ${namespace}`);

    // Nothing leaves this chart that the restricted profile or Berth's hardening rejects.
    // cdk8s validates the whole app again for each chart it writes: check each rendering once.
    let checked: { objects: ReadonlyMap<unknown, Record<string, unknown>>; errors: string[] } | undefined;
    this.node.addValidation({
      validate: () => {
        const rendering = renderedObjects(this);
        if (checked?.objects !== rendering) {
          const violations = [...rendering.values()].flatMap((json) => [
            ...restrictedPodSecurityViolations(json),
            ...workloadHardeningViolations(json),
          ]);
          checked = {
            objects: rendering,
            errors: violations.length > 0 ? [formatViolations(violations)] : [],
          };
        }
        return checked.errors;
      },
    });
  }

  private quotaAndLimits(env: ResolvedEnvironment, labels: Record<string, string>): void {
    const q = (text: string) => k8s.Quantity.fromString(text);
    const { quota, limits } = env;
    new k8s.KubeResourceQuota(this, 'quota', {
      metadata: { name: ENVIRONMENT_POLICY_NAME, namespace: env.name, labels },
      spec: {
        hard: {
          'requests.cpu': q(quota.cpu.toString()),
          'requests.memory': q(quota.memory.toString()),
          'limits.memory': q(quota.memory.toString()),
          'requests.storage': q(quota.storage.toString()),
          persistentvolumeclaims: q(String(quota.volumes)),
          pods: q(String(quota.pods)),
          // Everything enters through the shared Gateway: no load balancers or node ports per app.
          'services.loadbalancers': q('0'),
          'services.nodeports': q('0'),
        },
      },
    });
    new k8s.KubeLimitRange(this, 'limits', {
      metadata: { name: ENVIRONMENT_POLICY_NAME, namespace: env.name, labels },
      spec: {
        limits: [
          {
            type: 'Container',
            defaultRequest: {
              cpu: q(limits.defaultCpu.toString()),
              memory: q(limits.defaultMemory.toString()),
            },
            default: { cpu: q(limits.maxCpu.toString()), memory: q(limits.defaultMemory.toString()) },
            max: { cpu: q(limits.maxCpu.toString()), memory: q(limits.maxMemory.toString()) },
          },
          {
            type: 'PersistentVolumeClaim',
            min: { storage: q(DataSize.gibibytes(1).toString()) },
            max: { storage: q(limits.maxVolumeSize.toString()) },
          },
        ],
      },
    });
  }

  private networkPolicies(namespace: string, labels: Record<string, string>): void {
    const port = (n: number) => k8s.IntOrString.fromNumber(n);
    new k8s.KubeNetworkPolicy(this, 'default-deny', {
      metadata: { name: EnvironmentNetworkPolicy.DEFAULT_DENY, namespace, labels },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    });
    new k8s.KubeNetworkPolicy(this, 'allow-dns', {
      metadata: { name: EnvironmentNetworkPolicy.ALLOW_DNS, namespace, labels },
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          {
            to: [
              {
                namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': CLUSTER_DNS.namespace } },
                podSelector: { matchLabels: CLUSTER_DNS.labels },
              },
            ],
            ports: DNS_PORTS.map((dns) => ({ protocol: dns.protocol.toUpperCase(), port: port(dns.from) })),
          },
        ],
      },
    });
    new k8s.KubeNetworkPolicy(this, 'allow-gateway', {
      metadata: { name: EnvironmentNetworkPolicy.ALLOW_GATEWAY, namespace, labels },
      spec: {
        // Web pods of public apps carry this label; the Envoy proxies run in Envoy Gateway's namespace.
        podSelector: { matchLabels: { [WorkloadLabel.GATEWAY]: 'true' } },
        policyTypes: ['Ingress'],
        ingress: [
          {
            from: [
              {
                namespaceSelector: {
                  matchLabels: { 'kubernetes.io/metadata.name': PlatformNamespace.ENVOY_GATEWAY },
                },
              },
            ],
          },
        ],
      },
    });
  }
}

function createBackingService(
  scope: Construct,
  id: string,
  kind: BackingServiceKind,
  props: BackingServiceProps,
): BackingService {
  switch (kind) {
    case BackingServiceKind.MYSQL:
      return new MySqlService(scope, id, props);
    case BackingServiceKind.POSTGRESQL:
      return new PostgresService(scope, id, props);
    case BackingServiceKind.REDIS:
      return new RedisService(scope, id, props);
  }
}
