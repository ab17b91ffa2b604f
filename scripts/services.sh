#!/usr/bin/env bash
# The services quarry's tests and local scans use, on this machine:
#   scripts/services.sh start|stop|status [redis] [slurm]        (no service named: both)
#
# redis  Debian's redis-server on 127.0.0.1:$QUARRY_REDIS_PORT (6379), daemonized, no persistence;
#        pid and log under $QUARRY_SERVICES_DIR (/tmp/quarry-services).
# slurm  a single-node Slurm without systemd (STACK.md's recipe): munged + slurmctld + slurmd, state and
#        logs under $QUARRY_SLURM_DIR (/tmp/quarry-slurm), config at $QUARRY_SLURM_DIR/slurm.conf, all CPUs
#        of this machine (nproc) in partition "debug". Clients find it through SLURM_CONF; quarry's slurm
#        executor and its tests use $QUARRY_SLURM_DIR/slurm.conf by themselves when SLURM_CONF is unset.
#
# Missing binaries are installed with apt-get (root, or sudo without a password). `start` waits until
# `redis-cli ping` answers and `sinfo` shows the node idle, and is idempotent; `stop` cancels what is left
# in the queue and stops every daemon this script started. Job ids survive a stop/start (slurmctld keeps
# its state), so an old handle never names a new job. `status` exits 1 when a named service is not running.
# Runs of this script are serialised by a lock file.
set -euo pipefail

SERVICES_DIR=${QUARRY_SERVICES_DIR:-/tmp/quarry-services}
SLURM_DIR=${QUARRY_SLURM_DIR:-/tmp/quarry-slurm}
REDIS_PORT=${QUARRY_REDIS_PORT:-6379}
WAIT_SECONDS=${QUARRY_SERVICES_TIMEOUT:-60}
export SLURM_CONF=$SLURM_DIR/slurm.conf
export PATH=$PATH:/usr/sbin:/sbin

say() { echo "services: $*"; }
die() { echo "services: error: $*" >&2; exit 1; }

# ---- helpers ------------------------------------------------------------------------------------------

# alive PIDFILE NAME: the process in PIDFILE runs and its command name is NAME (a reused pid does not count).
alive() {
  local pid
  [ -s "$1" ] || return 1
  pid=$(tr -dc 0-9 < "$1")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$2" ] \
    && ! grep -q '^[0-9]* ([^)]*) Z' "/proc/$pid/stat" 2>/dev/null   # a zombie is not alive
}

# gone PID: no such process, or only its zombie (a container's PID 1 may never reap it).
gone() { ! kill -0 "$1" 2>/dev/null || grep -q '^[0-9]* ([^)]*) Z' "/proc/$1/stat" 2>/dev/null; }

# stop_pid PIDFILE NAME: SIGTERM, up to 10 s, then SIGKILL.
stop_pid() {
  alive "$1" "$2" || return 0
  local pid; pid=$(tr -dc 0-9 < "$1")
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 100); do alive "$1" "$2" || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}

# install_missing PACKAGE BINARY...: apt-get installs PACKAGE when one of the binaries is not on PATH.
install_missing() {
  local pkg=$1; shift
  local bin missing=0
  for bin in "$@"; do command -v "$bin" >/dev/null 2>&1 || missing=1; done
  [ "$missing" = 1 ] || return 0
  local sudo=()
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null || die "$pkg is not installed and this user cannot run apt-get; install it: sudo apt-get install -y $pkg"
    sudo=(sudo -n)
  fi
  say "installing $pkg with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  # packages must not start their own daemons (Debian's policy-rc.d convention): this script starts
  # what it needs, and `stop` can then stop everything that runs
  local policy=/usr/sbin/policy-rc.d placed=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null && "${sudo[@]}" chmod +x "$policy" && placed=1
  fi
  local ok=0
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "$pkg" >"$SERVICES_DIR/apt.log" 2>&1 || {
    "${sudo[@]}" apt-get update -qq >>"$SERVICES_DIR/apt.log" 2>&1
    "${sudo[@]}" apt-get install -y -qq --no-install-recommends "$pkg" >>"$SERVICES_DIR/apt.log" 2>&1
  } && ok=1
  [ "$placed" = 0 ] || "${sudo[@]}" rm -f "$policy"
  [ "$ok" = 1 ] || die "apt-get install $pkg failed; see $SERVICES_DIR/apt.log"
}

