#!/usr/bin/env bash
# A real single-node Slurm cluster on localhost runs a small sweep as a job array, end to end:
#   iasim sweep slurm -> sbatch --wait (array 0-3%2, 2 tasks packed per element) -> iasim sweep merge,
#   then an element made to fail and the same script resubmitted (only the failed task runs again),
# and the merged file equals a local run's merge byte for byte.
#
# usage: tests/slurm/run_slurm_test.sh [IASIM]      (as root; CTest runs it as "slurm: job array")
# Installs slurm-wlm and munge when missing (apt-get). Everything it starts lives under one /tmp directory:
# its own munge key and socket, slurm.conf with free ports, state/spool/logs; the daemons are stopped by their
# pid files and the directory removed on exit, also on failure or interruption. Exit 77 = skipped (not root,
# or the packages cannot be installed).
set -euo pipefail
IASIM=${1:-${IASIM:?give the iasim binary as \$1 or IASIM}}
IASIM=$(readlink -f "$IASIM")
SOURCE=${IASIM_SOURCE:-$(cd "$(dirname "$0")/../.." && pwd)}

if [[ $(id -u) -ne 0 ]]; then echo "SKIP: the Slurm test starts daemons as root"; exit 77; fi
if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
  echo "installing slurm-wlm munge"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null 2>&1; then
    apt-get update -qq >/dev/null 2>&1 || true
    apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null 2>&1 || { echo "SKIP: cannot install slurm-wlm munge"; exit 77; }
  fi
fi

work=$(mktemp -d /tmp/iasim-slurm-XXXXXX)
stop_daemons() {
  for pidfile in "$work/slurmd.pid" "$work/slurmctld.pid" "$work/munged.pid"; do
    [[ -s $pidfile ]] || continue
    pid=$(cat "$pidfile")
    kill "$pid" 2>/dev/null || continue
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
}
cleanup() {
  rc=$?
  if [[ $rc -ne 0 && $rc -ne 77 ]]; then
    echo "--- failed ($rc); daemon logs:"
    tail -n 30 "$work"/*.log 2>/dev/null || true
  fi
  stop_daemons
  rm -rf "$work"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- munge: a private key and socket, so nothing system-wide is touched -----------------------------------
mkdir -p "$work"/{state,spool,munge,job}
chmod 700 "$work/munge"
dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$work/munge/munge.key"
munged --force --key-file="$work/munge/munge.key" --socket="$work/munge/munge.socket" \
       --pid-file="$work/munged.pid" --log-file="$work/munged.log" --seed-file="$work/munge/seed"

# --- slurm.conf: this host, one node with 2 CPUs, free ports ----------------------------------------------
read -r ctld_port slurmd_port < <(/usr/bin/python3 -c '
import socket
ports = []
socks = []
for _ in range(2):
    s = socket.socket(); s.bind(("", 0)); ports.append(s.getsockname()[1]); socks.append(s)
print(*ports)')
host=$(hostname -s)
export SLURM_CONF=$work/slurm.conf
cat > "$SLURM_CONF" <<CONF
ClusterName=iasimtest
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$work/munge/munge.socket
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
MpiDefault=none
ReturnToService=2
SlurmctldTimeout=30
SlurmdTimeout=30
MinJobAge=300
KillWait=5
NodeName=$host CPUs=2 State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF

slurmctld -i
slurmd
ready=
for _ in $(seq 60); do
  if sinfo -h -o '%T' 2>/dev/null | grep -qE '^(idle|mixed)'; then ready=1; break; fi
  sleep 0.5
done
[[ -n $ready ]] || { echo "the node did not come up"; sinfo 2>&1 || true; exit 1; }
echo "cluster up: $(sinfo -h -o '%P %D %T %c')"

# --- the sweep: 6 points x 1 replicate... -> 4 array elements of 2 tasks, at most 2 at once ----------------
cat > "$work/job/slurmtest.yaml" <<YAML
base: $SOURCE/scenarios/baseline_2015.yaml
design: grid
replicates: 2
seed: 5
set:
  run.horizon_years: 1
  run.population_scale: 0.05
parameters:
  support.subsidy_share: {values: [0.3, 0.7]}
  office.caseload_multiplier: {values: [0.5, 1.0]}
YAML
sweep=$work/job/slurmtest.yaml
script=$("$IASIM" sweep slurm "$sweep" --throttle 2 --tasks-per-element 2 --out-dir "$work/job/array" --time 00:05:00)
grep -q -- '--array=0-3%2' "$script"
t0=$(date +%s)
timeout 240 sbatch --wait --quiet "$script"
echo "job array finished in $(( $(date +%s) - t0 )) s"
n=$(ls "$work/job/array"/task-*.h5 | wc -l)
[[ $n -eq 8 ]] || { echo "expected 8 task files, found $n"; ls -la "$work/job/array"; cat "$work/job/array"/slurm-*.log; exit 1; }
ls "$work/job/array"/slurm-*_3.log >/dev/null  # every element logged
"$IASIM" sweep merge "$sweep" --out-dir "$work/job/array" -o "$work/job/slurm.h5"

"$IASIM" sweep run "$sweep" --out-dir "$work/job/local" -q
"$IASIM" sweep merge "$sweep" --out-dir "$work/job/local" -o "$work/job/local.h5"
cmp "$work/job/slurm.h5" "$work/job/local.h5"
echo "ok: Slurm job array merge == local merge"

# --- an element that fails is re-run by resubmitting the same script; nothing finished is lost or redone -----
retry=$work/job/retry
mkdir -p "$retry/task-000005.h5"   # a directory where task 5's file must go: the element holding it fails
script=$("$IASIM" sweep slurm "$sweep" --throttle 2 --tasks-per-element 2 --out-dir "$retry" --time 00:05:00)
if timeout 240 sbatch --wait --quiet "$script"; then
  echo "the job array reported success although task 5 could not be written"; exit 1
fi
finished() { find "$retry" -maxdepth 1 -type f -name 'task-*.h5' -printf '%f %i %T@\n' | sort; }
before=$(finished)
[[ $(wc -l <<<"$before") -eq 7 ]] || { echo "expected 7 finished tasks after the failure:"; echo "$before"; exit 1; }
rmdir "$retry/task-000005.h5"
job=$(timeout 240 sbatch --wait --parsable "$script")
after=$(finished)
[[ $(wc -l <<<"$after") -eq 8 ]] || { echo "expected 8 task files after the resubmission:"; echo "$after"; exit 1; }
# The 7 finished files are the same files (inode and modification time), and the second array ran one task.
missing=$(comm -23 <(echo "$before") <(echo "$after"))
[[ -z $missing ]] || { echo "finished task files were redone or lost: $missing"; exit 1; }
ran=$(cat "$retry"/slurm-"${job%%;*}"_*.log | sed -nE 's/.* ([0-9]+) ran, ([0-9]+) already done, 0 failed.*/\1/p' | awk '{s += $1} END {print s + 0}')
[[ $ran -eq 1 ]] || { echo "the resubmitted array ran $ran tasks, expected 1:"; cat "$retry"/slurm-"${job%%;*}"_*.log; exit 1; }
"$IASIM" sweep merge "$sweep" --out-dir "$retry" -o "$work/job/retry.h5"
cmp "$work/job/retry.h5" "$work/job/local.h5"
echo "ok: a failed array element is re-run by resubmitting; nothing finished was redone; merge == local merge"
