#!/usr/bin/env bash
# Throughput, latency and baselines of the streaming job: see bench/README.md.
# Usage: bench/streaming.sh [--window=SECONDS] [--warmup=SECONDS] [--tuning]
exec "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)/run.sh" bench streaming "$@"
