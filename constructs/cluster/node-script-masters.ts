import { CLUSTER_PORTS } from './cluster-ports';

/**
 * Shell functions of the kubeadm script that decide from durable facts (part of `berth-kubeadm`, checked
 * by shellcheck with it): the other masters' own state at their fixed addresses, never the API load
 * balancer, whose blips say nothing about whether a cluster exists.
 *
 * - A master "is a member" when the cluster's API answers at its address with a certificate of the
 *   cluster CA, or when its kubelet, etcd or API port accepts connections (only a node that joined a
 *   cluster runs them: before, the kubelet exits for want of a configuration).
 * - It "never joined" when its host refuses all three ports: it is up and waiting, as every master of a
 *   new cluster waits for the first one.
 * - It is "silent" when it does not answer at all (down, or still booting): nothing can be concluded.
 *
 * The first master initialises only when every other master has been seen "never joined" three times in
 * a row; it joins as soon as any is a member; while any is silent it waits (an hour at most) and then
 * stops without initialising. A single-master cluster has nobody to ask: its first master initialises.
 * Masters 2..n join one at a time, in address order, each after the ones before it serve the API.
 */
export function masterFunctions(): string {
  return `# Logs to stderr: these functions' standard output is their answer.
note() { log "$@" >&2; }

# Whether the cluster's API answers at a master's own address (verified with the cluster CA).
api_ready_at() {
  curl -fsS --max-time 10 --cacert "$BERTH_CLUSTER_CA_FILE" "https://$1:${CLUSTER_PORTS.apiServer.from}/readyz" >/dev/null 2>&1
}

# member | never-joined | silent: what runs at another master's fixed address (see node-script-masters.ts).
peer_state() {
  local peer="$1" port out refused=0
  if api_ready_at "$peer"; then
    echo member
    return
  fi
  for port in ${CLUSTER_PORTS.apiServer.from} ${CLUSTER_PORTS.etcd.from} ${CLUSTER_PORTS.kubelet.from}; do
    if out="$(curl -sS -k -o /dev/null --connect-timeout 5 --max-time 10 "https://$peer:$port/" 2>&1)"; then
      echo member
      return
    fi
    case "$out" in
      *"Connection refused"*) refused=$((refused + 1)) ;;
      *"timed out"* | *"Timeout"* | *"No route to host"* | *"Network is unreachable"* | *"Could not connect"* | *"Couldn't connect"*) ;;
      *) # something listens (a TLS or HTTP error came back): a member's service
        echo member
        return ;;
    esac
  done
  if [ "$refused" -eq 3 ]; then echo never-joined; else echo silent; fi
}

# This node's own master address (the one of $BERTH_MASTER_ADDRESSES it holds).
own_master_address() {
  local address
  for address in $(hostname -I); do
    case " $BERTH_MASTER_ADDRESSES " in
      *" $address "*)
        echo "$address"
        return 0
        ;;
    esac
  done
  note "none of this node's addresses ($(hostname -I)) is a master address ($BERTH_MASTER_ADDRESSES)"
  return 1
}

# Prints init or join for the first master (whose address is the first of $BERTH_MASTER_ADDRESSES).
decide_first_master() {
  local first peers=() peer state never rounds=0 silent deadline=$((SECONDS + wait_limit))
  first="\${BERTH_MASTER_ADDRESSES%% *}"
  for peer in $BERTH_MASTER_ADDRESSES; do
    [ "$peer" = "$first" ] || peers+=("$peer")
  done
  if [ "\${#peers[@]}" -eq 0 ]; then
    note "single master: nobody else can hold the cluster; initialising"
    echo init
    return 0
  fi
  while [ "$SECONDS" -lt "$deadline" ]; do
    never=0
    silent=""
    for peer in "\${peers[@]}"; do
      state="$(peer_state "$peer")"
      case "$state" in
        member)
          note "master $peer is a member of the cluster: joining it, not initialising a second one"
          echo join
          return 0
          ;;
        never-joined) never=$((never + 1)) ;;
        *) silent="$silent $peer" ;;
      esac
    done
    if [ "$never" -eq "\${#peers[@]}" ]; then
      rounds=$((rounds + 1))
      note "every other master is up and has never joined (look $rounds of 3)"
      if [ "$rounds" -ge 3 ]; then
        echo init
        return 0
      fi
    else
      rounds=0
      note "no answer from$silent yet: waiting before deciding"
    fi
    sleep 20
  done
  note "could not tell within $wait_limit s whether the cluster exists (no answer from$silent): not initialising"
  return 1
}

# Masters 2..n join one at a time: wait until every master listed before this one serves the API.
wait_for_earlier_masters() {
  local own address deadline=$((SECONDS + wait_limit))
  own="$(own_master_address)"
  for address in $BERTH_MASTER_ADDRESSES; do
    [ "$address" = "$own" ] && return 0
    note "waiting for master $address to serve the API before joining"
    until api_ready_at "$address"; do
      if [ "$SECONDS" -ge "$deadline" ]; then
        note "master $address did not serve the API within $wait_limit s: not joining (masters join one at a time)"
        return 1
      fi
      sleep 10
    done
  done
}

# Done only when healthy: the kubelet, and on a master its own API server, answer.
wait_until_healthy() {
  local deadline=$((SECONDS + wait_limit)) own=""
  if [ "$BERTH_ROLE" != minion ]; then own="$(own_master_address)"; fi
  until curl -fsS --max-time 5 http://127.0.0.1:10248/healthz >/dev/null 2>&1 &&
    { [ -z "$own" ] || api_ready_at "$own"; }; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      note "the node did not become healthy within $wait_limit s (kubelet\${own:+, API server at $own})"
      return 1
    fi
    sleep 5
  done
}
`;
}
