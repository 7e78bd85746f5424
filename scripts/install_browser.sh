#!/bin/sh
# Debian's chromium and a CJK font for the browser tests (Playwright's own browser download
# does not work here). Idempotent and quiet: does nothing when both are installed.
# Without the font every Chinese character in a screenshot is a box.
set -eu

missing=""
[ -x /usr/bin/chromium ] || missing="chromium"
[ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || ls /usr/share/fonts/opentype/noto/NotoSansCJK-* >/dev/null 2>&1 \
    || missing="$missing fonts-wqy-microhei"
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "浏览器测试需要 Debian 的软件包：$missing。请以 root 运行 scripts/install_browser.sh，或手动 apt-get install $missing。" >&2
    exit 1
fi
echo "安装浏览器测试所需的软件包：$missing"
export DEBIAN_FRONTEND=noninteractive
# Wait for another apt run (a parallel install) instead of failing on its lock.
apt-get -o DPkg::Lock::Timeout=300 update -qq
# shellcheck disable=SC2086  # the package list is meant to split
apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends $missing >/dev/null
