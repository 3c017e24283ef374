import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import { ResolvedCloud, ResolvedCluster, ResolvedState } from '../config';
import { OpenstackProvider } from '../.gen/providers/openstack/provider';
import { ClusterNetwork } from '../constructs/cluster-network';
import { BerthStack } from './berth-stack';

export interface ClusterInfraStackProps {
  /** Platform name, prefix of every OpenStack resource name. */
  readonly platformName: string;
  readonly cloud: ResolvedCloud;
  readonly cluster: ResolvedCluster;
  readonly state: ResolvedState;
}

/**
 * `<cluster>-infra`: everything a cluster needs from OpenStack. One instance per cluster in the config.
 */
export class ClusterInfraStack extends BerthStack {
  public readonly network: ClusterNetwork;

  constructor(scope: Construct, id: string, props: ClusterInfraStackProps) {
    super(scope, id, { state: props.state });
    const { cloud, cluster } = props;
    const namePrefix = `${props.platformName}-${cluster.name}`;

    new OpenstackProvider(this, 'openstack', {
      cloud: cloud.cloudName,
      region: cloud.region,
    });

    this.network = new ClusterNetwork(this, 'network', {
      namePrefix,
      nodeCidr: cluster.nodeCidr,
      dnsNameservers: cloud.dnsNameservers,
      externalNetwork: cloud.externalNetwork,
      tags: [props.platformName, `${props.platformName}-cluster-${cluster.name}`],
    });

    new TerraformOutput(this, 'network_id', {
      value: this.network.networkId,
      description: 'ID of the node network',
    });
    new TerraformOutput(this, 'subnet_id', {
      value: this.network.subnetId,
      description: 'ID of the node subnet',
    });
  }
}
