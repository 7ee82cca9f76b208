"""The least a reader of every value must do: decode every column of every table of
a dataset directory into Arrow arrays with pyarrow's C++ reader, nothing checked and
nothing kept, on the same number of threads as the crate's runs.

    .venv/bin/python peers/pyarrow/decode.py --dir /tmp/nation --runs 3

Prints, for each table file, its rows, the bytes of its decoded Arrow arrays and
the best time of `--runs` reads; then the best time of reading every file one after
the other (`decode_all_s=`). Partitioned directories (`province=…/`) are read file
by file as well.
"""

import argparse
import glob
import os
import time

import pyarrow as pa
import pyarrow.parquet as pq


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", required=True, help="a dataset directory")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    pa.set_cpu_count(args.threads)
    pa.set_io_thread_count(args.threads)
    files = sorted(glob.glob(os.path.join(args.dir, "**", "*.parquet"), recursive=True))
    if not files:
        raise SystemExit(f"no Parquet files under {args.dir}")

    def read(path: str) -> tuple[int, int]:
        table = pq.read_table(path, use_threads=True)
        return table.num_rows, table.nbytes

    runs = max(args.runs, 1)
    # Each run's seconds a table name (the partitions of one table summed), and each
    # table's rows and Arrow bytes over its partitions.
    seconds: list[dict[str, float]] = []
    sizes: dict[str, tuple[int, int]] = {}
    totals = []
    for run in range(runs):
        this_run: dict[str, float] = {}
        start_all = time.perf_counter()
        for path in files:
            start = time.perf_counter()
            rows, nbytes = read(path)
            name = os.path.basename(path)
            this_run[name] = this_run.get(name, 0.0) + time.perf_counter() - start
            if run == 0:
                old_rows, old_bytes = sizes.get(name, (0, 0))
                sizes[name] = (old_rows + rows, old_bytes + nbytes)
        totals.append(time.perf_counter() - start_all)
        seconds.append(this_run)
    for name in sorted(sizes):
        rows, nbytes = sizes[name]
        best = min(r[name] for r in seconds)
        print(f"table={name} rows={rows} arrow_bytes={nbytes} best_s={best:.3f}")
    print(f"files={len(files)}")
    print("runs_s=" + " ".join(f"{t:.3f}" for t in totals))
    print(f"decode_all_s={min(totals):.3f}")


if __name__ == "__main__":
    main()
