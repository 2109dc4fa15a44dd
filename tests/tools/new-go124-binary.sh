#!/bin/sh
# Usage: new-go124-binary.sh OUT
# Builds a tiny static Go program with golang-1.19 (the only Go Debian 12 serves) and rewrites the Go version in its
# build info to go1.24.N of the same length, so the varint framing stays valid: a stand-in for a Go 1.24 service
# binary, which reads GODEBUG=fips140. `go version` must then report the new version, or this fails.
set -eu
out=$1
go=/usr/lib/go-1.19/bin/go
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf 'module example.com/svc\n\ngo 1.19\n' > "$work/go.mod"
printf 'package main\n\nfunc main() {}\n' > "$work/main.go"
(cd "$work" && env HOME="$work" GOCACHE="$work/cache" GOPATH="$work/gopath" GOPROXY=off GOFLAGS= CGO_ENABLED=0 "$go" build -o "$out" .)
v=$("$go" env GOVERSION)
n=$(( ${#v} - 7 ))
new="go1.24.$(printf "%${n}s" '' | tr ' ' 4)"
V="$v" NEW="$new" perl -0777 -pi -e 's/\Q$ENV{V}\E/$ENV{NEW}/g' "$out"
"$go" version "$out" | grep -q ": $new\$"
