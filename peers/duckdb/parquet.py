"""The national roll-up read from the same Parquet dataset directory by DuckDB and by
thidua's figures-only path, each timed from a cold process, and compared unit by unit.

The crate writes the synthetic nation once (`national_rollup --write-parquet DIR`);
then `national_rollup --from DIR --figures-only` and a fresh Python process running
DuckDB (2 threads, `read_parquet`) each compute members, women and LĐTT titles of
the review period for every unit at every level, from the files on disk. Both
results are written to CSV and compared.

    python3 -m venv .venv && .venv/bin/pip install -r peers/duckdb/requirements.txt
    .venv/bin/python peers/duckdb/parquet.py --members 11500000 --dir /tmp/nation
"""

import argparse
import json
import pathlib
import re
import subprocess
import sys
import tempfile
import time

import duckdb

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXAMPLE = [
    "cargo", "run", "--quiet", "--release", "--features", "synthetic,parquet",
    "--example", "national_rollup", "--",
]

# Run in a fresh process: connect, read the files, roll up, write the result.
DUCK = r'''
import sys, time, duckdb
start = time.perf_counter()
dir, day, kind, value, threads, out = sys.argv[1:7]
con = duckdb.connect()
con.execute(f"SET threads = {threads}")
import glob, os
def src(file):
    # A table partitioned by province (hive style) is read from every partition.
    if glob.glob(os.path.join(dir, "province=*", file)):
        return f"read_parquet('{dir}/province=*/{file}', hive_partitioning = true)"
    return f"read_parquet('{dir}/{file}')"
def cols(file):
    return {r[0] for r in con.execute(f"DESCRIBE SELECT * FROM {src(file)}").fetchall()}
ms = cols("memberships.parquet")
holds = ["TRUE"]
if "joined" in ms: holds.append(f"(joined IS NULL OR joined <= '{day}')")
if "left" in ms: holds.append(f"(\"left\" IS NULL OR '{day}' < \"left\")")
dec = cols("decisions.parquet")
revoked = f"AND (\"revoked.date\" IS NULL OR \"revoked.date\" > '{day}')" if "revoked.date" in dec else ""
sql = f"""
WITH RECURSIVE
  units AS (SELECT id, code, parent FROM {src('units.parquet')}),
  kept AS (
    SELECT file_row_number AS decision_row
    FROM read_parquet('{dir}/decisions.parquet', file_row_number = true)
    WHERE "period.kind" = '{kind}' AND "period.value" = '{value}' {revoked}
  ),
  ldtt AS (
    SELECT DISTINCT c."recipient.id" AS member
    FROM read_parquet('{dir}/conferrals.parquet') c JOIN kept k USING (decision_row)
    WHERE c.title = 'ldtt' AND c."recipient.kind" = 'member'
  ),
  stint AS (
    SELECT member, unit FROM {src('memberships.parquet')}
    WHERE {' AND '.join(holds)}
  ),
  own AS (
    SELECT s.unit,
           count(*) AS members,
           sum(CASE WHEN m.gender = 'female' THEN 1 ELSE 0 END) AS women,
           count(l.member) AS ldtt
    FROM stint s
    JOIN {src('members.parquet')} m ON m.id = s.member
    LEFT JOIN ldtt l ON l.member = s.member
    GROUP BY s.unit
  ),
  closure(ancestor, unit) AS (
    SELECT id, id FROM units
    UNION ALL
    SELECT u.parent, c.unit FROM closure c JOIN units u ON u.id = c.ancestor
    WHERE u.parent IS NOT NULL
  )
SELECT u.code,
       coalesce(sum(o.members), 0)::BIGINT AS members,
       coalesce(sum(o.women), 0)::BIGINT AS women,
       coalesce(sum(o.ldtt), 0)::BIGINT AS ldtt
FROM units u
JOIN closure c ON c.ancestor = u.id
LEFT JOIN own o ON o.unit = c.unit
GROUP BY u.code
"""
con.execute(f"COPY ({sql}) TO '{out}' (HEADER, DELIMITER ',')")
print(f"duckdb_inside_s={time.perf_counter() - start:.3f}")
'''


