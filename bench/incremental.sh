#!/usr/bin/env bash
# Cost of an incremental run against days of history: see bench/README.md.
# Usage: bench/incremental.sh [HISTORY_DAYS...] [--events-per-day=N]   (default: 1 30, 20000)
exec "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)/run.sh" bench incremental "$@"
