import { Testing } from 'cdktf';
import { BackupStoreSecret } from '../../../constructs/workloads/backup-store-secret';
import { BackupStoreKey } from '../../../constructs/workloads/backup-store';

type Json = Record<string, unknown>;

function synth(props: { authUrl?: string; region?: string; caCertificatePem?: string } = {}): Json {
  const out = JSON.parse(
    Testing.synthScope((scope) => {
      new BackupStoreSecret(scope, 'store', {
        namespace: 'prod',
        authUrl: props.authUrl ?? 'https://keystone.example.com:5000/v3',
        region: props.region ?? 'RegionOne',
        container: 'berth-main-backups-prod',
        credentialId: 'cred-id',
        credentialSecret: 'cred-secret',
        caCertificatePem: props.caCertificatePem,
      });
    }),
  );
  return Object.values(out.resource.kubernetes_secret_v1)[0] as Json;
}

describe('BackupStoreSecret', () => {
  test("holds every key the backup scripts read, in the environment's namespace", () => {
    const secret = synth();
    expect(secret.metadata).toMatchObject({ name: 'backup-store', namespace: 'prod' });
    expect(Object.keys(secret.data as Json).sort()).toEqual(Object.values(BackupStoreKey).sort());
    expect(secret.data).toMatchObject({
      type: 'swift',
      container: 'berth-main-backups-prod',
      'auth-url': 'https://keystone.example.com:5000/v3',
      region: 'RegionOne',
      'application-credential-id': 'cred-id',
      'application-credential-secret': 'cred-secret',
      'ca.crt': '',
    });
  });

  test('escapes Terraform interpolation in the values from the config', () => {
    const data = synth({
      authUrl: 'https://k.example.com/${x}/v3',
      region: 'r%{y}',
      caCertificatePem: '-----BEGIN CERTIFICATE-----\n${z}\n',
    }).data as Json;
    expect(data['auth-url']).toBe('https://k.example.com/$${x}/v3');
    expect(data.region).toBe('r%%{y}');
    expect(data['ca.crt']).toBe('-----BEGIN CERTIFICATE-----\n$${z}\n');
  });
});
