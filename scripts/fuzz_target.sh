#!/bin/sh
# The executable of a fuzz target, by its corpus directory name
# (Tests/FuzzCorpus/<name>/): `scripts/fuzz_target.sh wal` prints FuzzWAL.
case "$1" in
  dataset) echo FuzzDataset ;;
  wal) echo FuzzWAL ;;
  sectioned-file) echo FuzzSectionedFile ;;
  worker-protocol) echo FuzzWorkerProtocol ;;
  workload) echo FuzzWorkload ;;
  results) echo FuzzResults ;;
  *) echo "unknown fuzz target '$1' (dataset, wal, sectioned-file, worker-protocol, workload, results)" >&2; exit 2 ;;
esac
