import { TOKEN_ISSUER, TOKEN_SERVICE, distributionConfig } from '../../../../constructs/addons';

describe('distributionConfig', () => {
  test('token authentication: the registry trusts only tokens of its own token server', () => {
    const config = distributionConfig('registry.apps.main.example.com');
    // Not htpasswd: htpasswd lets every user push and delete in every repository.
    expect(config.auth).toEqual({
      token: {
        realm: 'https://registry.apps.main.example.com/auth',
        service: TOKEN_SERVICE,
        issuer: TOKEN_ISSUER,
        rootcertbundle: '/etc/distribution-token/token.pem',
        signingalgorithms: ['ES256'],
      },
    });
  });

  test('deletes allowed (garbage collection reclaims them), metrics on their own port', () => {
    const config = distributionConfig('registry.apps.main.example.com');
    expect(config.storage.delete).toEqual({ enabled: true });
    expect(config.storage.filesystem.rootdirectory).toBe('/var/lib/registry');
    expect(config.http.addr).toBe(':5000');
    expect(config.http.debug).toEqual({ addr: ':5001', prometheus: { enabled: true, path: '/metrics' } });
  });
});
