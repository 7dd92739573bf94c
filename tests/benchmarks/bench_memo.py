"""Memo speed: render, sign and verify the body-cam example (median of repeated runs).

Run: ``python tests/benchmarks/bench_memo.py [RUNS]``. Libraries are imported and fonts loaded
once before timing ("once libraries are loaded"). Prints medians and ratios against a baseline
measured in the same run: evaluating the same scenario (the work the GUI does on every edit).

Target (issue 4): render + sign under 0.5 s on a 2-core machine.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("CLAUSEWISE_HOME", tempfile.mkdtemp(prefix="clausewise-bench-"))

import core
from core.resources import examples_dir


def median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main(runs: int = 15) -> None:
    t0 = time.perf_counter()
    import pyhanko.sign.validation  # noqa: F401
    import reportlab.platypus  # noqa: F401

    import_time = time.perf_counter() - t0
    packs = core.load_packs()
    scenario = core.load_scenario(examples_dir() / "body-cam-patrol-uk.scenario.yaml", packs.questionnaire)
    evaluation = core.evaluate(scenario, packs)
    identity = core.create_identity("Bench Mark", "Clausewise", "bench@example.org", "bench-passphrase")
    out = Path(tempfile.mkdtemp()) / "bench.pdf"
    # Warm-up: font loading, first-use caches.
    core.export_signed_memo(evaluation, packs, out, identity, "bench-passphrase")
    core.verify_memo(out)

    evaluate = median_time(lambda: core.evaluate(scenario, packs), runs * 20)
    render = median_time(lambda: core.render_unsigned_memo(evaluation, packs), runs)
    render_sign = median_time(
        lambda: core.export_signed_memo(evaluation, packs, out, identity, "bench-passphrase"), runs
    )
    verify = median_time(lambda: core.verify_memo(out), runs)
    from pyhanko.pdf_utils.reader import PdfFileReader

    with out.open("rb") as handle:
        pages = int(PdfFileReader(handle).root["/Pages"]["/Count"])
    print(f"body-cam memo: {out.stat().st_size / 1024:.0f} KiB, {pages} pages; {runs} runs each, medians")
    print(f"importing reportlab + pyHanko (once): {import_time * 1000:.0f} ms")
    print(f"baseline, evaluate the scenario: {evaluate * 1000:.2f} ms")
    print(f"render (draft, with attachments): {render * 1000:.0f} ms  ({render / evaluate:.0f}× baseline)")
    print(f"render + sign + write:            {render_sign * 1000:.0f} ms  ({render_sign / evaluate:.0f}× baseline)")
    print(f"verify (incl. re-evaluation):     {verify * 1000:.0f} ms  ({verify / evaluate:.0f}× baseline)")
    print(f"target render + sign < 500 ms: {'met' if render_sign < 0.5 else 'NOT met'}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
