import * as fs from 'fs';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import * as cdk8s from 'cdk8s';
import { ConfigError, NOT_A_VALUE, Problems, ResolvedPlatform } from '../config';
import { EnvironmentChart } from '../charts/environment-chart';
import { AppDefinition } from '../apps/app-definition';
import { APPS } from '../apps/teams';
import { checkApps } from '../apps/check-apps';
import { registryStage } from '../apps/workload-environment-of';
import { MANIFESTS_DIR, synthCharts } from '../charts/manifest-yaml';
import { OutputFiles } from '../constructs/core/output-files';
import { ClusterInfraStack } from './cluster-infra-stack';
import { EnvironmentsStack, environmentsStackName } from './environments-stack';
import { NODE_TEMPLATES_DIR, writeNodeTemplates } from './node-templates';
import { PlatformObjectsStack, hasPlatformObjects, platformObjectsStackName } from './platform-objects-stack';
import { PlatformStack } from './platform-stack';
import { AddonRegistry } from '../constructs/addons/core/addon-registry';
import {
  PROVIDER_LOCKS_DIR,
  clearStackOutputs,
  removeOrphanStacks,
  syncProviderLocks,
  underCdktfCli,
} from './stack-directories';

export interface BerthAppProps {
  /** The validated platform to build. */
  readonly platform: ResolvedPlatform;
  /**
   * Output folder: `stacks/<stack>/cdk.tf.json` for Terraform, `manifests/<cluster>/<env>.k8s.yaml` for review.
   * @default $CDKTF_OUTDIR when run by the cdktf CLI, else "cdktf.out"
   */
  readonly outdir?: string;
  /**
   * Team apps; each runs in the environments it lists.
   * @default the apps registered in apps/teams/index.ts
   */
  readonly apps?: readonly AppDefinition[];
  /**
   * The add-ons each cluster's platform stack may install (the platform must have been resolved with
   * their sections: `addonSections: addons.sections`).
   * @default PLATFORM_ADDONS
   */
  readonly addons?: AddonRegistry;
}

/**
 * The add-ons must fit on the minions: a platform whose add-ons request more CPU or memory than the
 * minions can allocate would leave pods pending forever. Reported at the pools with the numbers.
 */
function checkFootprints(platform: ResolvedPlatform, stacks: ReadonlyMap<string, PlatformStack>): void {
  const problems = new Problems();
  platform.clusters.forEach((cluster, i) => {
    const fp = stacks.get(cluster.name)?.footprint;
    if (!fp) return;
    const requested = fp.onMinions.requests;
    const allocatable = fp.minionAllocatable;
    if (requested.cpuMillis > allocatable.cpuMillis || requested.memoryMi > allocatable.memoryMi) {
      problems.add(
        `clusters[${i}].minionPools`,
        NOT_A_VALUE,
        `hold too little for the platform's add-ons: they request ${requested.cpuMillis}m CPU and ${requested.memoryMi} MiB, the ${fp.minions} minions can allocate ${allocatable.cpuMillis}m and ${allocatable.memoryMi} MiB; add minions, use larger flavors, or give add-ons smaller resources (clusters[${i}].addons)`,
      );
    }
  });
  problems.throwIfAny();
}

/** Name of the Terraform stack holding a cluster's OpenStack resources. */
export function infraStackName(cluster: string): string {
  return `${cluster}-infra`;
}

/** Name of the Terraform stack holding a cluster's platform add-ons. */
export function platformStackName(cluster: string): string {
  return `${cluster}-platform`;
}

/**
 * The whole platform as code: one cdktf App with a stack per cluster layer, and one cdk8s App per cluster
 * with a chart per environment. Building it has no side effect; `synth()` writes the output folder.
 */
export class BerthApp {
  public readonly outdir: string;
  /** Where provider locks are kept for commit: `terraform-locks/` beside the output folder. */
  public readonly locksDir: string;
  /** What the last `synth()` did with provider locks, one line each (a lock to commit). */
  public lockNotes: readonly string[] = [];
  public readonly app: App;
  public readonly infraStacks: ReadonlyMap<string, ClusterInfraStack>;
  /** `<cluster>-platform` stacks by cluster name. */
  public readonly platformStacks: ReadonlyMap<string, PlatformStack>;
  /** `<cluster>-platform-objects` stacks by cluster name (clusters whose add-ons have objects). */
  public readonly platformObjectStacks: ReadonlyMap<string, PlatformObjectsStack>;
  /** `<cluster>-environments` stacks by cluster name. */
  public readonly environmentStacks: ReadonlyMap<string, EnvironmentsStack>;
  /** cdk8s apps by cluster name. */
  public readonly manifests: ReadonlyMap<string, cdk8s.App>;

  constructor(props: BerthAppProps) {
    const { platform } = props;
    this.outdir = props.outdir ?? process.env.CDKTF_OUTDIR ?? 'cdktf.out';
    this.locksDir = path.join(path.dirname(path.resolve(this.outdir)), PROVIDER_LOCKS_DIR);
    // Every problem of the apps is known before anything exists on disk (cdktf's App creates its outdir).
    const apps = props.apps ?? APPS;
    const appProblems = checkApps(apps, platform);
    if (appProblems.length > 0) throw new ConfigError(appProblems, 'the apps (apps/teams)');

    const created = !fs.existsSync(this.outdir);
    this.app = new App({ outdir: this.outdir, skipValidation: false });
    try {
      const built = this.build(platform, apps, props.addons);
      this.infraStacks = built.infraStacks;
      this.platformStacks = built.platformStacks;
      this.platformObjectStacks = built.platformObjectStacks;
      this.environmentStacks = built.environmentStacks;
      this.manifests = built.manifests;
    } catch (err) {
      // A construct that refuses its props must not leave an empty output folder behind.
      if (created) fs.rmSync(this.outdir, { recursive: true, force: true });
      throw err;
    }
  }

