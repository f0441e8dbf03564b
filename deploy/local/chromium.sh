#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium, the browser the browser tests (jest project
# `browser`) drive through playwright-core: Playwright's own browser download is never used. Installs
# the `chromium` package, non-interactively, when it is missing (as root, or through sudo).
set -euo pipefail
browser=/usr/bin/chromium

[[ -x $browser ]] && exit 0
command -v apt-get >/dev/null || {
  echo "chromium: $browser is missing and this machine has no apt-get; install Chromium there yourself" >&2
  exit 1
}
as_root=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || {
    echo "chromium: $browser is missing; run as root (or with sudo): apt-get install -y chromium" >&2
    exit 1
  }
  as_root=(sudo)
fi
echo "chromium: installing Debian's chromium package (apt-get install -y chromium)"
export DEBIAN_FRONTEND=noninteractive
if ! "${as_root[@]}" apt-get install -y --no-install-recommends chromium; then
  "${as_root[@]}" apt-get update -q && "${as_root[@]}" apt-get install -y --no-install-recommends chromium || {
    echo "chromium: apt-get install chromium failed (see above); the browser tests need $browser" >&2
    exit 1
  }
fi
[[ -x $browser ]] || {
  echo "chromium: the chromium package is installed but $browser is not there" >&2
  exit 1
}
echo "chromium: $($browser --version 2>/dev/null || echo installed)"
