"""Time (and peak memory) of recommended pairings: the cost matrix and the optimal assignment.

Usage: bench/pairing_recommend.py [--seed 1] [--k 3]

Two cases, each timed over 3 runs (the median), peak memory of one run by tracemalloc
(numpy's arrays are traced; scipy's solver works in the arrays it is given):
- county: 1,500 organisations, of which the 20 % graded advanced help the 15 % graded
  lagging (225 × 300·k), sectors and 20 townships as a county has them;
- province township set: 5,000 candidates, 2,000 advanced helpers and 3,000 lagging units
  (3,000 × 2,000·k).
Last-year pairs: 2 % of the lagging units each have one. The solver is the one the
recommendation run calls (pacesetter.pairing.recommend.recommend), without the database.
The last line of stdout is one JSON dict.
"""
import argparse
import json
import os
import random
import statistics
import sys
import time
import tracemalloc

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from pacesetter.pairing.recommend import Candidate, recommend

URBAN = ["agency", "school", "health", "enterprise"]
RURAL = ["village", "community"]


def population(rng: random.Random, helpers: int, helped: int, townships: int):
    towns = [f"T{i:03d}" for i in range(townships)]
    hs = [Candidate(i, f"H{i:05d}", rng.choice(URBAN + ["social", "village"]), rng.choice(towns),
                    round(rng.uniform(85, 99), 1)) for i in range(helpers)]
    ds = [Candidate(100_000 + i, f"D{i:05d}", rng.choice(RURAL * 3 + URBAN + ["social"]), rng.choice(towns),
                    round(rng.uniform(40, 70), 1)) for i in range(helped)]
    recent = {(rng.choice(hs).id, d.id) for d in ds if rng.random() < 0.02}
    return hs, ds, recent


def measure(name: str, helpers, helped, recent, k: int) -> dict:
    times = []
    for _ in range(3):
        start = time.perf_counter()
        matches = recommend(helpers, helped, k=k, recent=recent)
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    recommend(helpers, helped, k=k, recent=recent)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    result = {"case": name, "helpers": len(helpers), "helped": len(helped), "k": k, "pairs": len(matches),
              "median_s": round(statistics.median(times), 3), "peak_mib": round(peak / 2**20, 1)}
    print(result, file=sys.stderr)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--k", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    county = measure("county 1,500 organisations", *population(rng, 300, 225, 20), args.k)
    province = measure("5,000 candidates", *population(rng, 2000, 3000, 400), args.k)
    print(json.dumps({"county": county, "province": province}))


if __name__ == "__main__":
    main()
