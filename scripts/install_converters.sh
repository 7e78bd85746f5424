#!/bin/sh
# LibreOffice's Writer, without its desktop, to read .doc and .wps uploads (archive/extract/converters.py).
# Run by `make run` and `make test`. Idempotent and quiet: does nothing when soffice is installed. Without
# root it says what to install and succeeds: the site runs without those two formats, the upload page says
# they cannot be read until LibreOffice is installed, and their tests skip saying why.
set -eu

command -v soffice >/dev/null 2>&1 && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "读取 .doc/.wps 需要 LibreOffice：请以 root 运行 sh $0，或手动 apt-get install libreoffice-writer-nogui。" \
        "在此之前，上传页面会说明这两种格式暂时无法读取。" >&2
    exit 0
fi
sh "$(dirname "$0")/apt_install.sh" "读取 .doc/.wps 文件" libreoffice-writer-nogui
