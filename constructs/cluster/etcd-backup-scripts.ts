// Shell scripts of the masters' etcd backups (systemd timer, see etcd-backup.ts). Plain bash, checked by
// shellcheck and run for real against an etcd server in the tests; every value comes from the
// environment file, so the scripts hold no Terraform reference and no secret. NodeBootstrap escapes `${`.

/** The backup parameters (shell `NAME='value'` lines, 0600). */
export const ETCD_BACKUP_ENV_FILE = '/etc/berth/etcd-backup.env';
/** Takes, encrypts, uploads and prunes snapshots; writes the metrics. Run by the timer. */
export const ETCD_BACKUP_SCRIPT = '/usr/local/sbin/berth-etcd-backup';
/** Lists, fetches and restores snapshots. Run by hand (README, Operations). */
export const ETCD_RESTORE_SCRIPT = '/usr/local/sbin/berth-etcd-restore';
/** Runs `etcdctl`/`etcdutl` of the etcd image kubeadm runs (same version as the server), via containerd. */
export const ETCD_TOOL_SCRIPT = '/usr/local/sbin/berth-etcd-tool';
/** Directory node-exporter's textfile collector reads (`*.prom`). */
export const NODE_METRICS_DIR = '/var/lib/node-exporter/textfile';

/** Metrics the backup script writes for node-exporter's textfile collector. */
export const ETCD_BACKUP_METRICS = {
  /** Unix time of the last snapshot that was taken, encrypted and stored. */
  lastSuccess: 'berth_etcd_backup_last_success_timestamp_seconds',
  /** Unix time of the last failed run. */
  lastFailure: 'berth_etcd_backup_last_failure_timestamp_seconds',
  /** Size of the last stored (encrypted) snapshot. */
  lastSize: 'berth_etcd_backup_last_size_bytes',
  /** Snapshots of this member in the store after pruning. */
  stored: 'berth_etcd_backup_stored_snapshots',
} as const;

/** The parameters the backup and restore scripts read from `ETCD_BACKUP_ENV_FILE`. */
export interface EtcdBackupEnvironment {
  /** `swift`, or `dir:<path>` for a local or mounted directory. */
  readonly BERTH_BACKUP_STORE: string;
  /** Object name prefix; snapshots are `<prefix>/<member>/<member>-<UTC time>.db.enc`. */
  readonly BERTH_BACKUP_PREFIX: string;
  /** Snapshots kept per member; older ones are deleted after each successful run. */
  readonly BERTH_BACKUP_KEEP: string;
  /** File holding the encryption passphrase (openssl `-pass file:`). */
  readonly BERTH_BACKUP_KEY_FILE: string;
  /** Scratch directory (0700), emptied after each run. */
  readonly BERTH_BACKUP_WORK_DIR: string;
  /** The kubeadm etcd static pod manifest: the member name, peer URL and data dir come from it. */
  readonly BERTH_ETCD_MANIFEST: string;
  /** The directory of the static pod manifests (a kubeadm restore moves etcd and the API server out). */
  readonly BERTH_STATIC_POD_DIR: string;
  /** Client URL of the local etcd member. */
  readonly BERTH_ETCD_ENDPOINT: string;
  /** TLS files of the etcd client (empty for a plain-HTTP etcd). */
  readonly BERTH_ETCD_CACERT: string;
  readonly BERTH_ETCD_CERT: string;
  readonly BERTH_ETCD_KEY: string;
  /** Command running etcdctl (words split by the shell). */
  readonly BERTH_ETCDCTL: string;
  /** Command running etcdutl (snapshot status and restore; etcdctl of etcd 3.4 has them too). */
  readonly BERTH_ETCDUTL: string;
  /** Directory of node-exporter's textfile collector. */
  readonly BERTH_METRICS_DIR: string;
  /** Swift: Keystone v3 URL, region (empty: the first object-store endpoint), container, credential. */
  readonly BERTH_SWIFT_AUTH_URL: string;
  readonly BERTH_SWIFT_REGION: string;
  readonly BERTH_SWIFT_CONTAINER: string;
  readonly BERTH_SWIFT_CREDENTIAL_ID: string;
  /** File holding the application credential's secret. */
  readonly BERTH_SWIFT_CREDENTIAL_SECRET_FILE: string;
}

