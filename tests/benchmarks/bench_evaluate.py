"""Evaluation speed: 10,000 random scenarios against every bundled pack.

Run: ``python tests/benchmarks/bench_evaluate.py [N]``. Prints scenarios per second and the
median latency, and ratios against baselines measured in the same run (so that a noisy,
shared machine still gives comparable figures):

* ``resolve``: applying the asked-when semantics alone (the floor of any evaluation);
* ``reference``: a fixed pure-Python workload (sorting 1,000 numbers), to compare machines.

Target (issue 2): at least 5,000 scenarios/s on a 2-core machine.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import core
from tests.benchmarks.scenarios import random_scenarios


def per_item(fn, items) -> list[float]:
    out = []
    clock = time.perf_counter
    for item in items:
        t0 = clock()
        fn(item)
        out.append(clock() - t0)
    return out


def main(n: int = 10_000) -> None:
    packs = core.load_packs()
    q = packs.questionnaire
    scenarios = random_scenarios(q, n)
    days = [dt.date(2019, 1, 1) + dt.timedelta(days=random.Random(i).randint(0, 3200)) for i in range(n)]
    pairs = list(zip(scenarios, days, strict=True))
    rng = random.Random(1)
    reference_data = [[rng.random() for _ in range(1000)] for _ in range(200)]

    # Warm up caches and the allocator once.
    for sc, day in pairs[:200]:
        core.evaluate(sc, packs, day)

    resolve_times = per_item(lambda p: q.resolve(p[0].answers), pairs)
    reference_times = per_item(sorted, reference_data)
    med_resolve = statistics.median(resolve_times)
    med_ref = statistics.median(reference_times)
    print(f"packs: {', '.join(p.id for p in packs)}")
    print(
        f"baselines: resolve-only {med_resolve * 1e6:.1f} µs; "
        f"reference workload (sort 1,000 floats) {med_ref * 1e6:.1f} µs"
    )
    today = dt.date.today()
    for label, work in (
        ("dates 2019–2027", pairs),
        (f"as of today ({today}), every pack in force", [(sc, today) for sc in scenarios]),
    ):
        t0 = time.perf_counter()
        evaluate_times = per_item(lambda p: core.evaluate(p[0], packs, p[1]), work)
        total = time.perf_counter() - t0
        med_eval = statistics.median(evaluate_times)
        findings = sum(len(core.evaluate(sc, packs, day).findings) for sc, day in work[:1000]) / 1000
        p95 = statistics.quantiles(evaluate_times, n=20)[-1]
        print()
        print(f"{n} random scenarios (80% of fields answered), {label}; {findings:.1f} findings each on average")
        print(f"  throughput: {n / total:,.0f} scenarios/s ({total:.2f} s in all)")
        print(f"  median latency: {med_eval * 1e6:.0f} µs per scenario (p95 {p95 * 1e6:.0f} µs)")
        print(
            f"  ratio to resolve-only baseline: {med_eval / med_resolve:.1f}×; "
            f"to reference workload: {med_eval / med_ref:.2f}×"
        )
        print(f"  target ≥ 5,000 scenarios/s: {'met' if n / total >= 5000 else 'NOT met'}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
