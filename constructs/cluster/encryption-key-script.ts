import { API_SERVER_FILES } from './api-server-config';

// Rotation of the key that encrypts Secrets at rest. The API server reads an EncryptionConfiguration that
// may list several secretbox keys: the first encrypts, all decrypt. With
// --encryption-provider-config-automatic-reload it picks up a changed file without a restart. This script,
// installed on every master, keeps the keys in a directory and writes the configuration from it.

/** Where the script is installed on masters. */
export const ENCRYPTION_KEY_SCRIPT = '/usr/local/sbin/berth-encryption-key';
/** Root-only directory of the keys: one file per key (its base64 secret), `primary` names the encrypting one. */
export const ENCRYPTION_KEYS_DIR = '/etc/kubernetes/berth/encryption-keys';

/**
 * `berth-encryption-key add|use|remove|rewrite|list`. Run `add` then `use` on every master, `rewrite` on
 * one, `remove` of the old key on every master (docs/security.md has the procedure).
 */
export function encryptionKeyScript(): string {
  return `#!/usr/bin/env bash
# berth-encryption-key: rotate the key encrypting Secrets at rest (written by cloud-init on masters).
#   add NAME      read a new key (base64 of 32 bytes) from stdin; it decrypts, the primary still encrypts
#   use NAME      make NAME the key that encrypts new writes
#   rewrite       re-encrypt every Secret with the primary key (on one master, after "use" on all)
#   remove NAME   forget a key that is no longer primary (after "rewrite")
#   list          the keys, primary first
set -euo pipefail
umask 077
readonly config="\${BERTH_ENCRYPTION_CONFIG:-${API_SERVER_FILES.encryptionConfiguration}}"
readonly keys="\${BERTH_ENCRYPTION_KEYS_DIR:-${ENCRYPTION_KEYS_DIR}}"

die() { printf 'berth-encryption-key: %s\\n' "$*" >&2; exit 1; }
valid_name() { [[ "$1" =~ ^[a-z0-9][a-z0-9-]{0,30}$ ]] || die "key names are lower-case letters, digits and -: got '$1'"; }

# The first run imports the key cloud-init wrote into the configuration.
import_initial() {
  [ -d "$keys" ] && return 0
  local name secret
  name="$(sed -n 's/^ *- name: "\\(.*\\)"$/\\1/p' "$config" | head -n 1)"
  secret="$(sed -n 's/^ *secret: "\\(.*\\)"$/\\1/p' "$config" | head -n 1)"
  if [ -z "$name" ] || [ -z "$secret" ]; then die "no key found in $config"; fi
  install -d -m 0700 "$keys"
  printf '%s\\n' "$secret" >"$keys/$name.key"
  printf '%s\\n' "$name" >"$keys/primary"
}

primary() { cat "$keys/primary"; }

# Names, primary first, then the others in name order.
names() {
  local p name
  p="$(primary)"
  printf '%s\\n' "$p"
  for name in "$keys"/*.key; do
    name="$(basename "$name" .key)"
    [ "$name" = "$p" ] || printf '%s\\n' "$name"
  done
}

# Writes the configuration atomically (the API server reloads it when its content changes).
render() {
  local name tmp
  tmp="$(mktemp "$config.XXXXXX")"
  {
    printf 'apiVersion: "apiserver.config.k8s.io/v1"\\nkind: "EncryptionConfiguration"\\nresources:\\n'
    printf '  - resources:\\n      - "secrets"\\n    providers:\\n      - secretbox:\\n          keys:\\n'
    while read -r name; do
      printf '            - name: "%s"\\n              secret: "%s"\\n' "$name" "$(cat "$keys/$name.key")"
    done < <(names)
    printf '      - identity: {}\\n'
  } >"$tmp"
  mv "$tmp" "$config"
}

import_initial
case "\${1:-}" in
add)
  valid_name "\${2:-}"
  [ ! -e "$keys/$2.key" ] || die "key $2 exists"
  secret="$(tr -d ' \\n')"
  [ "$(printf '%s' "$secret" | base64 -d 2>/dev/null | wc -c)" -eq 32 ] || die "the key must be base64 of 32 bytes (head -c 32 /dev/urandom | base64)"
  printf '%s\\n' "$secret" >"$keys/$2.key"
  render
  ;;
use)
  valid_name "\${2:-}"
  [ -e "$keys/$2.key" ] || die "no key $2: add it first"
  printf '%s\\n' "$2" >"$keys/primary"
  render
  ;;
remove)
  valid_name "\${2:-}"
  [ "$2" != "$(primary)" ] || die "$2 encrypts new writes: use another key first"
  rm -f "$keys/$2.key"
  render
  ;;
rewrite)
  kubectl --kubeconfig /etc/kubernetes/admin.conf get secrets --all-namespaces -o json |
    kubectl --kubeconfig /etc/kubernetes/admin.conf replace -f -
  ;;
list) names ;;
*) die "usage: berth-encryption-key add NAME | use NAME | rewrite | remove NAME | list" ;;
esac
`;
}
