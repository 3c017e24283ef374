import { Construct } from 'constructs';
import { DnsRecordsetV2 } from '../../.gen/providers/openstack/dns-recordset-v2';
import { DnsZoneV2 } from '../../.gen/providers/openstack/dns-zone-v2';
import { Duration } from 'cdk8s';
import { appsDomain } from '../../config/platform-names';

export interface ClusterDnsProps {
  /** The cluster domain, e.g. `main.berth.example.com` (no trailing dot). */
  readonly domain: string;
  /**
   * ID of an existing Designate zone for the domain.
   * @default Berth creates the zone
   */
  readonly zoneId?: string;
  /** Contact address of a created zone. */
  readonly email: string;
  /** Address of the Kubernetes API. */
  readonly apiAddress: string;
  /** Address of the ingress entry. */
  readonly ingressAddress: string;
  /**
   * TTL of the records.
   * @default 5 minutes
   */
  readonly ttl?: Duration;
}

/**
 * Designate records for a cluster: `api.<domain>` for the Kubernetes API and `*.apps.<domain>` for every
 * app behind the gateway, in a new zone or an existing one.
 */
export class ClusterDns extends Construct {
  public readonly zoneId: string;
  public readonly apiName: string;
  public readonly appsWildcardName: string;

  constructor(scope: Construct, id: string, props: ClusterDnsProps) {
    super(scope, id);
    const ttl = (props.ttl ?? Duration.minutes(5)).toSeconds();
    const zoneName = `${props.domain}.`;
    this.zoneId =
      props.zoneId ??
      new DnsZoneV2(this, 'zone', {
        name: zoneName,
        email: props.email,
        ttl: 3600,
        type: 'PRIMARY',
        description: 'Berth cluster zone',
      }).id;
    this.apiName = `api.${zoneName}`;
    this.appsWildcardName = `*.${appsDomain(zoneName)}`;
    new DnsRecordsetV2(this, 'api', {
      zoneId: this.zoneId,
      name: this.apiName,
      type: 'A',
      ttl,
      records: [props.apiAddress],
      description: 'Kubernetes API',
    });
    new DnsRecordsetV2(this, 'apps-wildcard', {
      zoneId: this.zoneId,
      name: this.appsWildcardName,
      type: 'A',
      ttl,
      records: [props.ingressAddress],
      description: 'Apps behind the platform gateway',
    });
  }
}