/** Which parameters may be empty (the others must be set, and the scripts check it). */
const VARIABLES: Readonly<Record<keyof EtcdBackupEnvironment, { readonly mayBeEmpty: boolean }>> = {
  BERTH_BACKUP_STORE: { mayBeEmpty: false },
  BERTH_BACKUP_PREFIX: { mayBeEmpty: false },
  BERTH_BACKUP_KEEP: { mayBeEmpty: false },
  BERTH_BACKUP_KEY_FILE: { mayBeEmpty: false },
  BERTH_BACKUP_WORK_DIR: { mayBeEmpty: false },
  BERTH_ETCD_MANIFEST: { mayBeEmpty: false },
  BERTH_STATIC_POD_DIR: { mayBeEmpty: false },
  BERTH_ETCD_ENDPOINT: { mayBeEmpty: false },
  BERTH_ETCD_CACERT: { mayBeEmpty: true },
  BERTH_ETCD_CERT: { mayBeEmpty: true },
  BERTH_ETCD_KEY: { mayBeEmpty: true },
  BERTH_ETCDCTL: { mayBeEmpty: false },
  BERTH_ETCDUTL: { mayBeEmpty: false },
  BERTH_METRICS_DIR: { mayBeEmpty: false },
  BERTH_SWIFT_AUTH_URL: { mayBeEmpty: true },
  BERTH_SWIFT_REGION: { mayBeEmpty: true },
  BERTH_SWIFT_CONTAINER: { mayBeEmpty: true },
  BERTH_SWIFT_CREDENTIAL_ID: { mayBeEmpty: true },
  BERTH_SWIFT_CREDENTIAL_SECRET_FILE: { mayBeEmpty: true },
};

/** Quotes a value for a POSIX shell. */
function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The environment file: one `NAME='value'` line per parameter, in a fixed order. */
export function renderEtcdBackupEnvironment(env: EtcdBackupEnvironment): string {
  const names = Object.keys(VARIABLES) as (keyof EtcdBackupEnvironment)[];
  const lines = names.map((name) => {
    const value = env[name];
    if (/[\r\n]/.test(value)) throw new Error(`${name} must be a single line`);
    if (value === '' && !VARIABLES[name].mayBeEmpty) throw new Error(`${name} must not be empty`);
    return `${name}=${shellQuote(value)}`;
  });
  return ['# Berth etcd backup parameters, written by cloud-init.', ...lines, ''].join('\n');
}

