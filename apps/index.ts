/**
 * The app API: everything a team's app file (`apps/teams/*.ts`) imports of Berth, from `'..'`. The team
 * apps are bundled apart from the rest of Berth and given this module at run time (scripts/build.js), so
 * an edit of an app rebuilds only them; an app file importing any other file of Berth fails the build and
 * `test/architecture/layers.test.ts`. Export here what an app needs.
 */
export * from './app-definition';
export { DataSize } from '../config';
export { AppEgress } from '../constructs/workloads/app-egress';
export { ConfigMapKeyRef, ConfigMapRef, SecretKeyRef, SecretRef } from '../constructs/workloads/app-env';
export type { EnvValue } from '../constructs/workloads/app-env';
export { AppImage } from '../constructs/workloads/app-image';
export { AppProbe } from '../constructs/workloads/app-probe';
export type { AppProbeOptions } from '../constructs/workloads/app-probe';
export type * from '../constructs/workloads/app-props';
export { SizeClass } from '../constructs/workloads/app-size';
export type { WorkloadResourcesOverride } from '../constructs/workloads/app-size';
export type { BackupSettings } from '../constructs/workloads/backup-policy';
