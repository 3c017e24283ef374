import { Testing } from 'cdktf';
import { KubernetesVersion } from '../../../../config';
import { KubernetesUpgrade, NODE_UPGRADE_IMAGE, nodeUpgradeJobName } from '../../../../constructs/addons';
import { nodeUpgradeScript } from '../../../../constructs/cluster/node-upgrade-script';

type Job = {
  metadata: { name: string };
  spec: {
    template: {
      spec: {
        node_name: string;
        container: { image: string; command: string[]; security_context: { privileged: boolean } }[];
      };
    };
  };
  depends_on?: string[];
  wait_for_completion: boolean;
  lifecycle?: { precondition: { condition: string; error_message: string }[] };
};

function build(version = '1.36') {
  const json = JSON.parse(
    Testing.synthScope((scope) => {
      new KubernetesUpgrade(scope, 'kubernetes-upgrade', {
        version: KubernetesVersion.tryParse(version)!,
        configPath: 'clusters[0].kubernetesVersion',
        masters: ['berth-main-master-1', 'berth-main-master-2', 'berth-main-master-3'],
        minions: ['berth-main-default-1', 'berth-main-default-2'],
      });
    }),
  );
  // In the order Terraform runs them: each Job depends on the one before.
  const all = Object.entries(json.resource.kubernetes_job_v1 as Record<string, Job>);
  const jobs: [string, Job][] = [];
  let next = all.find(([, j]) => !(j.depends_on ?? []).some((d) => d.startsWith('kubernetes_job_v1.')));
  while (next) {
    jobs.push(next);
    const id = `kubernetes_job_v1.${next[0]}`;
    next = all.find(([, j]) => (j.depends_on ?? []).includes(id));
  }
  expect(jobs).toHaveLength(all.length);
  return { json, jobs };
}

describe('KubernetesUpgrade', () => {
  test('one Job per node, masters first (the first with upgrade apply), each waiting for the previous', () => {
    const { jobs } = build();
    expect(jobs.map(([, j]) => j.spec.template.spec.node_name)).toEqual([
      'berth-main-master-1',
      'berth-main-master-2',
      'berth-main-master-3',
      'berth-main-default-1',
      'berth-main-default-2',
    ]);
    const roles = jobs.map(
      ([, j]) => /berth-upgrade-node (\S+) 1\.36 /.exec(j.spec.template.spec.container[0].command[2])![1],
    );
    expect(roles).toEqual(['first-master', 'master', 'master', 'minion', 'minion']);
    jobs.forEach(([, job], i) => {
      expect(job.wait_for_completion).toBe(true);
      if (i > 0) expect(job.depends_on).toContain(`kubernetes_job_v1.${jobs[i - 1][0]}`);
      expect(job.spec.template.spec.container[0].image).toBe(NODE_UPGRADE_IMAGE);
    });
  });

  test('Job names carry the version, so changing it runs the upgrade again', () => {
    const names = (version: string) => build(version).jobs.map(([, j]) => j.metadata.name);
    expect(names('1.36')[0]).toBe('upgrade-1-36-berth-main-master-1');
    expect(names('1.35')[0]).toBe('upgrade-1-35-berth-main-master-1');
    expect(nodeUpgradeJobName(KubernetesVersion.DEFAULT, 'x'.repeat(80))).toHaveLength(63);
  });

  test('a plan checks the version skew against the running API server, naming the config field', () => {
    const { jobs } = build('1.36');
    const [first] = jobs;
    const [precondition] = first[1].lifecycle!.precondition;
    expect(precondition.condition).toMatch(
      /^\$\{\(\(tonumber\(regex\("\^\[0-9\]\+", data\.kubernetes_server_version\.[^.]+\.minor\)\) == 36\) \|\| \(\(tonumber\(.*\) \+ 1\) == 36\)\)\}$/,
    );
    expect(precondition.error_message).toMatch(
      /^clusters\[0\]\.kubernetesVersion: got "1\.36"; the cluster runs \$\{data\.kubernetes_server_version\.[^.]+\.git_version\}: Kubernetes upgrades one minor at a time/,
    );
    expect(jobs.slice(1).every(([, j]) => j.lifecycle === undefined)).toBe(true);
  });

  test('the script reaches the nodes through a Secret, and drains with a service account that can only evict', () => {
    const { json } = build();
    const secret = Object.values(json.resource.kubernetes_secret_v1)[0] as { data: Record<string, string> };
    expect(secret.data['berth-upgrade-node']).toBe(nodeUpgradeScript());
    const role = Object.values(json.resource.kubernetes_cluster_role_v1)[0] as {
      rule: { resources: string[]; verbs: string[] }[];
    };
    expect(role.rule.flatMap((r) => r.verbs).sort()).toEqual([
      'create',
      'get',
      'get',
      'get',
      'list',
      'patch',
    ]);
    // The pods' commands hold nothing for Terraform to interpolate (the script's are escaped stack-wide).
    for (const job of Object.values(json.resource.kubernetes_job_v1) as Job[]) {
      expect(job.spec.template.spec.container[0].command.join('\n')).not.toMatch(/\$\{|%\{/);
    }
  });
});
