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

# shellcheck disable=SC2086  # the package list is meant to split
sh "$(dirname "$0")/apt_install.sh" 浏览器测试 $missing
