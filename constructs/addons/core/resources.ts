import { k8s } from 'cdk8s-plus-33';
import { ResolvedResources, ResourceAmounts, containerResources } from '../../../config';

/** `resources` of a Kubernetes container, as charts and manifests take it. */
export interface KubernetesResources {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly cpu: string; readonly memory: string };
}

/** Fixed requests and limits for a container Berth does not let users tune (sidecars, small helpers). */
export function fixedResources(
  cpuRequest: string,
  memoryRequest: string,
  cpuLimit: string,
  memoryLimit: string,
): ResolvedResources {
  return containerResources(cpuRequest, memoryRequest, cpuLimit, memoryLimit);
}

/** Renders resolved resources as Kubernetes quantities (`100m`, `128Mi`). */
export function toKubernetesResources(r: ResolvedResources): KubernetesResources {
  return { requests: amounts(r.requests), limits: amounts(r.limits) };
}

function amounts(a: ResourceAmounts): { cpu: string; memory: string } {
  return { cpu: a.cpu.toString(), memory: `${a.memory.toMebibytes()}Mi` };
}

/** The same resources as cdk8s's typed `ResourceRequirements` (for manifests built with cdk8s-plus-33's `k8s`). */
export function toCdk8sResources(r: ResolvedResources): k8s.ResourceRequirements {
  const k = toKubernetesResources(r);
  return {
    requests: {
      cpu: k8s.Quantity.fromString(k.requests.cpu),
      memory: k8s.Quantity.fromString(k.requests.memory),
    },
    limits: { cpu: k8s.Quantity.fromString(k.limits.cpu), memory: k8s.Quantity.fromString(k.limits.memory) },
  };
}
