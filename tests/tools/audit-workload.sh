#!/bin/bash
# Generates a small real audit log on this machine: loads a few audit rules keyed gb_logtest_*, runs a mixed workload
# (Go binaries, denied opens, connects, binds, writes under a watched directory), deletes exactly those rules and
# copies the part of the live log written meanwhile to $1.
# Live rules are shared by everyone on the machine: the caller holds /tmp/gobaseline-audit.lock (flock) around this.
set -u
out=${1:?usage: audit-workload.sh OUTPUT_LOG}
log=$(awk -F= '/^[[:space:]]*log_file[[:space:]]*=/ { gsub(/[[:space:]]/, "", $2); print $2 }' /etc/audit/auditd.conf)
log=${log:-/var/log/audit/audit.log}
if ! pgrep -x auditd >/dev/null; then /usr/sbin/auditd; sleep 0.5; fi
watch=$(mktemp -d /tmp/gb_logtest_watch.XXXXXX)
chmod 0777 "$watch"
gobin=$(command -v go || echo /usr/lib/go-1.19/bin/go)
rules=(
  "-a always,exit -F arch=b64 -S execve -F key=gb_logtest_exec"
  "-a always,exit -F arch=b32 -S execve -F key=gb_logtest_exec"
  "-a always,exit -F arch=b64 -S open,openat -F exit=-EACCES -F key=gb_logtest_denied"
  "-a always,exit -F arch=b64 -S open,openat -F exit=-EPERM -F key=gb_logtest_denied"
  "-a always,exit -F arch=b64 -S connect -F key=gb_logtest_net"
  "-a always,exit -F arch=b64 -S bind -F key=gb_logtest_net"
  "-a always,exit -F arch=b64 -F dir=$watch -F perm=wa -F key=gb_logtest_watch"
)
before=$(stat -c %s "$log")
ino=$(stat -c %i "$log")
loaded=()
for r in "${rules[@]}"; do
  # shellcheck disable=SC2086
  if auditctl $r >/dev/null; then loaded+=("$r"); fi
done
cleanup() {
  for r in "${loaded[@]}"; do
    d=${r/-a always,exit/-d always,exit}
    # shellcheck disable=SC2086
    auditctl $d >/dev/null 2>&1
  done
  rm -rf "$watch"
}
trap cleanup EXIT
# The workload: Go binaries, denied opens as nobody, TCP/UDP/unix connects, netlink bind, writes under the watch.
"$gobin" version >/dev/null 2>&1
"$gobin" env GOPROXY >/dev/null 2>&1
/usr/lib/go-1.19/bin/gofmt -l "$watch" >/dev/null 2>&1
for i in 1 2 3; do
  setpriv --reuid=65534 --regid=65534 --clear-groups cat /etc/shadow >/dev/null 2>&1
  setpriv --reuid=65534 --regid=65534 --clear-groups ls /root >/dev/null 2>&1
done
setpriv --reuid=65534 --regid=65534 --clear-groups sh -c 'echo x > /etc/gb_logtest_denied' >/dev/null 2>&1
bash -c 'echo > /dev/tcp/127.0.0.1/9' >/dev/null 2>&1
bash -c 'echo > /dev/tcp/::1/9' >/dev/null 2>&1
bash -c 'echo > /dev/udp/127.0.0.1/9' >/dev/null 2>&1
python3 -c 'import socket; s=socket.socket(socket.AF_UNIX); s.connect("/nonexistent/gb.sock")' >/dev/null 2>&1
ip link show lo >/dev/null 2>&1
echo 'GOPROXY=https://proxy.golang.org,direct' > "$watch/go.env"
echo 'GOFLAGS=-mod=readonly' >> "$watch/go.env"
chmod 0644 "$watch/go.env"
mv "$watch/go.env" "$watch/go.env.new"
printf 'x\n' > "$watch/file with space"
setpriv --reuid=65534 --regid=65534 --clear-groups sh -c "echo y > '$watch/by-nobody'" >/dev/null 2>&1
rm -f "$watch"/*
"$gobin" version >/dev/null 2>&1
sleep 1.5
cleanup
trap - EXIT
sleep 0.5
if [ "$(stat -c %i "$log")" != "$ino" ]; then echo "audit log rotated during the workload" >&2; exit 3; fi
tail -c +$((before + 1)) "$log" > "$out"
