import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-33';
import { SecretKeyRef } from './app-env';
import { AppFileMounts, AppObjectMeta } from './app-process-context';

/**
 * The app's `files` for every process: text in one ConfigMap (`<app>-files`, construct `files` in
 * `scope`), Secret keys mounted from their Secrets; each file read-only at its path.
 */
export function appFiles(
  scope: Construct,
  files: Readonly<Record<string, string | SecretKeyRef>>,
  metadata: AppObjectMeta,
): AppFileMounts {
  const entries = Object.entries(files);
  const volumes: k8s.Volume[] = [];
  const mounts: k8s.VolumeMount[] = [];
  const text = entries.filter((e): e is [string, string] => typeof e[1] === 'string');
  if (text.length > 0) {
    const keyOf = (path: string) => path.replace(/^\//, '').replace(/[^-._a-zA-Z0-9]/g, '_');
    new k8s.KubeConfigMap(scope, 'files', {
      metadata,
      data: Object.fromEntries(text.map(([path, content]) => [keyOf(path), content])),
    });
    volumes.push({ name: 'files', configMap: { name: metadata.name } });
    for (const [path] of text)
      mounts.push({ name: 'files', mountPath: path, subPath: keyOf(path), readOnly: true });
  }
  entries
    .filter((e): e is [string, SecretKeyRef] => typeof e[1] !== 'string')
    .forEach(([path, ref], i) => {
      const volume = `secret-file-${i}`;
      volumes.push({
        name: volume,
        secret: { secretName: ref.secretName, items: [{ key: ref.key, path: 'value' }] },
      });
      mounts.push({ name: volume, mountPath: path, subPath: 'value', readOnly: true });
    });
  return { volumes, mounts };
}
