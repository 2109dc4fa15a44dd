# Replicates a real audit log into a big one for the benchmark: copy c of the sample gets its timestamps moved by
# c * step seconds, its serials by c * 100000, its pids and ppids by c * 4096 (pids increase over time on a real host),
# and the watched directory renamed per copy (real hosts touch ever new files). Usage:
#   awk -v copies=N -v step=S -f New-AuditBenchLog.awk sample.log > big.log
{ lines[n++] = $0 }
END {
    for (c = 0; c < copies; c++) {
        for (i = 0; i < n; i++) {
            l = lines[i]
            p = index(l, "msg=audit(")
            if (p == 0) { print l; continue }
            rest = substr(l, p + 10)
            q = index(rest, ")")
            stamp = substr(rest, 1, q - 1)
            split(stamp, a, ":"); split(a[1], t, ".")
            body = substr(rest, q)
            if (c > 0) {
                gsub(/gb_logtest_watch\.[A-Za-z0-9]+/, "&" c, body)
                out = ""
                while (match(body, / p?pid=[0-9]+/)) {
                    eq = index(substr(body, RSTART, RLENGTH), "=")
                    num = substr(body, RSTART + eq, RLENGTH - eq) + c * 4096
                    out = out substr(body, 1, RSTART + eq - 1) num
                    body = substr(body, RSTART + RLENGTH)
                }
                body = out body
            }
            printf "%s%d.%s:%d%s\n", substr(l, 1, p + 9), t[1] + c * step, t[2], a[2] + c * 100000, body
        }
    }
}