def timed(cmd: list, cwd=None) -> tuple:
    start = time.perf_counter()
    out = subprocess.run(cmd, cwd=cwd, check=True, capture_output=True, text=True).stdout
    return time.perf_counter() - start, out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=None,
                        help="write the synthetic nation of this many members first")
    parser.add_argument("--dir", type=pathlib.Path, required=True,
                        help="the dataset directory (written when --members is given)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3, help="cold runs of each (best kept)")
    args = parser.parse_args()

    if args.members is not None:
        _, text = timed(EXAMPLE + ["--members", str(args.members), "--write-parquet", str(args.dir)], ROOT)
        print(text, end="")
    # Build the example once, so that its timing is the run alone.
    subprocess.run(["cargo", "build", "--quiet", "--release", "--features", "synthetic,parquet",
                    "--example", "national_rollup"], cwd=ROOT, check=True)
    target = subprocess.run(["cargo", "metadata", "--format-version", "1", "--no-deps"], cwd=ROOT,
                            check=True, capture_output=True, text=True).stdout
    binary = pathlib.Path(json.loads(target)["target_directory"]) / "release" / "examples" / "national_rollup"

    manifest = json.loads((args.dir / "manifest.json").read_text())
    meta = manifest["dataset"]["meta"]
    day, period = meta["as_of"], meta["period"]
    work = pathlib.Path(tempfile.mkdtemp(prefix="thidua-peer-"))
    crate_csv, duck_csv = work / "crate.csv", work / "duck.csv"

    crate_runs, duck_runs, crate_inside, duck_inside = [], [], [], []
    for _ in range(args.runs):
        t, out = timed([str(binary), "--from", str(args.dir), "--figures-only", "--totals", str(crate_csv)])
        crate_runs.append(t)
        crate_inside.append(float(re.search(r"total_s=(\S+)", out).group(1)))
        t, out = timed([sys.executable, "-c", DUCK, str(args.dir), day, period["kind"], period["value"],
                        str(args.threads), str(duck_csv)])
        duck_runs.append(t)
        duck_inside.append(float(re.search(r"duckdb_inside_s=(\S+)", out).group(1)))

    con = duckdb.connect()
    cols = "{'code': 'VARCHAR', 'members': 'BIGINT', 'women': 'BIGINT', 'ldtt': 'BIGINT'}"
    con.execute(f"CREATE TABLE crate AS SELECT * FROM read_csv('{crate_csv}', columns = {cols}, header = true)")
    con.execute(f"CREATE TABLE duck AS SELECT * FROM read_csv('{duck_csv}', columns = {cols}, header = true)")
    diff = con.execute(
        "SELECT count(*) FROM ((SELECT * FROM duck EXCEPT SELECT * FROM crate) "
        "UNION ALL (SELECT * FROM crate EXCEPT SELECT * FROM duck))"
    ).fetchone()[0]
    rows = con.execute("SELECT count(*) FROM duck").fetchone()[0]
    root = con.execute("SELECT * FROM duck WHERE code = 'VN'").fetchone()
    files = sum(p.stat().st_size for p in args.dir.rglob('*') if p.is_file())

    print(f"duckdb_version={duckdb.__version__}")
    print(f"duckdb_threads={args.threads}")
    print(f"dataset_bytes={files}")
    print(f"crate_cold_s={min(crate_runs):.3f}")
    print(f"crate_inside_s={min(crate_inside):.3f}")
    print(f"duckdb_cold_s={min(duck_runs):.3f}")
    print(f"duckdb_inside_s={min(duck_inside):.3f}")
    print(f"crate_runs_s={','.join(f'{t:.3f}' for t in crate_runs)}")
    print(f"duckdb_runs_s={','.join(f'{t:.3f}' for t in duck_runs)}")
    print(f"duckdb_over_crate={min(duck_runs) / min(crate_runs):.2f}")
    print(f"root={root}")
    print(f"rows_compared={rows}")
    print(f"mismatches={diff}")
    for f in (crate_csv, duck_csv):
        f.unlink()
    work.rmdir()
    return 0 if diff == 0 and rows > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
