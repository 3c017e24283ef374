import { AppDefinition } from '..';
import { petclinic } from './petclinic';
import { reports } from './reports';
import { wordpress } from './wordpress';

/**
 * Every team app, in the order their objects appear in each environment's YAML. Add a file beside this
 * one and list it here; its name, not its position, decides its objects' names.
 */
export const APPS: readonly AppDefinition[] = [wordpress, petclinic, reports];
