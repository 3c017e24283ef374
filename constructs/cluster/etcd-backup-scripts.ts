// Shell scripts of the masters' etcd backups (systemd timer, see etcd-backup.ts). Plain bash, checked by
// shellcheck and run for real against an etcd server in the tests; every value comes from the
// environment file, so the scripts hold no Terraform reference and no secret. NodeBootstrap escapes `${`.

import { ETCD_BACKUP_METRICS } from './etcd-backup-environment';
import { etcdScriptHeader } from './etcd-script-header';

/**
 * The backup run: snapshot of the local member, verified, encrypted (AES-256-CBC, PBKDF2), stored as
 * `<prefix>/<member>/<member>-<UTC time>.db.enc`, then the oldest beyond `BERTH_BACKUP_KEEP` deleted and
 * the metrics written (success and failure times, size, count) for node-exporter's textfile collector.
 */
export function etcdBackupScript(): string {
  const m = ETCD_BACKUP_METRICS;
  return `${etcdScriptHeader('berth-etcd-backup', 'encrypted etcd snapshot to the backup store, with retention')}
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
  return `${etcdScriptHeader('berth-etcd-restore', 'lists, fetches and restores encrypted etcd snapshots')}
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
