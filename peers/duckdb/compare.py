"""The national roll-up in DuckDB against thidua's columnar roll-up, on the same data.

Generates the synthetic national dataset once with the crate's example (which also
times the crate and writes its per-unit results), loads the CSV files into DuckDB,
runs the same roll-up in SQL with 2 threads — members, women, LĐTT titles and
sponsorship money per unit at every level, through a closure table of ancestors
built by a recursive query — checks both results are equal, and prints both times
and their ratio.

    python3 -m venv .venv && .venv/bin/pip install -r requirements.txt
    .venv/bin/python compare.py --members 11500000
"""

import argparse
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import time

import duckdb

ROOT = pathlib.Path(__file__).resolve().parents[2]

ROLLUP = """
WITH RECURSIVE
  own AS (
    SELECT unit,
           count(*) AS members,
           sum(woman) AS women,
           sum(ldtt) AS ldtt,
           sum(sponsorship) AS sponsorship
    FROM members
    GROUP BY unit
  ),
  closure(ancestor, unit) AS (
    SELECT unit, unit FROM units
    UNION ALL
    SELECT u.parent, c.unit
    FROM closure c JOIN units u ON u.unit = c.ancestor
    WHERE u.parent IS NOT NULL
  )
SELECT u.code,
       coalesce(sum(o.members), 0)::BIGINT AS members,
       coalesce(sum(o.women), 0)::BIGINT AS women,
       coalesce(sum(o.ldtt), 0)::BIGINT AS ldtt,
       coalesce(sum(o.sponsorship), 0)::HUGEINT AS sponsorship
FROM units u
JOIN closure c ON c.ancestor = u.unit
LEFT JOIN own o ON o.unit = c.unit
GROUP BY u.code
"""

# The same roll-up written directly: every member joined to every ancestor of its
# unit, then grouped (46 M rows at the national size). Reported for reference; the
# ratio uses the faster query above.
DIRECT = """
WITH RECURSIVE
  closure(ancestor, unit) AS (
    SELECT unit, unit FROM units
    UNION ALL
    SELECT u.parent, c.unit
    FROM closure c JOIN units u ON u.unit = c.ancestor
    WHERE u.parent IS NOT NULL
  )
SELECT u.code,
       count(m.unit)::BIGINT AS members,
       coalesce(sum(m.woman), 0)::BIGINT AS women,
       coalesce(sum(m.ldtt), 0)::BIGINT AS ldtt,
       coalesce(sum(m.sponsorship), 0)::HUGEINT AS sponsorship
FROM units u
JOIN closure c ON c.ancestor = u.unit
LEFT JOIN members m ON m.unit = c.unit
GROUP BY u.code
"""


def run_crate(members: int, out: pathlib.Path, runs: int) -> dict:
    cmd = [
        "cargo", "run", "--quiet", "--release", "--features", "synthetic",
        "--example", "national_rollup", "--",
        "--members", str(members), "--csv", str(out), "--runs", str(runs),
    ]
    print("$", " ".join(cmd), flush=True)
    text = subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True).stdout
    print(text, end="")
    return dict(re.findall(r"^(\w+)=(\S+)$", text, re.MULTILINE))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=11_500_000)
    parser.add_argument("--runs", type=int, default=5, help="DuckDB runs (best is kept)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--dir", type=pathlib.Path, default=None, help="where the CSV files go")
    args = parser.parse_args()

    out = args.dir or pathlib.Path(tempfile.mkdtemp(prefix="thidua-national-"))
    out.mkdir(parents=True, exist_ok=True)
    crate = run_crate(args.members, out, 30)

    con = duckdb.connect()
    con.execute(f"SET threads = {args.threads}")
    start = time.perf_counter()
    con.execute(
        f"CREATE TABLE units AS SELECT * FROM read_csv('{out / 'units.csv'}', "
        "columns = {'unit': 'INTEGER', 'code': 'VARCHAR', 'parent': 'INTEGER', 'level': 'TINYINT'}, header = true)"
    )
    con.execute(
        f"CREATE TABLE members AS SELECT * FROM read_csv('{out / 'members.csv'}', "
        "columns = {'unit': 'INTEGER', 'woman': 'TINYINT', 'ldtt': 'TINYINT', 'sponsorship': 'BIGINT'}, header = true)"
    )
    con.execute(
        f"CREATE TABLE crate AS SELECT * FROM read_csv('{out / 'totals.csv'}', "
        "columns = {'code': 'VARCHAR', 'members': 'BIGINT', 'women': 'BIGINT', 'ldtt': 'BIGINT', 'sponsorship': 'HUGEINT'}, header = true)"
    )
    load = time.perf_counter() - start
    n_members = con.execute("SELECT count(*) FROM members").fetchone()[0]
    n_units = con.execute("SELECT count(*) FROM units").fetchone()[0]

    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        con.execute(f"CREATE OR REPLACE TABLE duck AS {ROLLUP}")
        times.append(time.perf_counter() - start)
    duck_s = min(times)
    direct = []
    for _ in range(max(1, args.runs // 2)):
        start = time.perf_counter()
        con.execute(f"CREATE OR REPLACE TABLE duck_direct AS {DIRECT}")
        direct.append(time.perf_counter() - start)
    direct_s = min(direct)

    diff = con.execute(
        """
        SELECT count(*) FROM (
          (SELECT * FROM duck EXCEPT SELECT * FROM crate)
          UNION ALL
          (SELECT * FROM crate EXCEPT SELECT * FROM duck)
        )
        """
    ).fetchone()[0]
    diff += con.execute(
        """
        SELECT count(*) FROM (
          (SELECT * FROM duck_direct EXCEPT SELECT * FROM crate)
          UNION ALL
          (SELECT * FROM crate EXCEPT SELECT * FROM duck_direct)
        )
        """
    ).fetchone()[0]
    rows = con.execute("SELECT count(*) FROM duck").fetchone()[0]
    root = con.execute("SELECT * FROM duck WHERE code = 'VN'").fetchone()

    crate_s = float(crate["rollup_s"])
    scan_s = float(crate["scan_s"])
    print(f"duckdb_version={duckdb.__version__}")
    print(f"duckdb_threads={args.threads}")
    print(f"members={n_members}")
    print(f"units={n_units}")
    print(f"duckdb_load_s={load:.3f}")
    print(f"duckdb_rollup_s={duck_s:.4f}")
    print(f"duckdb_runs_s={','.join(f'{t:.4f}' for t in times)}")
    print(f"duckdb_direct_rollup_s={direct_s:.4f}")
    print(f"crate_rollup_s={crate_s:.6f}")
    print(f"crate_scan_s={scan_s:.6f}")
    print(f"duckdb_over_crate={duck_s / crate_s:.1f}")
    print(f"duckdb_direct_over_crate={direct_s / crate_s:.1f}")
    print(f"root={root}")
    print(f"rows_compared={rows}")
    print(f"mismatches={diff}")
    if args.dir is None:
        for f in ("units.csv", "members.csv", "totals.csv"):
            os.remove(out / f)
        out.rmdir()
    if diff != 0 or rows != n_units:
        print("the results differ", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
