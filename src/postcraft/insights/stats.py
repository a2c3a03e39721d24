"""The statistics behind the insights, in plain Python (numpy only speeds up the bootstrap).

* :func:`wilson` – a binomial proportion's confidence interval (Wilson score).
* :func:`poisson_rate` – an exact (Garwood) interval for a count per unit of exposure.
* :func:`linear_trend` – an ordinary least-squares slope with a Student-t interval.
* :func:`bootstrap_sums` – seeded, stratified bootstrap replicates of a group's summed outcomes,
  from which rates, differences and ratios get percentile intervals (:func:`percentile_interval`).
* :func:`bootstrap_p` – a two-sided p-value of "no difference" from the replicates' spread.
* :func:`holm` – Holm's adjustment, so many comparisons do not turn noise into findings
  (:func:`benjamini_hochberg` is there too, for a false-discovery rate instead).

The special functions (regularised incomplete gamma and beta) follow Numerical Recipes'
series and continued fractions; they are checked against SciPy in the tests.

>>> lo, hi = wilson(30, 100)
>>> round(lo, 3), round(hi, 3)
(0.219, 0.396)
>>> lo, hi = poisson_rate(10, 5.0)
>>> round(lo, 3), round(hi, 3)
(0.959, 3.678)
"""

from __future__ import annotations

import hashlib
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from statistics import NormalDist
from typing import Any

_EPS = 3e-16
_TINY = 1e-300


@dataclass(frozen=True)
class Interval:
    """A confidence interval ``[low, high]`` at ``level`` (0.95 = 95 %)."""

    low: float
    high: float
    level: float = 0.95

    def contains(self, value: float) -> bool:
        """True when ``value`` lies in the interval (ends included)."""
        return self.low <= value <= self.high

    def to_dict(self) -> dict[str, float]:
        """JSON-ready dict."""
        return {"low": self.low, "high": self.high, "level": self.level}


def z_value(level: float = 0.95) -> float:
    """The two-sided standard-normal quantile for ``level`` (1.96 for 0.95)."""
    return NormalDist().inv_cdf(0.5 + level / 2)


def wilson(successes: int, n: int, level: float = 0.95) -> tuple[float, float]:
    """Wilson score interval of the proportion ``successes / n`` (``(0, 1)`` when n is 0)."""
    if n <= 0:
        return (0.0, 1.0)
    z = z_value(level)
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    low = 0.0 if successes <= 0 else max(0.0, centre - half)
    high = 1.0 if successes >= n else min(1.0, centre + half)
    return (low, high)


# -- special functions ------------------------------------------------------------------------
def gamma_p(a: float, x: float) -> float:
    """The regularised lower incomplete gamma function P(a, x)."""
    if x <= 0:
        return 0.0
    log_front = -x + a * math.log(x) - math.lgamma(a)
    if x < a + 1:
        ap, term = a, 1.0 / a
        total = term
        for _ in range(10_000):
            ap += 1
            term *= x / ap
            total += term
            if abs(term) < abs(total) * _EPS:
                break
        return min(1.0, total * math.exp(log_front))
    b = x + 1 - a
    c = 1 / _TINY
    d = 1 / b
    h = d
    for i in range(1, 10_000):
        an = -i * (i - a)
        b += 2
        d = an * d + b
        d = _TINY if abs(d) < _TINY else d
        c = b + an / c
        c = _TINY if abs(c) < _TINY else c
        d = 1 / d
        delta = d * c
        h *= delta
        if abs(delta - 1) < _EPS:
            break
    return max(0.0, 1.0 - math.exp(log_front) * h)


def _betacf(a: float, b: float, x: float) -> float:
    qab, qap, qam = a + b, a + 1, a - 1
    c = 1.0
    d = 1 - qab * x / qap
    d = _TINY if abs(d) < _TINY else d
    d = 1 / d
    h = d
    for m in range(1, 10_000):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1 + aa * d
        d = _TINY if abs(d) < _TINY else d
        c = 1 + aa / c
        c = _TINY if abs(c) < _TINY else c
        d = 1 / d
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1 + aa * d
        d = _TINY if abs(d) < _TINY else d
        c = 1 + aa / c
        c = _TINY if abs(c) < _TINY else c
        d = 1 / d
        delta = d * c
        h *= delta
        if abs(delta - 1) < _EPS:
            break
    return h


