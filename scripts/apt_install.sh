#!/bin/sh
# Install Debian packages for the test suite: scripts/apt_install.sh WHAT-FOR PACKAGE...
# Needs root; otherwise says in Chinese what to install and fails.
set -eu
purpose=$1
shift
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "${purpose}需要 Debian 的软件包：$*。请以 root 运行 make test，或手动 apt-get install $*。" >&2
    exit 1
fi
echo "安装${purpose}所需的软件包：$*"
export DEBIAN_FRONTEND=noninteractive
# Wait for another apt run (a parallel install) instead of failing on its lock.
apt-get -o DPkg::Lock::Timeout=300 update -qq
apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "$@" >/dev/null
