import { Problems } from './problems';

/** Records a problem for each value that appears more than once in `names`. */
export function checkUniqueNames(
  problems: Problems,
  path: string,
  names: readonly string[],
  what: string,
): void {
  const seen = new Map<string, number>();
  names.forEach((name, i) => {
    const first = seen.get(name);
    if (first !== undefined) {
      problems.add(
        `${path}[${i}].name`,
        name,
        `${what} names must be unique; ${path}[${first}] has it already`,
      );
    } else {
      seen.set(name, i);
    }
  });
}
