import * as path from 'path';
import { App, Names, Yaml, YamlOutputType } from 'cdk8s';
import { BlockYaml } from '../constructs/core/block-yaml';
import { OutputFiles } from '../constructs/core/output-files';

/** Folder of the Kubernetes manifests in the output folder: `manifests/<cluster>/<environment>.k8s.yaml`. */
export const MANIFESTS_DIR = 'manifests';

/** The options cdk8s 2.x stringifies every document with (`Yaml.stringify`). */
const OPTIONS = { keepUndefined: true, lineWidth: 0, version: '1.1' } as const;

/** Writes what `YAML.stringify` writes with cdk8s's options, faster (see BlockYaml). */
const CDK8S_YAML = new BlockYaml(OPTIONS);

function document(doc: unknown): string {
  if (doc === undefined) return '\n';
  return CDK8S_YAML.tryStringify(doc) ?? Yaml.stringify(doc);
}

/**
 * The YAML cdk8s writes for these documents (`Yaml.stringify`), byte for byte, several times faster
 * ({@link BlockYaml}: the block structure written directly, each distinct scalar and key by the yaml
 * library once; a document holding anything unusual is left to cdk8s).
 */
export function toYaml(docs: readonly unknown[]): string {
  return docs.map(document).join('---\n');
}

/**
 * Writes an app's charts as `App.synth()` does with one file per chart (`<chart>.k8s.yaml`), with
 * {@link toYaml}, through `files` (which learns what was written). Anything else (another output type,
 * construct metadata, charts that depend on each other and so get numbered file names) is left to
 * `App.synth()`, in an emptied `app.outdir`.
 */
export function synthCharts(app: App, files: OutputFiles = new OutputFiles()): void {
  const charts = app.charts;
  const objects = charts.map((chart) => chart.toJson());
  const usual =
    app.yamlOutputType === YamlOutputType.FILE_PER_CHART &&
    !(app as unknown as { recordConstructMetadata?: boolean }).recordConstructMetadata &&
    charts.every((chart) => chart.node.dependencies.length === 0);
  if (!usual) {
    files.writtenBy(app.outdir, () => app.synth());
    return;
  }
  charts.forEach((chart, i) => {
    files.write(
      path.join(app.outdir, `${Names.toDnsLabel(chart)}${app.outputFileExtension}`),
      toYaml(objects[i]),
    );
  });
}
