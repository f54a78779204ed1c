#!/usr/bin/env bash
# Try `qfix review` in a real terminal under tmux, scripted: open an example, press keys,
# and print what the screen shows after each step. Needs tmux, and a Python with qfix and
# its tui and translate extras (the README's second set-up command installs them): $PYTHON,
# else ./.venv/bin/python if there is one, else python3 on the PATH. Usage:
#   scripts/try_review.sh [FILE] [--bidi app|terminal]      (default: the seed article)
#   KEEP=1 scripts/try_review.sh   leaves the tmux session open: tmux attach -t qfix-try
# A tiny random-weight model is made once in $TMPDIR (its English is random tokens,
# which is enough to see the layout); set QFIX_MODEL to a real model directory instead.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
if [ -n "${PYTHON:-}" ]; then
    PY=$PYTHON
elif [ -x "$ROOT/.venv/bin/python" ]; then
    PY=$ROOT/.venv/bin/python
else
    PY=$(command -v python3 || command -v python || true)
fi
if [ -z "$PY" ] || ! "$PY" -c "import qfix.tui.app, transformers" >/dev/null 2>&1; then
    echo "try_review.sh: needs a Python with qfix and its tui and translate extras (${PY:-no python found});" \
         "install them with: pip install torch==2.13.0 && pip install -e '.[tui,translate]'" \
         "(or set PYTHON=/path/to/python)" >&2
    exit 2
fi
if ! command -v tmux >/dev/null; then
    echo "try_review.sh: needs tmux" >&2
    exit 2
fi
SRC=${1:-seeds/000_3c03ad3dcec7cf78.txt}
shift || true
WORK=$(mktemp -d "${TMPDIR:-/tmp}/qfix-try.XXXXXX")
cp "$SRC" "$WORK/article.txt"
MODEL=${QFIX_MODEL:-${TMPDIR:-/tmp}/qfix-tiny-model}
if [ ! -f "$MODEL/config.json" ]; then
    "$PY" -m qfix models make-tiny --force "$MODEL" >/dev/null
fi
SESSION=qfix-try
tmux kill-session -t "$SESSION" 2>/dev/null || true
tmux new-session -d -s "$SESSION" -x 170 -y 45 \
    "cd '$WORK' && QFIX_CACHE_DIR='$WORK/cache' HF_HUB_OFFLINE=1 '$PY' -m qfix review article.txt --model '$MODEL' $*; sleep 30"
show() {  # wait, then print the screen with a heading
    sleep "${2:-1}"
    echo "=============== $1"
    tmux capture-pane -p -t "$SESSION"
}
show "opened (model loading, then English)" 4
tmux send-keys -t "$SESSION" r;  show "r: rejected the focused repair, moved to the next issue"
tmux send-keys -t "$SESSION" a;  show "a: accepted"
tmux send-keys -t "$SESSION" u;  show "u: undo"
tmux send-keys -t "$SESSION" n n; show "n n: two issues on"
tmux send-keys -t "$SESSION" Down; show "Down: the next paragraph (the list's cursor follows)"
tmux send-keys -t "$SESSION" b;  show "b: bidi mode terminal (logical order passed through)"
tmux send-keys -t "$SESSION" b;  show "b: back to app mode"
tmux send-keys -t "$SESSION" i;  show "i: issues only"
tmux send-keys -t "$SESSION" F1; show "F1: help"
tmux send-keys -t "$SESSION" Escape; sleep 1
tmux send-keys -t "$SESSION" x; show "x: export (files beside the input)" 2
tmux send-keys -t "$SESSION" q;  sleep 1
echo "=============== after quit: files in $WORK"
ls -1 "$WORK"
echo "--- session"; head -c 600 "$WORK/article.txt.qfix.session.json"; echo
if [ -z "${KEEP:-}" ]; then tmux kill-session -t "$SESSION" 2>/dev/null || true; fi
