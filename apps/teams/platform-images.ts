import { AppImage } from '..';

/*
 * Images the platform team maintains in the registry and every environment shares, pinned by digest.
 * The digests below are placeholders for the sample apps (the sha256 of a description, not of a real
 * image): replace them with the digests `crane digest` or `docker buildx imagetools inspect` prints for
 * the images you pushed. Each image runs as a numeric non-root USER (see docs/apps.md).
 */

/** Tomcat 10.1 on Java 21: the one base image every `.war` app runs on, whatever its version. */
export const TOMCAT_BASE_IMAGE = AppImage.digest(
  'platform/tomcat',
  'sha256:064b6838940f75f8380040c76a1d507d9e3425b8fa1a117cb7400abc7f1851e4',
);

/** `platform/mysql:8.4`. */
export const MYSQL_8_4_DIGEST = 'sha256:8c8c05f777d13eb93b33bb07ea6ab2193ffb4fad92614e93d59f3a998a0df1f8';

/** `platform/postgres:17`. */
export const POSTGRES_17_DIGEST = 'sha256:1f113b45372af19e4fd5423b891ab8762ce078724ebda0fae70c707ab0d763e9';

/** `platform/redis:7.4`. */
export const REDIS_7_4_DIGEST = 'sha256:4bb54df334fc0c8f0dfe3e51aad2c56a261cce3a84a2760b423f33d99736b8eb';

/**
 * `platform/rclone:1.71`: the backing services' backups encrypt, upload and prune with it (official
 * `rclone/rclone` image, mirrored with a numeric USER).
 */
export const RCLONE_1_71_DIGEST = 'sha256:e46158738491eebecbe39a22df057a50ed66c87f0995623548479e7edf715e1c';
