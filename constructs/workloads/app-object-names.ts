/**
 * Names of the Kubernetes objects an app makes, derived from the app's name. The constructs name their
 * objects with these, and the app check (apps/check-apps.ts) claims the same names to find collisions.
 */

/** The object of one part of an app (a worker, a cron job, a volume): `<app>-<part>`. */
export function appObjectName(app: string, part: string): string {
  return `${app}-${part}`;
}

/** The part name of the ConfigMap holding an app's text files. */
export const APP_FILES_PART = 'files';

/** The ConfigMap holding an app's text files: `<app>-files`. */
export function appFilesName(app: string): string {
  return appObjectName(app, APP_FILES_PART);
}

/** The part name every release Job of an app starts with (`<app>-release-<version>`). */
export const APP_RELEASE_PART = 'release';

/** Process names an app cannot give a worker or cron job: objects of the app itself carry them. */
export const RESERVED_PROCESS_NAMES: readonly string[] = [APP_RELEASE_PART, APP_FILES_PART];
