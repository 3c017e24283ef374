import { Chart, ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-27';
import { ResolvedEnvironment } from '../config';

export interface EnvironmentChartProps extends ChartProps {
  readonly environment: ResolvedEnvironment;
}

/** Pod Security Standard level every environment enforces. */
export const POD_SECURITY_LEVEL = 'restricted';

/**
 * One environment (dev, test, prod): a namespace that enforces the restricted Pod Security Standard.
 */
export class EnvironmentChart extends Chart {
  constructor(scope: Construct, id: string, props: EnvironmentChartProps) {
    super(scope, id, { ...props, disableResourceNameHashes: true });
    const env = props.environment;
    new k8s.KubeNamespace(this, 'namespace', {
      metadata: {
        name: env.name,
        labels: {
          'app.kubernetes.io/managed-by': 'berth',
          'berth.dev/environment': env.name,
          'pod-security.kubernetes.io/enforce': POD_SECURITY_LEVEL,
          'pod-security.kubernetes.io/enforce-version': 'latest',
          'pod-security.kubernetes.io/audit': POD_SECURITY_LEVEL,
          'pod-security.kubernetes.io/warn': POD_SECURITY_LEVEL,
        },
      },
    });
  }
}
