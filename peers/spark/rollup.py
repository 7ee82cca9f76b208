"""The national roll-up in Spark (PySpark, local mode) from a thidua Parquet dataset
directory, compared unit by unit with the crate's figures-only path.

The path for users whose data outgrows one machine: the same files, the same
roll-up (members, women and LĐTT titles of the review period for every unit at every
level), on a cluster by changing the master.

    python3 -m venv .venv && .venv/bin/pip install -r peers/spark/requirements.txt
    cargo run --release --features synthetic,parquet --example national_rollup -- \
        --members 1000000 --write-parquet /tmp/nation
    cargo run --release --features synthetic,parquet --example national_rollup -- \
        --from /tmp/nation --figures-only --totals /tmp/crate.csv
    .venv/bin/python peers/spark/rollup.py --dir /tmp/nation --crate /tmp/crate.csv

The directory may be partitioned by province (`--write-parquet DIR --by-province`):
the tables of units, members and memberships are then read from every
`province=…` partition.

Java 17 must be on the PATH.
"""

import argparse
import csv
import json
import pathlib
import sys
import time

from pyspark.sql import SparkSession
from pyspark.sql import functions as F


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=pathlib.Path, required=True)
    parser.add_argument("--crate", type=pathlib.Path, required=True,
                        help="the crate's totals (national_rollup --figures-only --totals FILE)")
    parser.add_argument("--master", default="local[2]")
    args = parser.parse_args()

    start = time.perf_counter()
    spark = (SparkSession.builder.master(args.master).appName("thidua-rollup")
             .config("spark.sql.shuffle.partitions", "8")
             .config("spark.driver.memory", "6g").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    started = time.perf_counter() - start

    meta = json.loads((args.dir / "manifest.json").read_text())["dataset"]["meta"]
    day, period = meta["as_of"], meta["period"]

    def read(name):
        # A table partitioned by province (hive style) is read from every partition.
        parts = sorted(args.dir.glob(f"province=*/{name}"))
        if parts:
            return spark.read.option("basePath", str(args.dir)).parquet(*map(str, parts))
        return spark.read.parquet(str(args.dir / name))

    t = time.perf_counter()
    units = read("units.parquet").select("id", "code", "parent").cache()
    decisions = read("decisions.parquet")
    # The conferrals name their decision by its row in the file: number the rows in
    # file order (zipWithIndex keeps it; monotonically_increasing_id would not be
    # consecutive across partitions).
    wanted = ["`period.kind`", "`period.value`"]
    revoked = "revoked.date" in decisions.columns
    if revoked:
        wanted.append("`revoked.date`")
    numbered = (decisions.select(*wanted).rdd.zipWithIndex()
                .map(lambda p: (p[1], *p[0]))
                .toDF(["decision_row", "kind", "value"] + (["revoked"] if revoked else [])))
    kept = numbered.where((F.col("kind") == period["kind"]) & (F.col("value") == period["value"]))
    if revoked:
        kept = kept.where(F.col("revoked").isNull() | (F.col("revoked") > day))
    kept = kept.select("decision_row")
    ldtt = (read("conferrals.parquet")
            .where((F.col("title") == "ldtt") & (F.col("`recipient.kind`") == "member"))
            .join(kept, "decision_row")
            .select(F.col("`recipient.id`").alias("member")).distinct()
            .withColumn("ldtt", F.lit(1)))
    stints = read("memberships.parquet")
    holds = F.lit(True)
    if "joined" in stints.columns:
        holds = holds & (F.col("joined").isNull() | (F.col("joined") <= day))
    if "left" in stints.columns:
        holds = holds & (F.col("left").isNull() | (F.col("left") > day))
    members = read("members.parquet").select("id", "gender")
    own = (stints.where(holds).select("member", "unit")
           .join(members, stints.member == members.id)
           .join(ldtt, "member", "left")
           .groupBy("unit")
           .agg(F.count("*").alias("members"),
                F.sum(F.when(F.col("gender") == "female", 1).otherwise(0)).alias("women"),
                F.sum(F.coalesce(F.col("ldtt"), F.lit(0))).alias("ldtt")))
    # Ancestors by levels: each unit with itself, then with its parent, grandparent …
    closure = units.select(F.col("id").alias("ancestor"), F.col("id").alias("unit"))
    step = units.where(F.col("parent").isNotNull()).select(F.col("parent").alias("ancestor"), F.col("id").alias("unit"))
    parents = units.select(F.col("id").alias("ancestor"), F.col("parent").alias("up"))
    for _ in range(16):
        if step.rdd.isEmpty():
            break
        closure = closure.unionByName(step)
        step = (step.join(parents, "ancestor").where(F.col("up").isNotNull())
                .select(F.col("up").alias("ancestor"), "unit"))
    totals = (units.join(closure, units.id == closure.ancestor)
              .join(own, "unit", "left")
              .groupBy("code")
              .agg(F.coalesce(F.sum("members"), F.lit(0)).alias("members"),
                   F.coalesce(F.sum("women"), F.lit(0)).alias("women"),
                   F.coalesce(F.sum("ldtt"), F.lit(0)).alias("ldtt")))
    result = {r["code"]: (r["members"], r["women"], r["ldtt"]) for r in totals.collect()}
    query = time.perf_counter() - t
    spark.stop()

    with args.crate.open() as f:
        crate = {r["code"]: (int(r["members"]), int(r["women"]), int(r["ldtt"])) for r in csv.DictReader(f)}
    mismatches = sum(1 for k in set(crate) | set(result) if crate.get(k) != result.get(k))
    print(f"spark_master={args.master}")
    print(f"spark_start_s={started:.3f}")
    print(f"spark_query_s={query:.3f}")
    print(f"spark_total_s={time.perf_counter() - start:.3f}")
    print(f"root={result.get('VN')}")
    print(f"rows_compared={len(result)}")
    print(f"mismatches={mismatches}")
    return 0 if mismatches == 0 and result else 1


if __name__ == "__main__":
    sys.exit(main())
