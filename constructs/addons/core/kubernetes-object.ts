import { ObjectMeta } from '../../core/object-meta';

export type { ObjectMeta };

/**
 * Any Kubernetes object Berth writes itself: core kinds come from cdk8s-plus's typed `k8s` classes
 * (`k8s.KubeDeployment.manifest(...)`), custom ones from typed interfaces in this folder.
 */
export interface KubernetesObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: ObjectMeta;
}

/** `Kind/namespace/name`, unique in a cluster. */
export function objectKey(object: KubernetesObject): string {
  return `${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name}`;
}
