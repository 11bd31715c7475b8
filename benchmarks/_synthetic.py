"""Large synthetic survey data in the demo schema (docs/demo_company.md), for benchmarks.

``synthetic(n_respondents)`` returns three long tables shaped like ``isq.load_demo``:

- ``servqual``: respondent, department (rater's), provider (department rated, never the
  rater's own), wave ("pre"/"post"), item (SQ01…SQ22), dimension, expectation, perception
  (1–7, about 0.5 % missing each), adequate — one answer sheet (22 rows) per respondent;
- ``kano``: respondent, department, feature (K01…K12), functional, dysfunctional (1–5),
  importance (1–9) — 12 rows per respondent, each feature leaning to its planted category;
- ``satisfaction``: respondent, department, provider, wave, nps (0–10), csat (1–5),
  ces (1–7) — one row per respondent, about 1 % of each answer missing.

Key columns are pandas ``Categorical`` (what ``isq.read_survey`` hands over for a large
export and what the SERVQUAL author recommends for speed); answers are float64 (with NaN)
or int64. Deterministic for a given ``seed``. Vectorised: 100,000 respondents take well
under a second.
"""

import numpy as np
import pandas as pd

DEPARTMENTS = ["PRD", "SAL", "IT", "FIN", "HR", "PUR", "ADM", "LEG"]
HEADCOUNT = np.array([48, 36, 20, 16, 14, 12, 10, 4], dtype=float)
DIMENSIONS = ["tangibles", "reliability", "responsiveness", "assurance", "empathy"]
DIM_ITEMS = [4, 5, 4, 4, 5]  # SQ01–04, SQ05–09, SQ10–13, SQ14–17, SQ18–22
ITEMS = [f"SQ{i:02d}" for i in range(1, 23)]
ITEM_DIM = np.repeat(np.arange(5), DIM_ITEMS)
FEATURES = [f"K{i:02d}" for i in range(1, 13)]
# planted categories as in the demo (K04 is an M/O close call)
PLANTED = ["M", "O", "A", "M", "A", "O", "I", "M", "A", "I", "O", "R"]
# a canonical (functional, dysfunctional) answer pair for each category
_PAIR = {"A": (1, 3), "O": (1, 5), "M": (3, 5), "I": (3, 3), "R": (5, 1)}
WAVES = ["pre", "post"]


def _cat(codes, categories):
    return pd.Categorical.from_codes(codes, categories=categories)


def _sparse_nan(rng, values, share):
    values = values.astype(float)
    values[rng.random(len(values)) < share] = np.nan
    return values


def synthetic(n_respondents=100_000, *, seed=20261122, missing=True):
    """Return ``{"servqual", "kano", "satisfaction"}`` DataFrames for ``n_respondents``."""
    rng = np.random.default_rng(seed)
    n = int(n_respondents)
    resp_names = [f"R{i:06d}" for i in range(1, n + 1)]
    resp = np.arange(n)
    dept = rng.choice(len(DEPARTMENTS), size=n, p=HEADCOUNT / HEADCOUNT.sum())
    # the provider is another department (uniform over the other seven)
    prov = (dept + rng.integers(1, len(DEPARTMENTS), size=n)) % len(DEPARTMENTS)
    wave = rng.integers(0, 2, size=n)
    latent = rng.normal(0.0, 0.8, size=n)  # respondent's general impression (makes alpha > 0)
    prov_effect = np.linspace(-0.9, 0.4, len(DEPARTMENTS))[prov] + 0.3 * wave
    dim_effect = np.array([0.3, -0.8, -0.5, 0.0, -0.2])

    # --- SERVQUAL: one 22-item sheet per respondent
    r = np.repeat(resp, 22)
    it = np.tile(np.arange(22), n)
    d = ITEM_DIM[it]
    expectation = np.clip(np.rint(6.0 + 0.4 * latent[r] + rng.normal(0, 0.7, len(r))), 1, 7)
    perception = np.clip(
        np.rint(4.8 + latent[r] + prov_effect[r] + dim_effect[d] + rng.normal(0, 0.9, len(r))), 1, 7)
    adequate = np.clip(expectation - rng.integers(1, 3, len(r)), 1, 7).astype("int64")
    share = 0.005 if missing else 0.0
    servqual = pd.DataFrame({
        "respondent": _cat(r, resp_names),
        "department": _cat(dept[r], DEPARTMENTS),
        "provider": _cat(prov[r], DEPARTMENTS),
        "wave": _cat(wave[r], WAVES),
        "item": _cat(it, ITEMS),
        "dimension": _cat(d, DIMENSIONS),
        "expectation": _sparse_nan(rng, expectation, share),
        "perception": _sparse_nan(rng, perception, share),
        "adequate": adequate,
    })

    # --- Kano: 12 features per respondent; half the answers follow the planted category
    r = np.repeat(resp, 12)
    ft = np.tile(np.arange(12), n)
    functional = rng.integers(1, 6, len(r))
    dysfunctional = rng.integers(1, 6, len(r))
    planted_f = np.array([_PAIR[c][0] for c in PLANTED])
    planted_d = np.array([_PAIR[c][1] for c in PLANTED])
    follow = rng.random(len(r)) < np.where(np.array(PLANTED)[ft] == "M", 0.55, 0.5)
    functional = np.where(follow, planted_f[ft], functional)
    dysfunctional = np.where(follow, planted_d[ft], dysfunctional)
    kano = pd.DataFrame({
        "respondent": _cat(r, resp_names),
        "department": _cat(dept[r], DEPARTMENTS),
        "feature": _cat(ft, FEATURES),
        "functional": functional.astype("int64"),
        "dysfunctional": dysfunctional.astype("int64"),
        "importance": rng.integers(1, 10, len(r)).astype("int64"),
    })

    # --- satisfaction: one sheet per respondent
    base = latent + prov_effect
    share = 0.01 if missing else 0.0
    satisfaction = pd.DataFrame({
        "respondent": _cat(resp, resp_names),
        "department": _cat(dept, DEPARTMENTS),
        "provider": _cat(prov, DEPARTMENTS),
        "wave": _cat(wave, WAVES),
        "nps": _sparse_nan(rng, np.clip(np.rint(7.5 + 1.6 * base + rng.normal(0, 1.3, n)), 0, 10), share),
        "csat": _sparse_nan(rng, np.clip(np.rint(3.8 + 0.8 * base + rng.normal(0, 0.7, n)), 1, 5), share),
        "ces": _sparse_nan(rng, np.clip(np.rint(5.0 + 1.0 * base + rng.normal(0, 0.9, n)), 1, 7), share),
    })
    return {"servqual": servqual, "kano": kano, "satisfaction": satisfaction}
