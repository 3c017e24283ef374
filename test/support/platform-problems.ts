import { ConfigError, Problem, ResolvePlatformOptions } from '../../config';
import { resolvePlatform } from './berth-platform';

/** Resolves `input` expecting failure; returns the problems. */
export function problemsOf(input: unknown, options: ResolvePlatformOptions = {}): readonly Problem[] {
  try {
    resolvePlatform(input, undefined, options);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected the config to be rejected');
}

/** The only problem for `input`, asserting there is exactly one. */
export function onlyProblem(input: unknown): Problem {
  const problems = problemsOf(input);
  expect(problems.map((p) => `${p.path}: ${p.message}`)).toHaveLength(1);
  return problems[0];
}

/** A platform with one cluster "main" holding `fields`. */
export const cluster = (fields: Record<string, unknown>) => ({ clusters: [{ name: 'main', ...fields }] });
