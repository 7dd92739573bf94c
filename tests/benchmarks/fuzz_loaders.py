"""The loaders against a big corpus of mutated bundled files: the figures for issue 11.

Run: ``python tests/benchmarks/fuzz_loaders.py [SCENARIOS] [PACKS] [--first-seed N]``
(defaults: 20,000 scenario and 2,000 pack mutations, plus 500 pack tests files, 300
questionnaires and 300 country tables, from seed 1,000,000 — the corpus of the slow test).

Prints, per kind of file: mutations tried, accepted (loaded, and evaluated), rejected with a
project error (InputError), non-project exceptions (each listed with its seed, to reproduce
with ``tests.core.mutations.mutate``), and the slowest case in CPU seconds, also as a ratio to
loading the unmutated file in the same run. Exit status 1 if any non-project exception occurred
or a case took over 2 s.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import core  # noqa: E402
from tests.core.fuzz_cases import Corpus, Outcome, load, run_case  # noqa: E402

LIMIT_SECONDS = 2.0


def baseline(kind: str, packs: core.PackSet, corpus: Corpus) -> float:
    """CPU seconds to load the largest unmutated file of ``kind``."""
    path = max(corpus.files(kind), key=lambda p: p.stat().st_size)
    best = float("inf")
    for _ in range(5):
        start = time.process_time()
        load(kind, path, packs)
        best = min(best, time.process_time() - start)
    return best


def run_kind(kind: str, count: int, first_seed: int, packs: core.PackSet, workdir: Path) -> list[Outcome]:
    """Run ``count`` mutations of ``kind`` and print the counts."""
    outcomes = [run_case(kind, seed, workdir, packs) for seed in range(first_seed, first_seed + count)]
    results = Counter(o.result for o in outcomes)
    slowest = max(outcomes, key=lambda o: o.seconds)
    base = baseline(kind, packs, Corpus())
    print(
        f"{kind:13} tried {len(outcomes):6,}  accepted {results['accepted']:6,}  "
        f"rejected (InputError) {results['rejected']:6,}  non-project exceptions {results['crash']:3}  "
        f"slowest {slowest.seconds:.3f} s (seed {slowest.seed}, {slowest.operators}; "
        f"{slowest.seconds / base:.0f}x the unmutated file's {base * 1000:.1f} ms)"
    )
    for o in outcomes:
        if o.result == "crash":
            print(f"    CRASH seed {o.seed} ({o.operators}): {o.error}")
    return outcomes


def main() -> int:
    """Run the corpus and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenarios", type=int, nargs="?", default=20_000)
    parser.add_argument("packs", type=int, nargs="?", default=2_000)
    parser.add_argument("--first-seed", type=int, default=1_000_000)
    args = parser.parse_args()
    counts = {
        "scenario": args.scenarios,
        "pack": args.packs,
        "pack_tests": max(args.packs // 4, 1),
        "questionnaire": max(args.packs // 7, 1),
        "countries": max(args.packs // 7, 1),
    }
    packs = core.load_packs()
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        for kind, count in counts.items():
            outcomes = run_kind(kind, count, args.first_seed, packs, Path(tmp))
            bad += sum(o.result == "crash" or o.seconds > LIMIT_SECONDS for o in outcomes)
    print("OK: only project errors, every case under 2 s" if not bad else f"FAILED: {bad} cases")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