def beta_i(a: float, b: float, x: float) -> float:
    """The regularised incomplete beta function I_x(a, b)."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    log_front = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    if x < (a + 1) / (a + b + 2):
        return math.exp(log_front) * _betacf(a, b, x) / a
    return 1 - math.exp(log_front) * _betacf(b, a, 1 - x) / b


def _bisect(f: Any, target: float, low: float, high: float) -> float:
    """The x in [low, high] where the increasing function f reaches target."""
    while f(high) < target:
        low, high = high, high * 2 + 1
    for _ in range(200):
        mid = (low + high) / 2
        if f(mid) < target:
            low = mid
        else:
            high = mid
        if high - low <= 1e-12 * max(1.0, abs(high)):
            break
    return (low + high) / 2


@lru_cache(maxsize=4096)
def gamma_ppf(q: float, a: float) -> float:
    """The ``q`` quantile of the Gamma(a, 1) distribution."""
    return _bisect(lambda x: gamma_p(a, x), q, 0.0, max(1.0, a * 2))


def t_cdf(t: float, df: float) -> float:
    """Student's t cumulative distribution function."""
    tail = 0.5 * beta_i(df / 2, 0.5, df / (df + t * t))
    return 1 - tail if t >= 0 else tail


@lru_cache(maxsize=256)
def t_ppf(q: float, df: float) -> float:
    """The ``q`` quantile (q > 0.5) of Student's t with ``df`` degrees of freedom."""
    return _bisect(lambda x: t_cdf(x, df), q, 0.0, 10.0)


def poisson_rate(count: int, exposure: float, level: float = 0.95) -> tuple[float, float]:
    """Exact (Garwood) interval of a Poisson rate: ``count`` events over ``exposure`` units."""
    if exposure <= 0:
        return (0.0, math.inf)
    alpha = 1 - level
    low = 0.0 if count == 0 else gamma_ppf(alpha / 2, float(count))
    high = gamma_ppf(1 - alpha / 2, float(count + 1))
    return (low / exposure, high / exposure)


@dataclass(frozen=True)
class LineFit:
    """An ordinary least-squares line through ``(x, y)`` points: slope per unit of x and its
    Student-t interval (``None`` with fewer than three points)."""

    slope: float
    intercept: float
    interval: Interval | None
    n: int


def linear_trend(ys: Sequence[float], level: float = 0.95) -> LineFit:
    """Fit ``y = intercept + slope * x`` for ``x = 0, 1, …``.

    >>> t = linear_trend([2, 4, 5, 8, 9, 12])
    >>> round(t.slope, 2), t.interval is not None and t.interval.low > 0
    (1.94, True)
    """
    n = len(ys)
    if n == 0:
        return LineFit(0.0, 0.0, None, 0)
    xs = range(n)
    mx = (n - 1) / 2
    my = sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    if sxx == 0:
        return LineFit(0.0, my, None, n)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx
    intercept = my - slope * mx
    if n < 3:
        return LineFit(slope, intercept, None, n)
    resid = sum((y - intercept - slope * x) ** 2 for x, y in zip(xs, ys, strict=True))
    se = math.sqrt(resid / (n - 2) / sxx)
    half = t_ppf(0.5 + level / 2, float(n - 2)) * se
    return LineFit(slope, intercept, Interval(slope - half, slope + half, level), n)


# -- bootstrap --------------------------------------------------------------------------------
def stream_seed(seed: int, *parts: str) -> int:
    """A 64-bit seed for one named random stream: the same on every machine and run."""
    key = "\x00".join((str(seed), *parts)).encode("utf-8")
    return int.from_bytes(hashlib.blake2b(key, digest_size=8).digest(), "big")


def _numpy() -> Any:
    try:
        import numpy
    except ImportError:  # pragma: no cover - numpy is optional
        return None
    return numpy


