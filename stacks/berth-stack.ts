import * as fs from 'fs';
import * as path from 'path';
import { Construct } from 'constructs';
import { IStackSynthesizer, ISynthesisSession, LocalBackend, S3Backend, TerraformStack } from 'cdktf';
import { ResolvedState, StateBackendKind } from '../config';
import { withManifestsAside } from '../constructs/core/kubernetes-manifest';
import { stableJson } from './stack-json';
import { prepareStackElements, stackTerraform } from './stack-resolution';
import { escapeStackLiterals } from './terraform-literals';

/** Props shared by every Berth stack. */
export interface BerthStackProps {
  /** Where this stack's Terraform state lives. */
  readonly state: ResolvedState;
}

/**
 * Base of every Berth stack: configures the state backend explicitly so that the synthesized
 * `cdk.tf.json` never contains a machine's absolute path and is byte-identical everywhere, and writes
 * Kubernetes objects as the plain data they are, without resolving each value (`withManifestsAside`).
 * Its `cdk.tf.json` is written by {@link stableJson}, the same text as cdktf's writer, faster.
 */
export abstract class BerthStack extends TerraformStack {
  private synthesized?: Record<string, unknown>;
  /** While cdktf's synthesizer runs: it writes a stand-in, the JSON is written afterwards. */
  private writingLater = false;

  constructor(scope: Construct, id: string, props: BerthStackProps) {
    super(scope, id);
    const synthesizer = this.synthesizer;
    this.synthesizer = { synthesize: (session) => this.synthesizeWith(synthesizer, session) };
    const state = props.state;
    if (state.kind === StateBackendKind.S3) {
      const backend = new S3Backend(this, {
        bucket: state.bucket,
        key: `${state.keyPrefix}/${id}.tfstate`,
        region: state.region,
        endpoints: { s3: state.endpoint },
        usePathStyle: true,
        // An S3-compatible service (Swift, Ceph RGW, MinIO) has no AWS account, IAM or region list.
        skipCredentialsValidation: true,
        skipRegionValidation: true,
        skipRequestingAccountId: true,
        skipMetadataApiCheck: true,
        skipS3Checksum: true,
      });
      // Lock state with a lock object beside it (Terraform >= 1.10); cdktf 0.21 has no typed field for it.
      backend.addOverride('use_lockfile', true);
    } else {
      // Terraform runs in cdktf.out/stacks/<stack>: this relative path is the project root, on any machine.
      new LocalBackend(this, { path: localStatePath(id) });
    }
  }

  public prepareStack(): void {
    escapeStackLiterals(this);
    withManifestsAside(this, false, () => prepareStackElements(this));
  }

  public toTerraform(): ReturnType<TerraformStack['toTerraform']> {
    escapeStackLiterals(this);
    this.synthesized = withManifestsAside(this, true, () => stackTerraform(this));
    return this.writingLater ? {} : this.synthesized;
  }

  /**
   * cdktf's synthesis of this stack (aspects, validation, annotations, the stack's folder and its entry in
   * the manifest), its `cdk.tf.json` then written again by {@link stableJson}: cdktf writes it with
   * json-stable-stringify, several times slower than `JSON.stringify` for the same text.
   */
  private synthesizeWith(synthesizer: IStackSynthesizer, session: ISynthesisSession): void {
    this.synthesized = undefined;
    this.writingLater = true;
    try {
      synthesizer.synthesize(session);
    } finally {
      this.writingLater = false;
    }
    if (this.synthesized === undefined) return; // HCL output: toTerraform was not asked
    const file = path.join(session.outdir, session.manifest.forStack(this).synthesizedStackPath);
    fs.writeFileSync(file, stableJson(this.synthesized));
  }

  /** What the last {@link toTerraform} returned (what synthesis wrote); shared, never change it. */
  public get lastTerraform(): Record<string, unknown> | undefined {
    return this.synthesized;
  }

  /** Forgets {@link lastTerraform}: call before a synthesis whose output is read from it. */
  public forgetTerraform(): void {
    this.synthesized = undefined;
  }
}

/** Where the local backend keeps a stack's state, relative to the stack's synthesized directory. */
export function localStatePath(stackId: string): string {
  return `../../../terraform.${stackId}.tfstate`;
}