/** Shared start: strict mode, parameters (file given by BERTH_ETCD_BACKUP_ENV or the default), helpers. */
function header(name: string, purpose: string): string {
  const required = (Object.keys(VARIABLES) as (keyof EtcdBackupEnvironment)[])
    .map((v) =>
      VARIABLES[v].mayBeEmpty
        ? `: "\${${v}?is missing from $env_file}"`
        : `: "\${${v}:?is missing from $env_file}"`,
    )
    .join('\n');
  return `#!/usr/bin/env bash
# ${name}: ${purpose}
# Written by cloud-init from Berth's NodeBootstrap.
set -euo pipefail
umask 077

env_file="\${BERTH_ETCD_BACKUP_ENV:-${ETCD_BACKUP_ENV_FILE}}"
# shellcheck source=/dev/null
. "$env_file"
${required}

log() { printf '%s: %s\\n' '${name}' "$*" >&2; }
die() { log "$*"; exit 1; }

# The value of a flag in the etcd static pod manifest ("- --name=master-1" gives master-1).
manifest_flag() {
  local value
  value="$(sed -n -E "s/^[[:space:]]*-[[:space:]]+--$1=(.*)$/\\1/p" "$BERTH_ETCD_MANIFEST" | head -n 1)"
  [ -n "$value" ] || die "--$1 not found in $BERTH_ETCD_MANIFEST"
  printf '%s' "$value"
}

etcdctl_() {
  local -a tls=()
  [ -z "$BERTH_ETCD_CACERT" ] || tls+=("--cacert=$BERTH_ETCD_CACERT")
  [ -z "$BERTH_ETCD_CERT" ] || tls+=("--cert=$BERTH_ETCD_CERT")
  [ -z "$BERTH_ETCD_KEY" ] || tls+=("--key=$BERTH_ETCD_KEY")
  # A snapshot of an unreachable member waits forever: every call is bounded (15 minutes).
  # shellcheck disable=SC2086 # the command is words on purpose (e.g. "berth-etcd-tool etcdctl")
  ETCDCTL_API=3 timeout 900 $BERTH_ETCDCTL --endpoints="$BERTH_ETCD_ENDPOINT" --dial-timeout=2s "\${tls[@]}" "$@"
}

# True when the local member answers (within a few seconds).
etcd_healthy() {
  etcdctl_ endpoint health --command-timeout=3s >/dev/null 2>&1
}

etcdutl_() {
  # shellcheck disable=SC2086 # the command is words on purpose
  ETCDCTL_API=3 $BERTH_ETCDUTL "$@"
}

# --- the store: a directory, or a Swift container reached with the cluster's application credential ---

work="$BERTH_BACKUP_WORK_DIR"
install -d -m 0700 "$work"

# Logs in once per run (Keystone token in a 0600 header file, never on a command line).
swift_login() {
  local auth="\${BERTH_SWIFT_AUTH_URL%/}/auth/tokens"
  python3 - "$BERTH_SWIFT_CREDENTIAL_ID" "$BERTH_SWIFT_CREDENTIAL_SECRET_FILE" >"$work/auth.json" <<'PY'
import json, sys
with open(sys.argv[2]) as f:
    secret = f.read().strip()
credential = {"id": sys.argv[1], "secret": secret}
print(json.dumps({"auth": {"identity": {"methods": ["application_credential"], "application_credential": credential}}}))
PY
  curl -fsS --retry 3 -H 'Content-Type: application/json' --data @"$work/auth.json" \\
    -D "$work/auth.headers" -o "$work/auth.catalog" "$auth"
  rm -f "$work/auth.json"
  local token
  token="$(tr -d '\\r' <"$work/auth.headers" | awk 'tolower($1) == "x-subject-token:" { print $2 }')"
  [ -n "$token" ] || die "Keystone at $auth returned no token"
  printf 'X-Auth-Token: %s\\n' "$token" >"$work/token.header"
  swift_url="$(python3 - "$work/auth.catalog" "$BERTH_SWIFT_REGION" <<'PY'
import json, sys
catalog = json.load(open(sys.argv[1]))["token"]["catalog"]
region = sys.argv[2]
for service in catalog:
    if service["type"] != "object-store":
        continue
    for endpoint in service["endpoints"]:
        if endpoint["interface"] == "public" and (not region or endpoint.get("region_id") == region):
            print(endpoint["url"].rstrip("/"))
            sys.exit(0)
sys.exit("no public object-store endpoint in the catalog" + (" for region " + region if region else ""))
PY
)"
  swift_url="$swift_url/$BERTH_SWIFT_CONTAINER"
}

# Opens the store: a Swift login, or nothing for a directory.
store_open() {
  case "$BERTH_BACKUP_STORE" in
    dir:*) ;;
    swift) swift_login ;;
    *) die "unknown store $BERTH_BACKUP_STORE (swift or dir:<path>)" ;;
  esac
}

store_dir() { printf '%s' "\${BERTH_BACKUP_STORE#dir:}"; }

# store_put <name> <file>
store_put() {
  case "$BERTH_BACKUP_STORE" in
    dir:*)
      install -d -m 0700 "$(dirname "$(store_dir)/$1")"
      cp "$2" "$(store_dir)/$1.partial"
      mv "$(store_dir)/$1.partial" "$(store_dir)/$1"
      ;;
    swift) curl -fsS --retry 3 -H @"$work/token.header" -T "$2" "$swift_url/$1" ;;
    *) die "unknown store $BERTH_BACKUP_STORE (swift or dir:<path>)" ;;
  esac
}

# store_get <name> <file>
store_get() {
  case "$BERTH_BACKUP_STORE" in
    dir:*) cp "$(store_dir)/$1" "$2" ;;
    swift) curl -fsS --retry 3 -H @"$work/token.header" -o "$2" "$swift_url/$1" ;;
    *) die "unknown store $BERTH_BACKUP_STORE (swift or dir:<path>)" ;;
  esac
}

# store_list <prefix>: object names under the prefix, sorted (names embed the UTC time, so oldest first).
store_list() {
  local names
  case "$BERTH_BACKUP_STORE" in
    dir:*)
      names=''
      if [ -d "$(store_dir)" ]; then
        names="$(cd "$(store_dir)" && find . -type f -path "./$1*" | sed 's|^\\./||')"
      fi
      ;;
    swift) names="$(curl -fsS --retry 3 -H @"$work/token.header" "$swift_url?prefix=$1")" ;;
    *) die "unknown store $BERTH_BACKUP_STORE (swift or dir:<path>)" ;;
  esac
  printf '%s\\n' "$names" | { grep -E '\\.db\\.enc$' || true; } | LC_ALL=C sort
}

# store_delete <name>
store_delete() {
  case "$BERTH_BACKUP_STORE" in
    dir:*) rm -f "$(store_dir)/$1" ;;
    swift) curl -fsS --retry 3 -H @"$work/token.header" -X DELETE "$swift_url/$1" ;;
    *) die "unknown store $BERTH_BACKUP_STORE (swift or dir:<path>)" ;;
  esac
}
`;
}

