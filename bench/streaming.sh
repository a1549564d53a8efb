#!/usr/bin/env bash
# The streaming job measured from outside, as users run it (run.sh submit), beside the raw-row
# ceiling of the Java driver on the same Cassandra node: see bench/README.md.
# Usage: bench/streaming.sh [--app-root=DIR] [--label=NAME] [--window=S] [--warmup=S]
#          [--keys=50,5000] [--quick] [--only=capacity,sustained,latency,ceiling,tuning] [--help]
exec "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)/run.sh" bench streaming "$@"
