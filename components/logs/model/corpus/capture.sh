#!/usr/bin/env bash
# Re-records the real-tool corpus: each command runs under a pseudo-terminal (util-linux `script`)
# with colour forced, and the bytes the terminal would receive are saved as-is. Needs root (apt),
# a Docker engine with slipway/test:latest, git, npm and python3. Run from anywhere:
#   bash components/logs/model/corpus/capture.sh
# The files are committed; re-recording changes them, and the oracle tests still must pass.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

record() { # record NAME COMMAND — 24 rows like a default terminal, 120 columns
  local name="$1" cmd="$2"
  TERM=xterm-256color FORCE_COLOR=1 CLICOLOR_FORCE=1 COLUMNS=120 LINES=24 \
    script -qfec "stty rows 24 cols 120; $cmd" /dev/null >"$here/$name" </dev/null || true
  head -c 290000 "$here/$name" >"$work/cut" && mv "$work/cut" "$here/$name"
  printf '%-28s %8d bytes\n' "$name" "$(wc -c <"$here/$name")"
}

# apt: download progress (CR-updated), and `apt install` with its fancy progress bar, which reserves
# the bottom row with a scroll region (DECSTBM), saves/restores the cursor and repaints it.
record apt-get-download.log "cd $work && apt-get download -o Debug::NoLocking=1 hello sl cowsay"
record apt-install.log "apt install -y --reinstall -o Dpkg::Progress-Fancy=1 -o APT::Color=1 hello sl cowsay"

# git: clone progress over file:// (counting/compressing/receiving lines rewritten with CR).
git init -q "$work/repo"
for i in $(seq 1 400); do head -c 3000 /dev/urandom | base64 >"$work/repo/file-$i.txt"; done
git -C "$work/repo" add -A && git -C "$work/repo" -c user.name=t -c user.email=t@t commit -qm one
record git-clone.log "git clone --progress file://$work/repo $work/clone"
record git-log-graph.log "git --no-pager -C $(cd "$here" && git rev-parse --show-toplevel) log --graph --decorate --color=always -n 60 --stat"

# npm: install from the registry with progress and colour.
mkdir -p "$work/npm" && echo '{"name":"corpus","version":"1.0.0"}' >"$work/npm/package.json"
record npm-install.log "cd $work/npm && npm install --no-fund --no-audit --progress=true --color=always --loglevel=http is-odd chalk@4 left-pad"

# docker: the legacy builder (BuildKit off) building a tiny image whose steps print colour and progress.
mkdir -p "$work/docker"
cat >"$work/docker/Dockerfile" <<'DOCKERFILE'
FROM slipway/test:latest
RUN printf '\033[1;32mbuilding\033[0m step \033[38;5;208morange\033[0m \033[38;2;10;200;250mtruecolor\033[0m\n'
RUN for i in 1 2 3 4 5 6 7 8 9 10; do printf '\rprogress %3d%% [%-10s]' $((i*10)) "$(printf '%*s' $i '' | tr ' ' '#')"; done; printf '\n'
RUN echo 'to stderr' >&2 && echo done > /done.txt
DOCKERFILE
record docker-build.log "DOCKER_BUILDKIT=0 docker build --no-cache -t slipway/corpus-tmp:latest $work/docker && docker rmi slipway/corpus-tmp:latest"

# A multi-line progress display redrawn with cursor-up, like docker pull, cargo or buildkit.
record multi-progress.log "python3 $here/multi-progress.py"

# ls with colours, and grep highlighting.
record ls-color.log "ls -la --color=always /usr/bin | head -120"
record grep-color.log "grep -rn --color=always -E 'cursor|erase' $here/../*.ts | head -80"