  private build(platform: ResolvedPlatform, apps: readonly AppDefinition[], addons?: AddonRegistry) {
    const infraStacks = new Map<string, ClusterInfraStack>();
    const platformStacks = new Map<string, PlatformStack>();
    const platformObjectStacks = new Map<string, PlatformObjectsStack>();
    const environmentStacks = new Map<string, EnvironmentsStack>();
    const manifests = new Map<string, cdk8s.App>();
    for (const cluster of platform.clusters) {
      infraStacks.set(
        cluster.name,
        new ClusterInfraStack(this.app, infraStackName(cluster.name), {
          platformName: platform.name,
          cloud: platform.cloud,
          cluster,
          state: platform.state,
          environmentNames: platform.environments
            .filter((e) => e.cluster === cluster.name)
            .map((e) => e.name),
        }),
      );
      const infra = infraStacks.get(cluster.name)!;
      const platformStack = new PlatformStack(this.app, platformStackName(cluster.name), {
        addons,
        platformName: platform.name,
        cluster,
        endpoints: infra.endpoints,
        state: platform.state,
        environments: platform.environments
          .filter((e) => e.cluster === cluster.name)
          .map((e) => ({ name: e.name, registryStage: registryStage(e) })),
        clusterConfigPath: `clusters[${platform.clusters.indexOf(cluster)}]`,
      });
      platformStack.addDependency(infra);
      platformStacks.set(cluster.name, platformStack);
      // The add-ons' own objects need the CRDs the platform stack installs: planned after it.
      let objectsStack: PlatformObjectsStack | undefined;
      if (hasPlatformObjects(platformStack.addons, platformStack.networkPolicies.policies)) {
        objectsStack = new PlatformObjectsStack(this.app, platformObjectsStackName(cluster.name), {
          state: platform.state,
          endpoints: infra.endpoints,
          addons: platformStack.addons,
          networkPolicies: platformStack.networkPolicies.policies,
        });
        objectsStack.addDependency(platformStack);
        platformObjectStacks.set(cluster.name, objectsStack);
      }
      const k8sApp = new cdk8s.App({
        outdir: path.join(this.outdir, MANIFESTS_DIR, cluster.name),
        yamlOutputType: cdk8s.YamlOutputType.FILE_PER_CHART,
      });
      const charts = platform.environments
        .filter((e) => e.cluster === cluster.name)
        .map((environment) => new EnvironmentChart(k8sApp, environment.name, { environment, cluster, apps }));
      manifests.set(cluster.name, k8sApp);
      if (charts.length > 0) {
        const environmentStack = new EnvironmentsStack(this.app, environmentsStackName(cluster.name), {
          state: platform.state,
          endpoints: infra.endpoints,
          charts,
          registryPullCredentials: platformStack.registryPullCredentials,
        });
        // The platform's CRDs (Gateway API, Prometheus), StorageClass and registry come first.
        environmentStack.addDependency(platformStack);
        // The shared Gateway and the registry the apps use.
        if (objectsStack) environmentStack.addDependency(objectsStack);
        environmentStacks.set(cluster.name, environmentStack);
      }
    }
    checkFootprints(platform, platformStacks);
    return { infraStacks, platformStacks, platformObjectStacks, environmentStacks, manifests };
  }

  /**
   * Writes every stack, manifest and readable node template (`nodes/<cluster>/<role>/`), replacing what an
   * earlier synth left in the same folder: the manifests and node templates are written over in place,
   * and what the earlier synth left there that this one did not write is removed afterwards.
   */
  public synth(): void {
    fs.rmSync(path.join(this.outdir, 'manifest.json'), { force: true });
    // Stack directories keep Terraform's providers and lock (see stack-directories.ts).
    clearStackOutputs(this.outdir);
    fs.mkdirSync(path.join(this.outdir, 'stacks'), { recursive: true });
    for (const stack of this.infraStacks.values()) stack.forgetTerraform();
    this.app.synth();
    const stackNames = this.app.node.children
      .filter((c) => c instanceof TerraformStack)
      .map((c) => c.node.id);
    removeOrphanStacks(this.outdir, stackNames, underCdktfCli(process.env));
    this.lockNotes = syncProviderLocks(this.outdir, this.locksDir, stackNames);
    const files = new OutputFiles();
    const owned = [MANIFESTS_DIR, NODE_TEMPLATES_DIR].map((dir) => path.join(this.outdir, dir));
    for (const root of owned) files.claim(root);
    for (const k8sApp of this.manifests.values()) synthCharts(k8sApp, files);
    // The node templates read what this synthesis has just written, not a synthesis of their own.
    const terraformOf = (stack: ClusterInfraStack) => {
      const written = stack.lastTerraform;
      if (!written) throw new Error(`internal: ${stack.node.id} was not synthesized`);
      return written;
    };
    writeNodeTemplates(this.outdir, this.infraStacks, terraformOf, files);
    for (const root of owned) files.removeStale(root);
  }
}
