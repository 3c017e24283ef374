import * as path from 'path';
import { TerraformStack } from 'cdktf';
import { FileEncoding } from '../constructs/cluster/cloud-config';
import { OutputFiles } from '../constructs/core/output-files';
import { NodeBootstrap } from '../constructs/cluster/node-bootstrap';
import { resolvePlainData } from './stack-resolution';

/** Folder of the readable node templates in the output folder: `nodes/<cluster>/<role>/`. */
export const NODE_TEMPLATES_DIR = 'nodes';

/** How a value known only at apply time reads in a node template copy. */
export function applyTimePlaceholder(expression: string): string {
  return `<apply-time:${expression}>`;
}

/** Where a template sequence can start: `$${`, `%%{` or `${`. */
const TEMPLATE_SIGN = /[$%]/g;

/** One file of a node role's readable template, path relative to the role's folder. */
export interface NodeTemplateFile {
  readonly path: string;
  readonly content: string;
}

/**
 * A Terraform template string as the node will see it: `$${` and `%%{` unescaped, each `${expression}`
 * Terraform fills in at deploy time shown as `placeholder(expression)` (`<apply-time:expression>`).
 */
export function readableTemplate(
  terraformString: string,
  placeholder: (expression: string) => string = applyTimePlaceholder,
): string {
  let out = '';
  let i = 0;
  while (i < terraformString.length) {
    // Text without `$` or `%` is copied as it is, in one piece.
    TEMPLATE_SIGN.lastIndex = i;
    const sign = TEMPLATE_SIGN.exec(terraformString)?.index ?? terraformString.length;
    out += terraformString.slice(i, sign);
    i = sign;
    if (i === terraformString.length) break;
    if (terraformString.startsWith('$${', i) || terraformString.startsWith('%%{', i)) {
      out += `${terraformString[i]}{`;
      i += 3;
    } else if (terraformString.startsWith('${', i)) {
      let depth = 0;
      let end = i + 1;
      for (; end < terraformString.length; end++) {
        if (terraformString[end] === '{') depth++;
        else if (terraformString[end] === '}' && --depth === 0) break;
      }
      out += placeholder(terraformString.slice(i + 2, end));
      i = end + 1;
    } else {
      out += terraformString[i++];
    }
  }
  return out;
}

/** A `write_files` entry of a node's cloud-config, its strings as Terraform writes them (resolved). */
export interface TerraformWriteFile {
  readonly path: string;
  readonly content: string;
  /** `b64` for base64; @default text */
  readonly encoding?: string;
}

/**
 * The readable copy of a node role's template, from its synthesized `cloudinit_config` part and the
 * `write_files` entries in it: `cloud-config.yaml` as the node receives it, and under `files/` every file
 * it writes, decoded, so that a review diff shows the lines that change. Deploy-time values (addresses,
 * the CA, tokens) read `<apply-time:terraform expression>`.
 */
export function nodeTemplateFiles(
  cloudConfig: string,
  writeFiles: readonly TerraformWriteFile[],
): NodeTemplateFile[] {
  const files: NodeTemplateFile[] = [{ path: 'cloud-config.yaml', content: readableTemplate(cloudConfig) }];
  for (const file of writeFiles) {
    // Read with inert stand-ins for the expressions, so that none can disturb the decoding.
    const expressions: string[] = [];
    const inert = (text: string) =>
      readableTemplate(text, (expression) => `berth-apply-time-${expressions.push(expression) - 1}-end`);
    const restore = (text: string) =>
      text.replace(/berth-apply-time-(\d+)-end/g, (_, i: string) =>
        applyTimePlaceholder(expressions[Number(i)]),
      );
    const filePath = inert(file.path);
    let content = inert(file.content);
    const whole = /^berth-apply-time-(\d+)-end$/.exec(content.trim());
    if (file.encoding === FileEncoding.BASE64 && whole) {
      // Terraform encodes the reference (a PEM block): show what it encodes.
      const expression = expressions[Number(whole[1])];
      const encoded = /^base64encode\((.*)\)$/.exec(expression);
      content = `${applyTimePlaceholder(encoded ? encoded[1] : expression)}\n`;
    } else if (file.encoding === FileEncoding.BASE64) {
      content = Buffer.from(content, 'base64').toString('utf8');
    } else {
      content = restore(content);
    }
    files.push({ path: `files/${restore(filePath).replace(/^\/+/, '')}`, content });
  }
  return files;
}

/** Role folder of a bootstrap (`init-master`, `join-master`, `pool-<name>`): its construct id without `bootstrap-`. */
export function nodeTemplateRole(bootstrap: NodeBootstrap): string {
  return bootstrap.node.id.replace(/^bootstrap-/, '');
}

/**
 * Writes the readable templates of every node role of the given infra stacks (by cluster name), from
 * `terraformOf(stack)`, the stack's Terraform JSON: by default synthesized anew; BerthApp gives what its
 * synthesis has just written. Files go through `files`, which learns what was written.
 */
export function writeNodeTemplates<S extends TerraformStack>(
  outdir: string,
  infraStacks: ReadonlyMap<string, S>,
  terraformOf: (stack: S) => unknown = (stack) => stack.toTerraform(),
  files: OutputFiles = new OutputFiles(),
): void {
  for (const [cluster, stack] of infraStacks) {
    const bootstraps = stack.node.findAll().filter((c): c is NodeBootstrap => c instanceof NodeBootstrap);
    if (bootstraps.length === 0) continue;
    const data = (
      terraformOf(stack) as { data?: Record<string, Record<string, { part?: { content?: string }[] }>> }
    ).data;
    for (const bootstrap of bootstraps) {
      const block = data?.cloudinit_config?.[bootstrap.cloudInit.friendlyUniqueId];
      const content = block?.part?.[0]?.content;
      if (typeof content !== 'string')
        throw new Error(`internal: no cloud-config synthesized for ${bootstrap.node.path}`);
      const writeFiles = bootstrap.writeFiles.map((file) => ({
        path: resolvePlainData(stack, file.path, false) as string,
        content: resolvePlainData(stack, file.content, false) as string,
        encoding: file.encoding,
      }));
      const dir = path.join(outdir, NODE_TEMPLATES_DIR, cluster, nodeTemplateRole(bootstrap));
      for (const file of nodeTemplateFiles(content, writeFiles)) {
        files.write(path.join(dir, file.path), file.content);
      }
    }
  }
}
