import { ETCD_BACKUP_ENV_FILE, etcdBackupVariableChecks } from './etcd-backup-environment';

/** Shared start: strict mode, parameters (file given by BERTH_ETCD_BACKUP_ENV or the default), helpers. */
export function etcdScriptHeader(name: string, purpose: string): string {
  const required = etcdBackupVariableChecks();
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