def bootstrap_sums(
    outcomes: Sequence[float],
    exposures: Sequence[float],
    *,
    resamples: int,
    seed: int,
    use_numpy: bool | None = None,
) -> tuple[list[float], list[float]]:
    """``resamples`` bootstrap replicates of ``(sum(outcomes), sum(exposures))`` of one group.

    Each replicate draws ``len(outcomes)`` posts with replacement, keeping each post's outcome
    and exposure together. With numpy installed (``use_numpy=None``) the draws are vectorised;
    without it they are drawn by :mod:`random`. Both are seeded, so a seed gives the same
    replicates on every run of the same installation (the two generators differ from each other).

    >>> e, m = bootstrap_sums([1, 2, 3], [10, 10, 10], resamples=4, seed=1, use_numpy=False)
    >>> len(e), all(v == 30 for v in m)
    (4, True)
    """
    n = len(outcomes)
    if n == 0:
        return [0.0] * resamples, [0.0] * resamples
    np = _numpy() if use_numpy is not False else None
    if np is not None:
        rng = np.random.Generator(np.random.PCG64(seed))
        ev = np.asarray(outcomes, dtype=float)
        mv = np.asarray(exposures, dtype=float)
        se = np.empty(resamples)
        sm = np.empty(resamples)
        chunk = max(1, 1_000_000 // n)
        for start in range(0, resamples, chunk):
            rows = min(chunk, resamples - start)
            idx = rng.integers(0, n, size=(rows, n))
            se[start : start + rows] = ev[idx].sum(axis=1)
            sm[start : start + rows] = mv[idx].sum(axis=1)
        return [float(v) for v in se], [float(v) for v in sm]
    rnd = random.Random(seed)
    # a post's outcome and exposure travel together as one complex number; sum() adds both
    values = [complex(e, m) for e, m in zip(outcomes, exposures, strict=True)]
    choices = rnd.choices
    sums = [sum(choices(values, k=n)) for _ in range(resamples)]
    return [s.real for s in sums], [s.imag for s in sums]


def percentile(sorted_values: Sequence[float], q: float) -> float:
    """The ``q`` quantile (0–1) of already sorted values, interpolated linearly."""
    if not sorted_values:
        return math.nan
    pos = q * (len(sorted_values) - 1)
    lo = math.floor(pos)
    hi = min(lo + 1, len(sorted_values) - 1)
    frac = pos - lo
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * frac


def percentile_interval(values: Sequence[float], level: float = 0.95) -> Interval | None:
    """The percentile interval of bootstrap replicates (``None`` if any is not finite)."""
    if not values or any(not math.isfinite(v) for v in values):
        return None
    s = sorted(values)
    alpha = 1 - level
    return Interval(percentile(s, alpha / 2), percentile(s, 1 - alpha / 2), level)


def bootstrap_p(differences: Sequence[float], observed: float, df: float | None = None) -> float:
    """Two-sided p-value of "the difference is zero": ``observed`` over the bootstrap standard
    error of the replicates, against Student's t with ``df`` degrees of freedom (the normal
    distribution when ``None``). Counting replicates beyond zero instead could not go below
    1/resamples, and many comparisons need smaller p-values than that.

    >>> round(bootstrap_p([0.8, 1.0, 1.2, 1.0], 1.0), 6)
    0.0
    >>> round(bootstrap_p([-1.0, 1.0, -1.0, 1.0], 0.1), 3), round(bootstrap_p([-1.0, 1.0, -1.0, 1.0], 0.1, 5), 3)
    (0.931, 0.934)
    """
    finite = [d for d in differences if math.isfinite(d)]
    if len(finite) < 2:
        return 1.0
    mean = sum(finite) / len(finite)
    sd = math.sqrt(sum((d - mean) ** 2 for d in finite) / (len(finite) - 1))
    if sd == 0:
        return 0.0 if observed != 0 else 1.0
    z = abs(observed) / sd
    if df is None or df <= 0:
        return min(1.0, 2 * NormalDist().cdf(-z))
    return min(1.0, 2 * (1 - t_cdf(z, df)))


def holm(pvalues: Sequence[float]) -> list[float]:
    """Holm-adjusted p-values (family-wise error rate), in the input order.

    >>> [round(q, 3) for q in holm([0.01, 0.04, 0.03, 0.2])]
    [0.04, 0.09, 0.09, 0.2]
    """
    m = len(pvalues)
    order = sorted(range(m), key=lambda i: pvalues[i])
    out = [0.0] * m
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * pvalues[i]))
        out[i] = running
    return out


def benjamini_hochberg(pvalues: Sequence[float]) -> list[float]:
    """Benjamini–Hochberg q-values (false discovery rate), in the input order.

    >>> [round(q, 3) for q in benjamini_hochberg([0.01, 0.04, 0.03, 0.2])]
    [0.04, 0.053, 0.053, 0.2]
    """
    m = len(pvalues)
    order = sorted(range(m), key=lambda i: pvalues[i])
    q = [0.0] * m
    running = 1.0
    for rank in range(m, 0, -1):
        i = order[rank - 1]
        running = min(running, pvalues[i] * m / rank)
        q[i] = running
    return q
