"""Portfolio speed (10,000 generated scenario files) and what-if latency for the examples.

Run: ``python tests/benchmarks/bench_batch.py [N]``. Prints files per second for
``clausewise batch`` (in-process and as a command, start-up included) and ratios against
baselines measured in the same run: reading the files' bytes, and parsing them as YAML.

Targets (issue 7): 10,000 files in under 10 s; what-if under 200 ms per scenario.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

import core  # noqa: E402
from core.batch import run_batch  # noqa: E402
from core.whatif import what_if  # noqa: E402
from tests.benchmarks.scenarios import random_scenarios  # noqa: E402


def timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main(n: int = 10_000) -> None:
    packs = core.load_packs()
    q = packs.questionnaire
    folder = Path(tempfile.mkdtemp(prefix="clausewise-portfolio-"))
    for i, sc in enumerate(random_scenarios(q, n, seed=7)):
        sub = folder / f"team-{i % 20:02d}"
        sub.mkdir(exist_ok=True)
        core.save_scenario(sc.replace(title=f"Deployment {i}"), sub / f"s{i:05d}.scenario.yaml", q)
    files = sorted(folder.rglob("*.scenario.yaml"))
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    read = timed(lambda: [p.read_bytes() for p in files])
    parse = timed(lambda: [yaml.load(p.read_bytes(), Loader=loader) for p in files])
    batch = timed(lambda: list(run_batch([folder], packs)))
    compare = timed(
        lambda: list(
            run_batch([folder], packs, as_of=core.parse_date("2024-04-01"), compare_to=core.parse_date("2024-06-01"))
        )
    )
    command = timed(
        lambda: subprocess.run(
            [sys.executable, "-m", "core.cli", "batch", str(folder), "--format", "csv"],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            check=True,
        )
    )
    print(f"{len(files)} generated scenario files in {folder}")
    print(f"baseline, read the bytes:      {read:.2f} s ({len(files) / read:,.0f} files/s)")
    print(f"baseline, parse as YAML:       {parse:.2f} s ({len(files) / parse:,.0f} files/s)")
    rate = len(files) / batch
    print(f"batch (load, validate, evaluate): {batch:.2f} s ({rate:,.0f} files/s; {batch / parse:.1f}× YAML parse)")
    print(f"batch --compare-to (two dates):   {compare:.2f} s ({len(files) / compare:,.0f} files/s)")
    print(
        f"`clausewise batch DIR --format csv`, start-up included: {command:.2f} s ({len(files) / command:,.0f} files/s)"
    )
    print(f"target 10,000 files < 10 s: {'met' if command < 10 * len(files) / 10_000 else 'NOT met'}")
    print()
    print("what-if latency per example (median of 20):")
    worst = 0.0
    cases = [(path.name, core.load_scenario(path, q)) for path in core.example_paths()]
    # Prohibited examples skip the search for risks; this one (restricted) runs every search.
    retail = core.load_scenario(core.resources_dir() / "examples" / "eu-retailer-live-face-matching.scenario.yaml", q)
    cases.append(
        (
            "retail case, alerts not shared",
            retail.with_answer("deployer.for_law_enforcement", False).with_answer("subjects.consent", "all_consented"),
        )
    )
    for name, scenario in cases:
        ev = core.evaluate(scenario, packs)
        times = [timed(lambda ev=ev: what_if(ev, packs)) for _ in range(20)]
        median = statistics.median(times)
        worst = max(worst, median)
        per_parse = median / parse * len(files)
        print(f"  {name:48} {median * 1000:6.1f} ms ({per_parse:.0f}× parsing one file)")
    print(f"target what-if < 200 ms: {'met' if worst < 0.2 else 'NOT met'}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
