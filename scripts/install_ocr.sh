#!/bin/sh
# Tesseract and its simplified-Chinese model, to read scanned letters (archive/ocr/). Run by `make run` and
# `make test`. Idempotent and quiet: does nothing when both are installed. Without root it says what to
# install and succeeds: the site runs, the upload page says scans cannot be read until Tesseract is installed,
# and the OCR tests skip saying why.
set -eu

command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx chi_sim && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "识别扫描件需要 Tesseract 及其简体中文模型：请以 root 运行 sh $0，" \
        "或手动 apt-get install tesseract-ocr tesseract-ocr-chi-sim。在此之前，上传页面会说明扫描件暂时无法识别。" >&2
    exit 0
fi
sh "$(dirname "$0")/apt_install.sh" "识别扫描件" tesseract-ocr tesseract-ocr-chi-sim
