/**
 * Validates synthesized objects against the Kubernetes OpenAPI schema (kubernetes-models, generated from
 * the upstream OpenAPI document) and the custom resources Berth writes against their CRDs' shapes.
 */
import * as fs from 'fs';
import * as path from 'path';

type Json = Record<string, unknown>;

interface Validatable {
  validate(): void;
}
type ModelClass = new (data: Json) => Validatable;

const MODELS_ROOT = path.dirname(require.resolve('kubernetes-models/package.json'));

/** The kubernetes-models class of a core kind, or undefined for kinds it does not know (custom resources). */
function modelOf(apiVersion: string, kind: string): ModelClass | undefined {
  const file = path.join(MODELS_ROOT, apiVersion, `${kind}.js`);
  if (!fs.existsSync(file)) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require(file) as Record<string, ModelClass>;
  return module[kind];
}

/** A tiny structural schema for the custom resources, strict about unknown fields. */
type Shape =
  | 'string'
  | 'integer'
  | 'duration'
  | 'hostname'
  | { readonly array: Shape }
  | { readonly map: 'string' }
  | { readonly object: Readonly<Record<string, Shape>>; readonly required?: readonly string[] };

const DURATION = /^\d+(ms|s|m|h|d|w|y)$/;
const HOSTNAME = /^(\*\.)?[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*$/;

const METADATA: Shape = {
  object: { name: 'string', namespace: 'string', labels: { map: 'string' }, annotations: { map: 'string' } },
  required: ['name', 'namespace'],
};

/** Gateway API v1 HTTPRoute, the fields Berth uses. */
const HTTP_ROUTE: Shape = {
  object: {
    apiVersion: 'string',
    kind: 'string',
    metadata: METADATA,
    spec: {
      object: {
        parentRefs: {
          array: {
            object: { name: 'string', namespace: 'string', sectionName: 'string' },
            required: ['name'],
          },
        },
        hostnames: { array: 'hostname' },
        rules: {
          array: {
            object: {
              matches: {
                array: {
                  object: {
                    path: { object: { type: 'string', value: 'string' }, required: ['type', 'value'] },
                  },
                },
              },
              backendRefs: {
                array: { object: { name: 'string', port: 'integer' }, required: ['name', 'port'] },
              },
            },
          },
        },
      },
      required: ['parentRefs', 'rules'],
    },
  },
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
};

/** Prometheus Operator v1 ServiceMonitor, the fields Berth uses. */
const SERVICE_MONITOR: Shape = {
  object: {
    apiVersion: 'string',
    kind: 'string',
    metadata: METADATA,
    spec: {
      object: {
        selector: { object: { matchLabels: { map: 'string' } }, required: ['matchLabels'] },
        endpoints: {
          array: { object: { port: 'string', path: 'string', interval: 'duration' }, required: ['port'] },
        },
      },
      required: ['selector', 'endpoints'],
    },
  },
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
};

/** Prometheus Operator v1 PrometheusRule (alerting rules). */
const PROMETHEUS_RULE: Shape = {
  object: {
    apiVersion: 'string',
    kind: 'string',
    metadata: METADATA,
    spec: {
      object: {
        groups: {
          array: {
            object: {
              name: 'string',
              rules: {
                array: {
                  object: {
                    alert: 'string',
                    expr: 'string',
                    for: 'duration',
                    labels: { map: 'string' },
                    annotations: { map: 'string' },
                  },
                  required: ['alert', 'expr'],
                },
              },
            },
            required: ['name', 'rules'],
          },
        },
      },
      required: ['groups'],
    },
  },
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
};

const CUSTOM_RESOURCES: Readonly<Record<string, Shape>> = {
  'gateway.networking.k8s.io/v1/HTTPRoute': HTTP_ROUTE,
  'monitoring.coreos.com/v1/ServiceMonitor': SERVICE_MONITOR,
  'monitoring.coreos.com/v1/PrometheusRule': PROMETHEUS_RULE,
};

function checkShape(value: unknown, shape: Shape, at: string, errors: string[]): void {
  if (shape === 'string' || shape === 'duration' || shape === 'hostname') {
    if (typeof value !== 'string') errors.push(`${at} must be a string`);
    else if (shape === 'duration' && !DURATION.test(value))
      errors.push(`${at} must be a Prometheus duration`);
    else if (shape === 'hostname' && !HOSTNAME.test(value)) errors.push(`${at} must be a host name`);
    return;
  }
  if (shape === 'integer') {
    if (!Number.isInteger(value)) errors.push(`${at} must be an integer`);
    return;
  }
  if ('array' in shape) {
    if (!Array.isArray(value)) errors.push(`${at} must be an array`);
    else value.forEach((item, i) => checkShape(item, shape.array, `${at}[${i}]`, errors));
    return;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    errors.push(`${at} must be an object`);
    return;
  }
  const record = value as Json;
  if ('map' in shape) {
    for (const [k, v] of Object.entries(record))
      if (typeof v !== 'string') errors.push(`${at}.${k} must be a string`);
    return;
  }
  for (const field of shape.required ?? []) if (!(field in record)) errors.push(`${at}.${field} is required`);
  for (const [k, v] of Object.entries(record)) {
    const fieldShape = shape.object[k];
    if (!fieldShape) errors.push(`${at}.${k} is not a field of this resource`);
    else checkShape(v, fieldShape, `${at}.${k}`, errors);
  }
}

/** Schema errors of one object, each prefixed with `<Kind>/<name>`; empty when valid. */
export function schemaErrors(object: Json): string[] {
  const apiVersion = String(object.apiVersion);
  const kind = String(object.kind);
  const name = `${kind}/${String((object.metadata as Json | undefined)?.name)}`;
  const custom = CUSTOM_RESOURCES[`${apiVersion}/${kind}`];
  if (custom) {
    const errors: string[] = [];
    checkShape(object, custom, name, errors);
    return errors;
  }
  const Model = modelOf(apiVersion, kind);
  if (!Model)
    return [`${name}: ${apiVersion} ${kind} is neither a Kubernetes kind nor a known custom resource`];
  try {
    new Model(object).validate();
    return [];
  } catch (err) {
    return [`${name}: ${(err as Error).message}`];
  }
}