/**
 * The backup run: snapshot of the local member, verified, encrypted (AES-256-CBC, PBKDF2), stored as
 * `<prefix>/<member>/<member>-<UTC time>.db.enc`, then the oldest beyond `BERTH_BACKUP_KEEP` deleted and
 * the metrics written (success and failure times, size, count) for node-exporter's textfile collector.
 */
export function etcdBackupScript(): string {
  const m = ETCD_BACKUP_METRICS;
  return `${header('berth-etcd-backup', 'encrypted etcd snapshot to the backup store, with retention')}
member=''

# Metrics are written to a temporary file and renamed, so node-exporter never reads half a file.
write_metrics() {
  install -d -m 0755 "$BERTH_METRICS_DIR"
  local file="$BERTH_METRICS_DIR/berth_etcd_backup_$1.prom"
  cat >"$file.tmp"
  chmod 0644 "$file.tmp"
  mv "$file.tmp" "$file"
}
# Every failed run (a failed command or a refusal) records its time; the alert watches the successes.
on_exit() {
  local status=$?
  rm -rf "$work"
  [ "$status" -ne 0 ] || return 0
  write_metrics failure <<EOF
# HELP ${m.lastFailure} Unix time of the last failed etcd backup run.
# TYPE ${m.lastFailure} gauge
${m.lastFailure}{member="$member"} $(date +%s)
EOF
}
trap on_exit EXIT

member="$(manifest_flag name)"
case "$BERTH_BACKUP_KEEP" in
  '' | *[!0-9]* | 0) die "BERTH_BACKUP_KEEP must be a whole number of snapshots above 0, got '$BERTH_BACKUP_KEEP'" ;;
esac
[ -s "$BERTH_BACKUP_KEY_FILE" ] || die "the encryption key file $BERTH_BACKUP_KEY_FILE is missing or empty"

# UTC time to the millisecond: names sort by age, and two runs never share one.
stamp="$(date -u +%Y%m%dT%H%M%S.%3NZ)"
name="$BERTH_BACKUP_PREFIX/$member/$member-$stamp.db.enc"
snapshot="$work/snapshot.db"

etcd_healthy || die "etcd member $member does not answer at $BERTH_ETCD_ENDPOINT"
log "taking a snapshot of member $member at $BERTH_ETCD_ENDPOINT"
rm -f "$snapshot"
etcdctl_ snapshot save "$snapshot" >/dev/null
etcdutl_ snapshot status "$snapshot" >/dev/null

log "encrypting and storing $name"
openssl enc -aes-256-cbc -salt -pbkdf2 -iter 200000 -pass "file:$BERTH_BACKUP_KEY_FILE" \\
  -in "$snapshot" -out "$snapshot.enc"
size="$(wc -c <"$snapshot.enc" | tr -d ' ')"
store_open
store_put "$name" "$snapshot.enc"
rm -f "$snapshot" "$snapshot.enc"

listing="$(store_list "$BERTH_BACKUP_PREFIX/$member/")"
stored=()
[ -z "$listing" ] || mapfile -t stored <<<"$listing"
excess=$((\${#stored[@]} - BERTH_BACKUP_KEEP))
for ((i = 0; i < excess; i++)); do
  log "retention: deleting \${stored[i]}"
  store_delete "\${stored[i]}"
done
kept=$((\${#stored[@]} - (excess > 0 ? excess : 0)))

write_metrics success <<EOF
# HELP ${m.lastSuccess} Unix time of the last etcd snapshot stored.
# TYPE ${m.lastSuccess} gauge
${m.lastSuccess}{member="$member"} $(date +%s)
# HELP ${m.lastSize} Size of the last stored etcd snapshot (encrypted).
# TYPE ${m.lastSize} gauge
${m.lastSize}{member="$member"} $size
# HELP ${m.stored} Snapshots of this member in the store.
# TYPE ${m.stored} gauge
${m.stored}{member="$member"} $kept
EOF
log "stored $name ($size bytes); $kept snapshots of $member kept"
`;
}

