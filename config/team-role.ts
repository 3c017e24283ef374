/** Roles a team may have on an environment's namespace (Kubernetes' built-in aggregated ClusterRoles). */
export enum TeamRole {
  /** Create, change and delete workloads; read Secrets. */
  EDIT = 'edit',
  /** Read everything but Secrets. */
  VIEW = 'view',
}

/** Least privilege in production, self-service elsewhere. */
export function defaultTeamRole(production: boolean): TeamRole {
  return production ? TeamRole.VIEW : TeamRole.EDIT;
}
