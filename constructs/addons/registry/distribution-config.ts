import { TOKEN_ISSUER, TOKEN_PATH, TOKEN_SERVICE } from './registry-token-server';

/** Where Distribution v3 reads its configuration. */
export const DISTRIBUTION_CONFIG_DIR = '/etc/distribution';
export const DISTRIBUTION_CONFIG_PATH = `${DISTRIBUTION_CONFIG_DIR}/config.yml`;
export const REGISTRY_DATA_DIR = '/var/lib/registry';
export const REGISTRY_TOKEN_CERT_DIR = '/etc/distribution-token';
/** Port of Distribution's API, in the pod and on its Service. */
export const REGISTRY_PORT = 5000;
/** Port of Distribution's debug server: Prometheus metrics. */
export const REGISTRY_METRICS_PORT = 5001;

/** Distribution's configuration file, the fields Berth sets. */
export interface DistributionConfig {
  readonly version: '0.1';
  readonly log: { readonly level: 'info'; readonly formatter: 'json' };
  readonly storage: {
    readonly filesystem: { readonly rootdirectory: string };
    /** Deleting manifests is what garbage collection reclaims. */
    readonly delete: { readonly enabled: true };
    readonly cache: { readonly blobdescriptor: 'inmemory' };
    readonly maintenance: {
      readonly uploadpurging: {
        readonly enabled: true;
        readonly age: string;
        readonly interval: string;
        readonly dryrun: false;
      };
    };
  };
  readonly http: {
    readonly addr: string;
    readonly headers: Readonly<Record<string, readonly string[]>>;
    readonly debug: {
      readonly addr: string;
      readonly prometheus: { readonly enabled: true; readonly path: string };
    };
  };
  /** Token authentication: the token server decides who may pull or push which repository. */
  readonly auth: {
    readonly token: {
      readonly realm: string;
      readonly service: string;
      readonly issuer: string;
      readonly rootcertbundle: string;
      readonly signingalgorithms: readonly ['ES256'];
    };
  };
  readonly health: {
    readonly storagedriver: { readonly enabled: true; readonly interval: string; readonly threshold: number };
  };
}

/** Berth's Distribution configuration for the registry at `host`: token authentication, deletes, metrics. */
export function distributionConfig(host: string): DistributionConfig {
  return {
    version: '0.1',
    log: { level: 'info', formatter: 'json' },
    storage: {
      filesystem: { rootdirectory: REGISTRY_DATA_DIR },
      delete: { enabled: true },
      cache: { blobdescriptor: 'inmemory' },
      maintenance: { uploadpurging: { enabled: true, age: '168h', interval: '24h', dryrun: false } },
    },
    http: {
      addr: `:${REGISTRY_PORT}`,
      headers: { 'X-Content-Type-Options': ['nosniff'] },
      debug: { addr: `:${REGISTRY_METRICS_PORT}`, prometheus: { enabled: true, path: '/metrics' } },
    },
    auth: {
      token: {
        realm: `https://${host}${TOKEN_PATH}`,
        service: TOKEN_SERVICE,
        issuer: TOKEN_ISSUER,
        rootcertbundle: `${REGISTRY_TOKEN_CERT_DIR}/token.pem`,
        signingalgorithms: ['ES256'],
      },
    },
    health: { storagedriver: { enabled: true, interval: '10s', threshold: 3 } },
  };
}
