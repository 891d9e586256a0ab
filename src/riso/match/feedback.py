"""Learning the hybrid's weights from the intermediary's decisions.

Each decision stores the score components the match showed (``Decision.features``). Accept, contact and deal
are positive, reject is negative. A logistic regression (L2, plain gradient descent, deterministic) on those
snapshots gives one coefficient per component; its positive part, rescaled to the total weight of the
defaults, is blended with the defaults by ``alpha = n / (n + PRIOR)`` (n decisions), so a few decisions move
the ranking a little and many move it more. Components that predict acceptance gain weight; ones that
rejected matches had in common lose it. Pure: decisions in, weights out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from riso.match.engine import COMPONENTS, DEFAULT_WEIGHTS
from riso.match.records import Decision

__all__ = ["POSITIVE", "PRIOR", "learn_weights"]

POSITIVE = frozenset({"accept", "contact", "deal"})
PRIOR = 20.0  # decisions worth as much as the defaults


def learn_weights(decisions: Sequence[Decision], *, base: Mapping[str, float] | None = None,
                  l2: float = 0.1, steps: int = 2000, rate: float = 0.5) -> dict[str, float]:
    """Weights for the matcher from decisions (the defaults while there is not both a yes and a no)."""
    base = dict(base or DEFAULT_WEIGHTS)
    rows = [d for d in decisions if d.features]
    labels = np.array([1.0 if d.decision in POSITIVE else 0.0 for d in rows])
    if len(rows) < 2 or labels.min() == labels.max():
        return base
    x = np.array([[float(d.features.get(c, 0.0)) for c in COMPONENTS] for d in rows])
    w = np.zeros(len(COMPONENTS))
    b = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
        w -= rate * ((x.T @ (p - labels)) / len(rows) + l2 * w)
        b -= rate * float(np.mean(p - labels))
    positive = np.clip(w, 0.0, None)
    total = sum(base.get(c, 0.0) for c in COMPONENTS)
    alpha = len(rows) / (len(rows) + PRIOR)
    learned = positive / positive.sum() * total if positive.sum() > 0 else np.array([base[c] for c in COMPONENTS])
    return {c: round((1 - alpha) * base.get(c, 0.0) + alpha * float(learned[i]), 6)
            for i, c in enumerate(COMPONENTS)}
