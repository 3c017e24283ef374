import { Construct } from 'constructs';
import { Testing } from 'cdk8s';
import { AppProcessContext, disruptionBudget } from '../../../constructs/workloads/app-process-context';
import { AppProps } from '../../../constructs/workloads/app-props';
import { AppImage } from '../../../constructs/workloads/app-image';
import { AppProbe } from '../../../constructs/workloads/app-probe';
import { SecretRef } from '../../../constructs/workloads/app-env';
import { Json, testChart, workloadEnvironment } from '../../support/environments';

const DIGEST = `sha256:${'d'.repeat(64)}`;
const FILES = { volumes: [{ name: 'files' }], mounts: [{ name: 'files', mountPath: '/etc/a' }] };

function props(extra: Partial<AppProps> = {}): AppProps {
  return {
    environment: workloadEnvironment('dev'),
    image: AppImage.tag('team/shop', '1.0'),
    web: { port: 8080, readiness: AppProbe.http('/') },
    ...extra,
  };
}

describe('AppProcessContext', () => {
  test('a container reads the environment, the app config and envFrom refs, in that order', () => {
    const context = new AppProcessContext(
      props({ envFrom: [SecretRef.named('api-keys')] }),
      'shop',
      'shop',
      FILES,
    );
    const container = context.container('shop', {});
    expect(container.envFrom).toEqual([
      { configMapRef: { name: workloadEnvironment('dev').configMapName } },
      { configMapRef: { name: 'shop' } },
      { secretRef: { name: 'api-keys' } },
    ]);
    expect(container.volumeMounts).toEqual(FILES.mounts);
  });

  test('a tag is pulled on every start, a digest only once', () => {
    const tagged = new AppProcessContext(props(), 'shop', undefined, FILES).container('shop', {});
    const pinned = new AppProcessContext(
      props({ image: AppImage.digest('team/shop', DIGEST) }),
      'shop',
      undefined,
      FILES,
    ).container('shop', {});
    expect([tagged.imagePullPolicy, pinned.imagePullPolicy]).toEqual(['Always', 'IfNotPresent']);
  });

  test('with a runtime, pods run the base image and copy the artifact in from the app image', () => {
    const context = new AppProcessContext(
      props({
        runtime: {
          baseImage: AppImage.digest('platform/tomcat', DIGEST),
          artifactPath: '/app.war',
          mountPath: '/usr/local/tomcat/webapps',
        },
      }),
      'shop',
      undefined,
      FILES,
    );
    expect(context.container('shop', {}).image).toContain('platform/tomcat@');
    expect(context.podCommon.initContainers?.[0].command).toEqual(['cp', '/app.war', '/berth-artifact/']);
    expect(context.commonVolumes.map((v) => v.name)).toEqual(['files', 'artifact']);
    expect(context.commonMounts.map((m) => m.mountPath)).toEqual(['/etc/a', '/usr/local/tomcat/webapps']);
  });

  test('a disruption budget exists only from two replicas', () => {
    const chart = testChart();
    const meta = { name: 'shop', namespace: 'dev', labels: {} };
    disruptionBudget(new Construct(chart, 'one'), 'pdb', meta, { a: 'b' }, 1);
    disruptionBudget(new Construct(chart, 'two'), 'pdb', meta, { a: 'b' }, 2);
    const objects = Testing.synth(chart) as Json[];
    expect(objects.map((o) => o.kind)).toEqual(['PodDisruptionBudget']);
  });
});
