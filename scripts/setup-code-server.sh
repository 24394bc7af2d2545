#!/usr/bin/env bash
# Installs what the extension-host and UI tests need, offline-friendly (npm registry + Debian apt only):
#   - Debian packages: Chromium (the browser playwright-core drives), ripgrep, and the headers the
#     native modules of VS Code are rebuilt against;
#   - code-server 4.100.3 (VS Code 1.100.3; the last line that runs on Node 20) into a cache dir.
# See docs/host-tests.md for why each step is there.
#
# Idempotent and cached: a complete install leaves a stamp file, and a second run only checks it
# (a few seconds). Usage:
#   bash scripts/setup-code-server.sh            # installs into $REPO/.cache/code-server
#   CODE_SERVER_DIR=/some/dir bash scripts/setup-code-server.sh
# Prints the code-server version as its last line.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${CODE_SERVER_DIR:-$REPO/.cache/code-server}"
STAMP="$DIR/.setup-complete"
# Bump when the steps below change, so caches made by an older version of this script are redone.
RECIPE=1
STAMP_TEXT="code-server@$CODE_SERVER_VERSION recipe=$RECIPE node=$(node -p 'process.versions.modules')"

log() { printf '[setup-code-server] %s\n' "$*" >&2; }

# --- 1. Debian packages, only those missing -------------------------------------------------------
APT_PACKAGES=(libkrb5-dev libsecret-1-dev libx11-dev libxkbfile-dev ripgrep chromium
  # to rebuild native modules on a bare machine (node-gyp); usually already there
  build-essential python3 pkg-config
  # readable text in screenshots (part of the base image here; cheap insurance elsewhere)
  fonts-dejavu-core)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  # python3 may come from elsewhere (pyenv); only the interpreter matters to node-gyp
  if [ "$p" = python3 ] && command -v python3 >/dev/null 2>&1; then continue; fi
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { log "need root (or sudo) to install: ${missing[*]}"; exit 1; }
    SUDO=sudo
  fi
  log "apt-get install ${missing[*]}"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- 2. code-server, cached -----------------------------------------------------------------------
CS="$DIR/node_modules/.bin/code-server"
mkdir -p "$DIR"
# One installer at a time per cache dir (parallel CI jobs, or a developer running two scripts).
exec 9>"$DIR.lock"
flock 9

if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$STAMP_TEXT" ] && [ -x "$CS" ]; then
  log "cached in $DIR"
else
  log "installing code-server $CODE_SERVER_VERSION into $DIR (first run: a few minutes)"
  # A partial or outdated install is thrown away rather than patched.
  find "$DIR" -mindepth 1 -maxdepth 1 -exec rm -rf {} +
  export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
  npm install --prefix "$DIR" --ignore-scripts --no-audit --no-fund --loglevel=error \
    "code-server@$CODE_SERVER_VERSION" >&2
  (
    cd "$DIR/node_modules/code-server/lib/vscode"
    npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error >&2
    # @vscode/ripgrep's postinstall downloads a binary from GitHub: use Debian's instead.
    mkdir -p node_modules/@vscode/ripgrep/bin
    cp /usr/bin/rg node_modules/@vscode/ripgrep/bin/rg
    # Native modules built from source (npm_config_yes lets node-pty's script run npx node-gyp).
    npm_config_yes=true npm rebuild --loglevel=error \
      node-pty @parcel/watcher @vscode/spdlog kerberos native-watchdog @vscode/deviceid >&2
    ln -sfn node_modules node_modules.asar
    (cd extensions && npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
  )
  (cd "$DIR" && npm_config_yes=true npm rebuild --loglevel=error argon2 >&2)
  "$CS" --version >/dev/null
  printf '%s' "$STAMP_TEXT" >"$STAMP"
  log "done"
fi

"$CS" --version | head -n 1
