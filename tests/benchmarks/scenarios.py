"""Reproducible random scenarios for the benchmarks (seeded, no hypothesis)."""

from __future__ import annotations

import random

import core
from core.questionnaire import FieldType

COUNTRIES = ("US", "GB", "DE", "FR", "NO", "CH", "CA", "IE", "JP", "BR")


def random_answers(q: core.Questionnaire, rng: random.Random, answered: float = 0.8) -> dict:
    """A random answer set: each field answered with probability ``answered``."""
    answers: dict = {}
    for f in q.fields.values():
        if rng.random() > answered:
            continue
        options = [o.value for o in f.options]
        if f.type is FieldType.BOOLEAN:
            answers[f.id] = rng.random() < 0.5
        elif f.type is FieldType.CHOICE:
            answers[f.id] = rng.choice(options)
        elif f.type is FieldType.COUNTRY:
            answers[f.id] = rng.choice(COUNTRIES)
        elif f.type is FieldType.COUNTRIES:
            answers[f.id] = tuple(rng.sample(COUNTRIES, rng.randint(0, 2)))
        else:
            answers[f.id] = tuple(rng.sample(options, rng.randint(0, min(3, len(options)))))
    return answers


def random_scenarios(q: core.Questionnaire, n: int, seed: int = 2024) -> list[core.Scenario]:
    """``n`` random scenarios."""
    rng = random.Random(seed)
    return [core.Scenario(title=f"random {i}", answers=random_answers(q, rng)) for i in range(n)]
