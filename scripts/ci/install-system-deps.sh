#!/usr/bin/env bash
# Installs the Debian packages the system tests need (scripts/ci/debian-packages.txt).
set -euo pipefail
cd "$(dirname "$0")/../.."
mapfile -t packages < <(grep -v '^\s*#' scripts/ci/debian-packages.txt | grep -v '^\s*$')
[ "${#packages[@]}" -gt 0 ] || exit 0
export DEBIAN_FRONTEND=noninteractive
apt-get -o DPkg::Lock::Timeout=900 update -qq
apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
