// The metadata guard: every node drops traffic from pods, and from unprivileged processes on the node, to
// the cloud's metadata service. The service hands out the node's user_data (bootstrap secrets) to any
// process that can open a connection from the node; pods must not be able to.

/** Addresses of the OpenStack (and EC2-compatible) metadata service. */
export const METADATA_SERVICE = {
  ipv4: '169.254.169.254',
  /** Neutron serves metadata over IPv6 at this link-local address when the network has IPv6. */
  ipv6: 'fe80::a9fe:a9fe',
} as const;

/** nftables table holding the guard (its own table: nothing else on the node flushes or edits it). */
export const METADATA_GUARD_TABLE = 'berth_metadata_guard';
/** The ruleset file the unit loads. */
export const METADATA_GUARD_RULES_FILE = '/etc/berth/metadata-guard.nft';
/** The systemd unit that loads it at every boot, before containerd and the kubelet. */
export const METADATA_GUARD_UNIT = 'berth-metadata-guard.service';
export const METADATA_GUARD_UNIT_FILE = `/etc/systemd/system/${METADATA_GUARD_UNIT}`;
/** Where the Ubuntu `nftables` package installs `nft`. */
export const NFT_BINARY = '/usr/sbin/nft';

/**
 * The guard as an nftables ruleset, loaded with `nft -f` (idempotent: the table is declared, deleted and
 * created again in one transaction).
 *
 * - **forward**: pods (flannel's cni0 bridge, any CNI) reach the metadata address only by being routed
 *   through the node, so every such packet crosses the forward hook. The drop sits in its own table at a
 *   priority before the filter tables; in netfilter a packet dropped by any base chain is dropped, so the
 *   ACCEPT rules flannel (`FLANNEL-FWD`) and kube-proxy (`KUBE-FORWARD`) add to `FORWARD`, in iptables-nft
 *   or legacy iptables, cannot let it through, and flannel's masquerading (postrouting, after forward)
 *   never sees it. A Service cannot be pointed at the address either: it is matched after DNAT.
 * - **output**: host-network processes (and host-network pods) that do not run as root are refused too;
 *   root on the node (cloud-init, and privileged pods, which are root on the node anyway) keeps access.
 */
export function metadataGuardRuleset(): string {
  const { ipv4, ipv6 } = METADATA_SERVICE;
  const table = `table inet ${METADATA_GUARD_TABLE}`;
  return `# Berth: no pod, and no unprivileged process on this node, reaches the cloud metadata service.
${table}
delete ${table}
${table} {
  chain forward {
    type filter hook forward priority filter - 10; policy accept;
    ip daddr ${ipv4} counter drop
    ip6 daddr ${ipv6} counter drop
  }
  chain output {
    type filter hook output priority filter - 10; policy accept;
    ip daddr ${ipv4} meta skuid != 0 counter drop
    ip6 daddr ${ipv6} meta skuid != 0 counter drop
  }
}
`;
}

/**
 * The unit loading the guard at every boot. It runs before the network is up and before containerd and
 * the kubelet, and both require it: when the guard cannot be loaded, no pod starts on the node (fail
 * closed).
 */
export function metadataGuardUnit(): string {
  return `# Berth: block pods' access to the cloud metadata service (written by cloud-init).
[Unit]
Description=Berth metadata guard: no pod reaches ${METADATA_SERVICE.ipv4}
DefaultDependencies=no
After=local-fs.target
Before=network-pre.target containerd.service kubelet.service shutdown.target
Wants=network-pre.target
Conflicts=shutdown.target

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=${NFT_BINARY} -f ${METADATA_GUARD_RULES_FILE}

[Install]
WantedBy=multi-user.target
RequiredBy=containerd.service kubelet.service
`;
}
