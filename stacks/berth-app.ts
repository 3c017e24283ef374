import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdktf';
import * as cdk8s from 'cdk8s';
import { ResolvedPlatform } from '../config';
import { EnvironmentChart } from '../charts/environment-chart';
import { ClusterInfraStack } from './cluster-infra-stack';

export interface BerthAppProps {
  /** The validated platform to build. */
  readonly platform: ResolvedPlatform;
  /**
   * Output folder: `stacks/<stack>/cdk.tf.json` for Terraform, `manifests/<cluster>/<env>.k8s.yaml` for review.
   * @default $CDKTF_OUTDIR when run by the cdktf CLI, else "cdktf.out"
   */
  readonly outdir?: string;
}

/** Name of the Terraform stack holding a cluster's OpenStack resources. */
export function infraStackName(cluster: string): string {
  return `${cluster}-infra`;
}

/**
 * The whole platform as code: one cdktf App with a stack per cluster layer, and one cdk8s App per cluster
 * with a chart per environment. Building it has no side effect; `synth()` writes the output folder.
 */
export class BerthApp {
  public readonly outdir: string;
  public readonly app: App;
  public readonly infraStacks: ReadonlyMap<string, ClusterInfraStack>;
  /** cdk8s apps by cluster name. */
  public readonly manifests: ReadonlyMap<string, cdk8s.App>;

  constructor(props: BerthAppProps) {
    const { platform } = props;
    this.outdir = props.outdir ?? process.env.CDKTF_OUTDIR ?? 'cdktf.out';
    this.app = new App({ outdir: this.outdir, skipValidation: false });

    const infraStacks = new Map<string, ClusterInfraStack>();
    const manifests = new Map<string, cdk8s.App>();
    for (const cluster of platform.clusters) {
      infraStacks.set(
        cluster.name,
        new ClusterInfraStack(this.app, infraStackName(cluster.name), {
          platformName: platform.name,
          cloud: platform.cloud,
          cluster,
          state: platform.state,
        }),
      );
      const k8sApp = new cdk8s.App({
        outdir: path.join(this.outdir, 'manifests', cluster.name),
        yamlOutputType: cdk8s.YamlOutputType.FILE_PER_CHART,
      });
      for (const environment of platform.environments.filter((e) => e.cluster === cluster.name)) {
        new EnvironmentChart(k8sApp, environment.name, { environment });
      }
      manifests.set(cluster.name, k8sApp);
    }
    this.infraStacks = infraStacks;
    this.manifests = manifests;
  }

  /** Writes every stack and manifest, replacing what an earlier synth left in the same folder. */
  public synth(): void {
    for (const owned of ['stacks', 'manifests', 'manifest.json']) {
      fs.rmSync(path.join(this.outdir, owned), { recursive: true, force: true });
    }
    fs.mkdirSync(path.join(this.outdir, 'stacks'), { recursive: true });
    this.app.synth();
    for (const k8sApp of this.manifests.values()) k8sApp.synth();
  }
}
