import { Token } from 'cdktf';
import {
  DNS_1123_LABEL,
  Problems,
  TaintEffect,
  kubeletLabelKeyProblem,
  labelValueProblem,
  taintKeyProblem,
} from '../../config';
import { NodeBootstrapProps, NodeRole } from './node-bootstrap-props';

const HOST = /^(\*\.)?[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*$/;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const BOOTSTRAP_TOKEN = /^[a-z0-9]{6}\.[a-z0-9]{16}$/;
const CERTIFICATE_KEY = /^[0-9a-fA-F]{64}$/;
const PEM_CERTIFICATE = /^-----BEGIN CERTIFICATE-----\r?\n[A-Za-z0-9+/=\r\n]+-----END CERTIFICATE-----\s*$/;
const PEM_PRIVATE_KEY =
  /^-----BEGIN (RSA |EC )?PRIVATE KEY-----\r?\n[A-Za-z0-9+/=\r\n]+-----END (RSA |EC )?PRIVATE KEY-----\s*$/;
const MTU_RANGE = { min: 1200, max: 9000 };

/** Shown instead of a secret value in error messages. */
function redacted(value: string): string {
  return `<secret, ${value.length} characters, not shown>`;
}

function isHostAddress(host: string): boolean {
  const ipv4 = IPV4.exec(host);
  if (ipv4) return ipv4.slice(1).every((octet) => Number(octet) <= 255);
  return HOST.test(host) && host.length <= 253;
}

function isHostPort(text: string, portRequired: boolean): boolean {
  const match = /^([^:]+)(?::(\d{1,5}))?$/.exec(text);
  if (!match) return false;
  if (match[2] === undefined) return !portRequired && isHostAddress(match[1]);
  const port = Number(match[2]);
  return port >= 1 && port <= 65535 && isHostAddress(match[1]) && !match[1].startsWith('*.');
}

/**
 * Checks NodeBootstrap props: inputs given to a role that must not have them (or missing where required)
 * and malformed literal values. Values holding Terraform references are checked for presence only; their
 * form is the job of the resource producing them. Throws a ConfigError listing every problem.
 */
export function validateNodeBootstrapProps(props: NodeBootstrapProps, source = 'NodeBootstrap props'): void {
  const problems = new Problems();
  const roles = Object.values(NodeRole) as string[];
  if (!roles.includes(props.role)) {
    problems.add('role', props.role, `must be one of ${roles.map((r) => `"${r}"`).join(', ')}`);
    problems.throwIfAny(source);
  }
  const role = props.role;
  const literal = (value: string | undefined): value is string =>
    value !== undefined && !Token.isUnresolved(value);

  if (literal(props.clusterName) && !DNS_1123_LABEL.test(props.clusterName)) {
    problems.add('clusterName', props.clusterName, 'must be a DNS-1123 label such as "main"');
  }
  if (literal(props.controlPlaneEndpoint) && !isHostPort(props.controlPlaneEndpoint, true)) {
    problems.add(
      'controlPlaneEndpoint',
      props.controlPlaneEndpoint,
      'must be "host:port" (an IPv4 address or DNS name and the API port), e.g. "10.0.0.5:6443"',
    );
  }
  (props.apiServerCertSans ?? []).forEach((san, i) => {
    if (literal(san) && !isHostAddress(san)) {
      problems.add(`apiServerCertSans[${i}]`, san, 'must be a DNS name or an IPv4 address, without port');
    }
  });
  for (const field of ['bootstrapToken', 'growthToken'] as const) {
    const token = props[field];
    if (literal(token) && !BOOTSTRAP_TOKEN.test(token)) {
      problems.add(
        field,
        redacted(token),
        'must be a kubeadm token "[a-z0-9]{6}.[a-z0-9]{16}": join two random_string results (lower-case, digits) with "."',
      );
    }
  }
  if (role !== NodeRole.MINION) {
    const addresses = props.masterAddresses ?? [];
    if (addresses.length === 0) {
      problems.add(
        'masterAddresses',
        undefined,
        `is required for role "${role}": the masters' fixed addresses, first master first, from which masters decide whether to initialise or join`,
      );
    }
    addresses.forEach((address, i) => {
      if (literal(address) && !(IPV4.test(address) && isHostAddress(address))) {
        problems.add(`masterAddresses[${i}]`, address, "must be an IPv4 address (a master's fixed address)");
      }
    });
  }
  if (literal(props.caCertificatePem) && !PEM_CERTIFICATE.test(props.caCertificatePem)) {
    problems.add(
      'caCertificatePem',
      props.caCertificatePem,
      'must be one PEM certificate (tls_self_signed_cert.cert_pem)',
    );
  }
  if (literal(props.registryCaPem) && !PEM_CERTIFICATE.test(props.registryCaPem)) {
    problems.add(
      'registryCaPem',
      props.registryCaPem,
      'must be one PEM certificate: the CA the registry certificate chains to',
    );
  }
  if (literal(props.registryHost) && !isHostPort(props.registryHost, false)) {
    problems.add(
      'registryHost',
      props.registryHost,
      'must be a DNS name or IPv4 address, optionally with ":port", e.g. "registry.apps.example.com"',
    );
  }

  // Role-bound secrets: required where used, refused where they would only widen exposure.
  const roleName = `"${role}"`;
  if (role === NodeRole.INIT_MASTER) {
    if (props.caPrivateKeyPem === undefined) {
      problems.add(
        'caPrivateKeyPem',
        undefined,
        `is required for role ${roleName}: kubeadm init signs the cluster certificates with the Terraform CA; pass the tls_private_key of the cluster CA (private_key_pem)`,
      );
    } else if (literal(props.caPrivateKeyPem) && !PEM_PRIVATE_KEY.test(props.caPrivateKeyPem)) {
      problems.add(
        'caPrivateKeyPem',
        redacted(props.caPrivateKeyPem),
        'must be one PEM private key (tls_private_key.private_key_pem)',
      );
    }
  } else if (props.caPrivateKeyPem !== undefined) {
    problems.add(
      'caPrivateKeyPem',
      redacted(props.caPrivateKeyPem),
      `must not be given for role ${roleName}: only the init-master holds the CA key (other masters receive certificates with certificateKey, minions need only caCertificatePem); remove it so the key stays out of this node's user_data`,
    );
  }
  const masterSecret = (
    field: 'certificateKey' | 'secretsEncryptionKey',
    purpose: string,
    check: (v: string) => boolean,
    form: string,
  ) => {
    const value = props[field];
    if (role === NodeRole.MINION) {
      if (value !== undefined) {
        problems.add(
          field,
          redacted(value),
          `must not be given for role ${roleName}: only masters use it (${purpose}); remove it so it stays out of minion user_data`,
        );
      }
    } else if (value === undefined) {
      problems.add(field, undefined, `is required for role ${roleName} (${purpose}); pass ${form}`);
    } else if (literal(value) && !check(value)) {
      problems.add(field, redacted(value), `must be ${form}`);
    }
  };
  masterSecret(
    'certificateKey',
    'it encrypts the control-plane certificates that joining masters download',
    (v) => CERTIFICATE_KEY.test(v),
    '64 hex characters (32 bytes), e.g. random_id with byte_length 32, its hex attribute',
  );
  masterSecret(
    'secretsEncryptionKey',
    'it encrypts Secrets at rest; every master needs the same key',
    (v) => /^[A-Za-z0-9+/]{43}=$/.test(v) && Buffer.from(v, 'base64').length === 32,
    'base64 of 32 random bytes, e.g. random_bytes with length 32, its base64 attribute',
  );

  // The kubelet's own rule (config/node-labels.ts); the config reports it with the pool's field path.
  Object.entries(props.nodeLabels ?? {}).forEach(([key, value]) => {
    const keyProblem = kubeletLabelKeyProblem(key);
    if (keyProblem) problems.add('nodeLabels', key, keyProblem);
    const valueProblem = literal(value) ? labelValueProblem(value) : undefined;
    if (valueProblem) problems.add(`nodeLabels.${key}`, value, valueProblem);
  });
  (props.taints ?? []).forEach((taint, i) => {
    const effects = Object.values(TaintEffect) as string[];
    // The taint rules of the config (config/node-labels.ts), which reports them with the pool's path.
    const keyProblem = taintKeyProblem(taint.key);
    if (keyProblem) problems.add(`taints[${i}].key`, taint.key, keyProblem);
    const valueProblem = taint.value === undefined ? undefined : labelValueProblem(taint.value);
    if (valueProblem) problems.add(`taints[${i}].value`, taint.value, valueProblem);
    if (!effects.includes(taint.effect))
      problems.add(`taints[${i}].effect`, taint.effect, `must be one of ${effects.join(', ')}`);
  });
  if (role === NodeRole.MINION && props.etcdBackup !== undefined) {
    problems.add(
      'etcdBackup',
      '<settings>',
      `must not be given for role ${roleName}: only masters run etcd; remove it so the backup credential stays off minions`,
    );
  }
  if (props.etcdBackup && (!Number.isInteger(props.etcdBackup.keep) || props.etcdBackup.keep < 1)) {
    problems.add('etcdBackup.keep', props.etcdBackup.keep, 'must be a whole number of snapshots above 0');
  }
  if (
    props.podNetworkMtu !== undefined &&
    (!Number.isInteger(props.podNetworkMtu) ||
      props.podNetworkMtu < MTU_RANGE.min ||
      props.podNetworkMtu > MTU_RANGE.max)
  ) {
    problems.add(
      'podNetworkMtu',
      props.podNetworkMtu,
      `must be a whole number from ${MTU_RANGE.min} to ${MTU_RANGE.max} (bytes)`,
    );
  }
  problems.throwIfAny(source);
}
