/**
 * One name, one thing: no two modules of the project declare an exported symbol of the same name (two
 * `editDistance`s with different rules, two `CloudConfig`s for different documents). Barrels, which only
 * re-export, declare nothing.
 */

/** Names a module declares and exports (`export function|const|class|interface|enum|type|let Name`). */
export function exportedDeclarations(source: string): string[] {
  const names = new Set<string>();
  const declaration =
    /^export\s+(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?(?:function\*?|const|let|class|interface|enum|type)\s+([A-Za-z_$][\w$]*)/gm;
  for (const match of source.matchAll(declaration)) names.add(match[1]);
  return [...names];
}

/** Exported names declared by more than one module, each with the modules, sorted. */
export function duplicateExports(files: ReadonlyMap<string, string>): Map<string, string[]> {
  const declaredIn = new Map<string, string[]>();
  for (const [file, source] of files) {
    for (const name of exportedDeclarations(source))
      declaredIn.set(name, [...(declaredIn.get(name) ?? []), file]);
  }
  return new Map(
    [...declaredIn].filter(([, modules]) => modules.length > 1).sort(([a], [b]) => a.localeCompare(b)),
  );
}