/**
 * The restore tool:
 * - `list`: the stored snapshots, oldest first;
 * - `fetch <name> <file>`: download, decrypt and verify a snapshot;
 * - `restore <name> <data dir>`: restore it into a new data directory as a one-member cluster named and
 *   addressed like this node's member (from the etcd manifest);
 * - `restore-kubeadm <name>`: on a master, stop etcd and the API server (their static pod manifests move
 *   aside), keep the old data directory, restore into its place and start them again.
 */
export function etcdRestoreScript(): string {
  return `${header('berth-etcd-restore', 'lists, fetches and restores encrypted etcd snapshots')}
usage() {
  cat >&2 <<'EOF'
usage: berth-etcd-restore list
       berth-etcd-restore fetch <snapshot name> <output file>
       berth-etcd-restore restore <snapshot name> <new data directory>
       berth-etcd-restore restore-kubeadm <snapshot name>
EOF
  exit 2
}
trap 'rm -rf "$work"' EXIT

fetch() {
  local name="$1" out="$2"
  store_get "$name" "$work/fetched.enc"
  openssl enc -d -aes-256-cbc -pbkdf2 -iter 200000 -pass "file:$BERTH_BACKUP_KEY_FILE" \\
    -in "$work/fetched.enc" -out "$out" || die "cannot decrypt $name: wrong key or damaged file"
  rm -f "$work/fetched.enc"
  etcdutl_ snapshot status "$out" >/dev/null || die "$name decrypts to no valid etcd snapshot"
}

restore_into() {
  local name="$1" data_dir="$2" member peer
  [ ! -e "$data_dir" ] || die "$data_dir exists: restore into a new directory"
  member="$(manifest_flag name)"
  peer="$(manifest_flag initial-advertise-peer-urls)"
  fetch "$name" "$work/restore.db"
  log "restoring $name into $data_dir as member $member ($peer), a new one-member cluster"
  etcdutl_ snapshot restore "$work/restore.db" --data-dir "$data_dir" --name "$member" \\
    --initial-cluster "$member=$peer" --initial-advertise-peer-urls "$peer" >/dev/null
  rm -f "$work/restore.db"
}

restore_kubeadm() {
  local name="$1" data_dir stopped stamp i
  data_dir="$(manifest_flag data-dir)"
  stamp="$(date -u +%Y%m%dT%H%M%SZ)"
  stopped="$BERTH_STATIC_POD_DIR.stopped-$stamp"
  log "stopping etcd and the API server (moving their manifests to $stopped)"
  install -d -m 0700 "$stopped"
  for manifest in etcd.yaml kube-apiserver.yaml; do
    [ ! -f "$BERTH_STATIC_POD_DIR/$manifest" ] || mv "$BERTH_STATIC_POD_DIR/$manifest" "$stopped/"
  done
  export BERTH_ETCD_MANIFEST="$stopped/etcd.yaml"
  for ((i = 0; ; i++)); do
    etcd_healthy || break
    [ "$i" -lt 60 ] || die "etcd still answers at $BERTH_ETCD_ENDPOINT after 2 minutes"
    sleep 2
  done
  if [ -e "$data_dir" ]; then
    log "keeping the current data directory as $data_dir.before-restore-$stamp"
    mv "$data_dir" "$data_dir.before-restore-$stamp"
  fi
  restore_into "$name" "$data_dir"
  log "starting etcd and the API server again"
  for manifest in etcd.yaml kube-apiserver.yaml; do
    [ ! -f "$stopped/$manifest" ] || mv "$stopped/$manifest" "$BERTH_STATIC_POD_DIR/"
  done
  rmdir "$stopped"
  log "restored. Other masters still hold the old data: remove and rebuild them one at a time (README, Operations)."
}

store_open
case "\${1:-}" in
  list) [ $# -eq 1 ] || usage; store_list "$BERTH_BACKUP_PREFIX/" ;;
  fetch) [ $# -eq 3 ] || usage; fetch "$2" "$3" ;;
  restore) [ $# -eq 3 ] || usage; restore_into "$2" "$3" ;;
  restore-kubeadm) [ $# -eq 2 ] || usage; restore_kubeadm "$2" ;;
  *) usage ;;
esac
`;
}

