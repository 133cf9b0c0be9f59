#!/usr/bin/env bash
# Installs Debian packages the build needs (gettext, chromium, postgresql) when a
# step finds them missing. Needs root and apt-get; otherwise says what to install.
set -euo pipefail

if [ "$#" -eq 0 ]; then
    echo "usage: $0 <debian-package...>" >&2
    exit 2
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "apt-install: no apt-get here; install these packages by hand: $*" >&2
    exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "apt-install: not root; run: sudo apt-get install $*" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
echo "apt-install: installing $*" >&2
apt-get update -qq
apt-get install -y -qq "$@" >/dev/null