# wait_for SECONDS WHAT COMMAND...: retries COMMAND every 0.2 s until it succeeds or SECONDS pass.
wait_for() {
  local seconds=$1 what=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.2
  done
}

# ---- redis --------------------------------------------------------------------------------------------

redis_up() { [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]; }

redis_start() {
  install_missing redis-server redis-server redis-cli
  if redis_up; then say "redis already answers on 127.0.0.1:$REDIS_PORT"; return 0; fi
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes --save '' --appendonly no \
    --dir "$SERVICES_DIR" --pidfile "$SERVICES_DIR/redis.pid" --logfile "$SERVICES_DIR/redis.log" \
    9>&- || die "redis-server did not start; see $SERVICES_DIR/redis.log"
  wait_for "$WAIT_SECONDS" redis redis_up \
    || die "redis does not answer on 127.0.0.1:$REDIS_PORT after ${WAIT_SECONDS}s; see $SERVICES_DIR/redis.log"
  say "redis running on 127.0.0.1:$REDIS_PORT (pid $(cat "$SERVICES_DIR/redis.pid"))"
}

redis_stop() {
  if alive "$SERVICES_DIR/redis.pid" redis-server; then
    local pid; pid=$(tr -dc 0-9 < "$SERVICES_DIR/redis.pid")
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
    wait_for 10 redis-exit gone "$pid" || kill -KILL "$pid" 2>/dev/null || true
    say "redis stopped"
  elif redis_up; then
    say "redis on 127.0.0.1:$REDIS_PORT was not started by this script; left running"
  fi
  rm -f "$SERVICES_DIR/redis.pid"
}

redis_status() {
  if redis_up; then say "redis: running on 127.0.0.1:$REDIS_PORT"; else say "redis: stopped"; return 1; fi
}

# ---- slurm --------------------------------------------------------------------------------------------

D=$SLURM_DIR
node_state() { sinfo -h -N -o %t 2>/dev/null | head -n1; }
# node_ready [SINCE]: the node takes jobs ("idle*" = not responding); with SINCE, slurmd registered at or after that
# epoch second (right after a restart, sinfo shows the state slurmctld saved, before slurmd has answered).
node_ready() {
  case "$(node_state)" in idle|mix|mixed|alloc|allocated|comp|completing) ;; *) return 1 ;; esac
  [ -z "${1:-}" ] && return 0
  local started
  started=$(scontrol -o show node "$(hostname -s)" 2>/dev/null | grep -o 'SlurmdStartTime=[^ ]*' | cut -d= -f2)
  [ -n "$started" ] && [ "$started" != None ] && [ "$(date -d "$started" +%s)" -ge "$1" ]
}

write_slurm_conf() {
  local host user cpus mem
  host=$(hostname -s); user=$(id -un); cpus=$(nproc)
  # 90 % of this machine's memory, so slurmd never reports less than the config claims (that drains the node).
  mem=$(awk '/^MemTotal:/ { printf "%d", $2 / 1024 * 0.9 }' /proc/meminfo)
  cat > "$D/slurm.conf.new" <<EOF
# Written by quarry's scripts/services.sh: a single-node cluster for tests and local scans.
ClusterName=quarry
SlurmctldHost=$host
SlurmctldPort=6917
SlurmdPort=6918
SlurmUser=$user
SlurmdUser=$user
AuthType=auth/munge
AuthInfo=socket=$D/msock/munge.socket.2
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
DefMemPerCPU=$((mem / cpus))
StateSaveLocation=$D/state
SlurmdSpoolDir=$D/spool
SlurmctldPidFile=$D/run/slurmctld.pid
SlurmdPidFile=$D/run/slurmd.pid
SlurmctldLogFile=$D/log/slurmctld.log
SlurmdLogFile=$D/log/slurmd.log
JobCompType=jobcomp/filetxt
JobCompLoc=$D/log/jobcomp.log
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
MpiDefault=none
ReturnToService=2
MinJobAge=3600
KillWait=5
NodeName=$host CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
  mv "$D/slurm.conf.new" "$D/slurm.conf"
}