/**
 * Runs `etcdctl` or `etcdutl` from the etcd image of the kubeadm manifest (the server's own version, no
 * extra package) in a throw-away containerd container with host networking, the etcd certificates
 * (read-only) and /var/lib (snapshots, data directories) mounted.
 */
export function etcdToolScript(): string {
  return `#!/usr/bin/env bash
# berth-etcd-tool: etcdctl or etcdutl of the etcd image kubeadm runs, through containerd.
# Written by cloud-init from Berth's NodeBootstrap.
set -euo pipefail
manifest="\${BERTH_ETCD_MANIFEST:-/etc/kubernetes/manifests/etcd.yaml}"
case "\${1:-}" in
  etcdctl | etcdutl) ;;
  *) printf 'usage: berth-etcd-tool etcdctl|etcdutl <arguments>\\n' >&2; exit 2 ;;
esac
image="$(sed -n -E 's/^[[:space:]]*image:[[:space:]]*"?([^"[:space:]]+)"?.*$/\\1/p' "$manifest" | head -n 1)"
[ -n "$image" ] || { printf 'berth-etcd-tool: no image in %s\\n' "$manifest" >&2; exit 1; }
ctr -n k8s.io images ls -q | grep -qxF "$image" || ctr -n k8s.io images pull "$image" >/dev/null
exec ctr -n k8s.io run --rm --net-host --env ETCDCTL_API=3 \\
  --mount type=bind,src=/etc/kubernetes/pki/etcd,dst=/etc/kubernetes/pki/etcd,options=rbind:ro \\
  --mount type=bind,src=/var/lib,dst=/var/lib,options=rbind:rw \\
  "$image" "berth-etcd-tool-$$" "$@"
`;
}
