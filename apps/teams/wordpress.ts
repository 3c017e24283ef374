import { AppProbe, DataSize, SizeClass, defineApp, mysql } from '..';
import { MYSQL_8_4_DIGEST } from './platform-images';

/** The classic site of a personal PaaS: WordPress with its MySQL database and its files on a volume. */
export const wordpress = defineApp({
  name: 'wordpress',
  // The official wordpress:6.8-apache image with Apache on 8080 and a numeric non-root USER.
  image: 'sites/wordpress',
  services: {
    // Dumped nightly, encrypted, to the environment's own Swift container; the last 7 kept.
    database: mysql({ digest: MYSQL_8_4_DIGEST, storage: DataSize.gibibytes(10), backup: {} }),
  },
  envFromServices: ({ database }) => ({
    WORDPRESS_DB_HOST: `${database.host}:${database.port}`,
    WORDPRESS_DB_NAME: database.database,
    WORDPRESS_DB_USER: database.username,
    WORDPRESS_DB_PASSWORD: database.password,
  }),
  env: {
    // TLS ends at the Gateway: trust its X-Forwarded-Proto so WordPress builds https:// links.
    WORDPRESS_CONFIG_EXTRA:
      "if (($_SERVER['HTTP_X_FORWARDED_PROTO'] ?? '') === 'https') { $_SERVER['HTTPS'] = 'on'; }",
  },
  web: {
    port: 8080,
    readiness: AppProbe.http('/wp-login.php'),
    liveness: AppProbe.tcp({ failureThreshold: 6 }),
  },
  size: SizeClass.M,
  // The image installs WordPress into its document root on first start: that root is the volume.
  volumes: { content: { path: '/var/www/html', size: DataSize.gibibytes(5) } },
  writablePaths: ['/var/run/apache2', '/var/lock/apache2'],
  environments: {
    // Development data is not worth keeping.
    dev: { tag: '6.8-apache', services: { database: { backup: false } } },
    test: { digest: 'sha256:4a3795b565bda7527aaeb7bb26751caceef4f0f47047ec3a431d15c848f6d37b' },
    prod: { digest: 'sha256:4a3795b565bda7527aaeb7bb26751caceef4f0f47047ec3a431d15c848f6d37b' },
  },
});