munge_start() {
  alive "$D/munge/munged.pid" munged && return 0
  [ -s "$D/munge/munge.key" ] || mungekey -c -k "$D/munge/munge.key"
  if [ "$(id -u)" = 0 ]; then
    chown -R munge:munge "$D/munge" "$D/msock"
  fi
  chmod 700 "$D/munge"; chmod 755 "$D/msock"; chmod 400 "$D/munge/munge.key"
  local munged=(/usr/sbin/munged --socket="$D/msock/munge.socket.2" --key-file="$D/munge/munge.key"
    --pid-file="$D/munge/munged.pid" --log-file="$D/munge/munged.log" --seed-file="$D/munge/munged.seed")
  if [ "$(id -u)" = 0 ]; then runuser -u munge -- "${munged[@]}" 9>&-; else "${munged[@]}" 9>&-; fi \
    || die "munged did not start; see $D/munge/munged.log"
}

slurm_start() {
  install_missing munge munged mungekey
  install_missing slurm-wlm slurmctld slurmd sbatch sinfo squeue scontrol scancel
  mkdir -p "$D"/{state,spool,log,run,munge,msock}
  munge_start
  if ! alive "$D/run/slurmctld.pid" slurmctld; then
    write_slurm_conf
    # Keep the saved state (job ids keep counting); fall back to a cold start when that state is unreadable.
    slurmctld 9>&- || slurmctld -c 9>&- || die "slurmctld did not start; see $D/log/slurmctld.log"
  fi
  local since=''
  if ! alive "$D/run/slurmd.pid" slurmd; then
    since=$(( $(date +%s) - 1 ))
    slurmd 9>&- || die "slurmd did not start; see $D/log/slurmd.log"
  fi
  if ! wait_for "$WAIT_SECONDS" slurm node_ready "$since"; then
    # A node that came back from an unclean stop can stay down; resume it once before giving up.
    scontrol update nodename="$(hostname -s)" state=resume >/dev/null 2>&1 || true
    wait_for 10 slurm node_ready "$since" || die "the Slurm node is not idle after ${WAIT_SECONDS}s (state: $(node_state || echo unknown)); see $D/log/slurmctld.log and $D/log/slurmd.log"
  fi
  say "slurm running: node $(hostname -s), $(nproc) CPUs, partition debug, SLURM_CONF=$SLURM_CONF"
}

slurm_stop() {
  if alive "$D/run/slurmctld.pid" slurmctld; then
    local pid; pid=$(tr -dc 0-9 < "$D/run/slurmctld.pid")
    # Jobs left in the queue would keep running under slurmstepd after the daemons stop.
    local ids; ids=$(squeue -h -o %A 2>/dev/null | sort -u | tr '\n' ' ')
    if [ -n "${ids// /}" ]; then
      # shellcheck disable=SC2086
      scancel $ids >/dev/null 2>&1 || true
      wait_for 15 slurm-drain bash -c '[ -z "$(squeue -h -o %A 2>/dev/null)" ]' || true
    fi
    scontrol shutdown >/dev/null 2>&1 || true
    wait_for 15 slurm-exit gone "$pid" || true
  fi
  stop_pid "$D/run/slurmctld.pid" slurmctld
  stop_pid "$D/run/slurmd.pid" slurmd
  stop_pid "$D/munge/munged.pid" munged
  say "slurm stopped"
}

slurm_status() {
  if alive "$D/run/slurmctld.pid" slurmctld && alive "$D/run/slurmd.pid" slurmd && node_ready; then
    say "slurm: running, node $(hostname -s) $(node_state), SLURM_CONF=$SLURM_CONF"
  else
    say "slurm: stopped"; return 1
  fi
}

# ---- main ---------------------------------------------------------------------------------------------

action=${1:-}
shift || true
case "$action" in start|stop|status) ;; *) die "usage: scripts/services.sh start|stop|status [redis] [slurm]" ;; esac
services=("$@")
[ ${#services[@]} -gt 0 ] || services=(redis slurm)
for s in "${services[@]}"; do
  case "$s" in redis|slurm) ;; *) die "unknown service '$s'; use redis and/or slurm" ;; esac
done

mkdir -p "$SERVICES_DIR"
exec 9>"$SERVICES_DIR/lock"
flock -w 120 9 || die "another scripts/services.sh holds $SERVICES_DIR/lock"

rc=0
for s in "${services[@]}"; do "${s}_${action}" || rc=$?; done
exit "$rc"
