import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-33';
import { AppImage } from './app-image';
import { AppProcessContext } from './app-process-context';
import { AppBindingProps, ReleaseProcessProps } from './app-props';
import { restrictedPodSpec } from './workload-pod';
import { APP_RELEASE_PART, appObjectName } from './app-object-names';

export interface AppReleaseProps {
  readonly context: AppProcessContext;
  readonly spec: ReleaseProcessProps;
  /** The app's image: one release Job per image version. */
  readonly image: AppImage;
  /**
   * Bound services the release waits for (migrations need their database).
   * @default none
   */
  readonly bindings?: Readonly<Record<string, AppBindingProps>>;
}

/**
 * The release process: one Job per image version (`<app>-release-<version>`), completed before any other
 * process of the app rolls to that version.
 */
export class AppRelease extends Construct {
  public readonly job: k8s.KubeJob;

  constructor(scope: Construct, id: string, props: AppReleaseProps) {
    super(scope, id);
    const { context, spec } = props;
    const name = context.name;
    const jobName = appObjectName(name, `${APP_RELEASE_PART}-${props.image.versionSlug}`)
      .slice(0, 63)
      .replace(/-+$/, '');
    this.job = new k8s.KubeJob(this, 'job', {
      metadata: context.meta(jobName, 'release'),
      spec: {
        backoffLimit: 2,
        activeDeadlineSeconds: (spec.deadline ?? Duration.minutes(10)).toSeconds(),
        template: {
          metadata: { labels: context.labels('release') },
          spec: restrictedPodSpec({
            ...context.podCommon,
            labels: context.labels('release'),
            restartPolicy: 'Never',
            containers: [context.container(`${name}-release`, spec)],
            volumes: context.commonVolumes,
          }),
        },
      },
    });
    for (const binding of Object.values(props.bindings ?? {})) {
      if (binding.dependency) this.job.node.addDependency(binding.dependency);
    }
  }
}
