"""Full model analysis of 100,000 respondents: isq vs a Python loop, plain pandas and a numpy floor.

The analysis: SERVQUAL dimension gaps by provider (the department rated) and wave with
t-intervals (``isq.servqual_gaps``), Kano on 12 features (``isq.kano_summary``), NPS/CSAT/CES
by provider (``isq.satisfaction_by``) and Cronbach's alpha of the perceptions per SERVQUAL
dimension (``isq.alpha_by_dimension``, pairwise). The baseline computes the same figures the
way a consultant would script them: one pass over the answers accumulating plain dicts, then
per-group arithmetic (scipy only for the t/F/normal quantiles) — no pandas groupby, no numpy
vectorisation. Targets (issue 13), per model and in total: isq at most 1.25x the plain
pandas version written side by side (``pandas_*``: groupby, agg, column arithmetic) and at
most 2x the bare numpy floor (``floor_*``: one bincount per sum on the categorical codes,
after the same answer checks isq makes), and the whole analysis under 2 s. Times are CPU
seconds (best of 3): the machine is shared, and wall time follows the other jobs. The loop
ratio is printed for scale; the former ">= 50x the loop" target belonged to the
key-compression engine that issue 13 removed. All run in the same process on the same data
(benchmarks/_synthetic.py), and the figures are checked to agree before any time is
reported. ``ISQ_BENCH_BIG=1`` adds the 1,000,000-respondent run (time and peak memory, in a
fresh process). Measured numbers: benchmarks/README.md.
"""

import math
import time
from collections import defaultdict

import numpy as np
import pandas as pd

N_RESPONDENTS = 100_000
MIN_GROUP = 5

# --- isq ----------------------------------------------------------------------------------


PARTS = {
    "servqual": "servqual_gaps by provider x wave (dimension)",
    "kano": "kano_summary, 12 features",
    "satisfaction": "satisfaction_by provider (NPS/CSAT/CES)",
    "alpha": "alpha_by_dimension (perception, pairwise)",
}


def isq_part(data, part):
    """One figure set computed by isq (the public API, categorical key columns)."""
    import isq

    sq = data["servqual"]
    if part == "servqual":
        return isq.servqual_gaps(sq, by=["provider", "wave"], level="dimension")
    if part == "kano":
        return isq.kano_summary(data["kano"])
    if part == "satisfaction":
        return isq.satisfaction_by(data["satisfaction"], by="provider")
    return isq.alpha_by_dimension(sq, respondent=["respondent", "provider", "wave"],
                                  score="perception")


def isq_analysis(data):
    return {p: isq_part(data, p) for p in PARTS}


# --- the loop baseline -------------------------------------------------------------------

_KANO_TABLE = {  # rows functional 1..5, columns dysfunctional 1..5 (METHODS.md)
    1: "QAAAO", 2: "RIIIM", 3: "RIIIM", 4: "RIIIM", 5: "RRRRQ",
}
_KANO_ORDER = "MOAIRQ"


def _isnan(x):
    return x != x


def loop_servqual(sq, ci=0.95):
    """Dimension gaps by provider and wave, one respondent at a time."""
    from scipy.stats import t

    # one answer sheet per (respondent, provider, wave); sums of the answered pairs per dimension
    sheets = defaultdict(lambda: defaultdict(lambda: [0.0, 0.0, 0]))
    for resp, prov, wave, dim, e, p in zip(
        sq["respondent"].tolist(), sq["provider"].tolist(), sq["wave"].tolist(),
        sq["dimension"].tolist(), sq["expectation"].tolist(), sq["perception"].tolist(),
    ):
        if _isnan(e) or _isnan(p):
            continue
        acc = sheets[(prov, wave, resp)][dim]
        acc[0] += e
        acc[1] += p
        acc[2] += 1
    # each respondent's dimension score (one answer per item on a sheet), then group lists
    groups = defaultdict(lambda: ([], [], []))
    for (prov, wave, _resp), dims in sheets.items():
        for dim, (se, sp, k) in dims.items():
            g = groups[(prov, wave, dim)]
            g[0].append(se / k)
            g[1].append(sp / k)
            g[2].append((sp - se) / k)
    out = {}
    for key, (es, ps, gaps) in groups.items():
        n = len(gaps)
        if n < MIN_GROUP:
            out[key] = dict(n=n, gap=math.nan, gap_ci_low=math.nan, gap_ci_high=math.nan,
                            expectation_mean=math.nan, perception_mean=math.nan)
            continue
        mean = sum(gaps) / n
        sd = math.sqrt(sum((x - mean) ** 2 for x in gaps) / (n - 1)) if n > 1 else math.nan
        half = t.ppf((1 + ci) / 2, n - 1) * sd / math.sqrt(n) if n > 1 else math.nan
        out[key] = dict(n=n, gap=mean, gap_ci_low=mean - half, gap_ci_high=mean + half,
                        expectation_mean=sum(es) / n, perception_mean=sum(ps) / n)
    return out


def loop_kano(kano, tie_band=0.06):
    counts = defaultdict(lambda: dict.fromkeys(_KANO_ORDER, 0))
    for feat, f, d in zip(kano["feature"].tolist(), kano["functional"].tolist(),
                          kano["dysfunctional"].tolist()):
        if _isnan(f) or _isnan(d):
            continue
        counts[feat][_KANO_TABLE[int(f)][int(d) - 1]] += 1
    out = {}
    for feat, c in counts.items():
        n = sum(c.values())
        ranked = sorted(_KANO_ORDER, key=lambda k: (-c[k], _KANO_ORDER.index(k)))
        top, second = ranked[0], ranked[1]
        strength = (c[top] - c[second]) / n
        rule = top
        if strength <= tie_band:
            rule = min(top, second, key=_KANO_ORDER.index)
        denom = c["A"] + c["O"] + c["M"] + c["I"]
        a, b = c[top], c[second]
        out[feat] = dict(
            n=n, **c, category=top, category_rule=rule,
            better=(c["A"] + c["O"]) / denom if denom else math.nan,
            worse=-(c["O"] + c["M"]) / denom if denom else math.nan,
            total_strength=(c["A"] + c["O"] + c["M"]) / n, category_strength=strength,
            fong_significant=abs(a - b) >= 1.65 * math.sqrt((a + b) * (2 * n - a - b) / (2 * n)),
        )
    return out


def _wilson(k, n, z):
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z / denom * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(centre - half, 0.0), min(centre + half, 1.0)


def loop_satisfaction(sat, ci=0.95):
    from scipy.stats import norm

    z = float(norm.ppf(0.5 + ci / 2))
    acc = defaultdict(lambda: dict(n=0, nps_n=0, pro=0, det=0, csat_n=0, top=0, csum=0.0,
                                   ces_n=0, agree=0, esum=0.0))
    for prov, v_nps, v_csat, v_ces in zip(sat["provider"].tolist(), sat["nps"].tolist(),
                                          sat["csat"].tolist(), sat["ces"].tolist()):
        a = acc[prov]
        answered = False
        if not _isnan(v_nps):
            answered = True
            a["nps_n"] += 1
            a["pro"] += v_nps >= 9
            a["det"] += v_nps <= 6
        if not _isnan(v_csat):
            answered = True
            a["csat_n"] += 1
            a["top"] += v_csat >= 4
            a["csum"] += v_csat
        if not _isnan(v_ces):
            answered = True
            a["ces_n"] += 1
            a["agree"] += v_ces >= 5
            a["esum"] += v_ces
        a["n"] += answered
    out = {}
    for prov, a in acc.items():
        if a["n"] < MIN_GROUP:
            out[prov] = dict(n=a["n"], nps=math.nan, nps_ci_low=math.nan, nps_ci_high=math.nan,
                             csat=math.nan, csat_ci_low=math.nan, csat_ci_high=math.nan,
                             csat_mean=math.nan, ces_mean=math.nan, ces_agree=math.nan)
            continue
        p, d = a["pro"] / a["nps_n"], a["det"] / a["nps_n"]
        nps = 100 * (p - d)
        se = 100 * math.sqrt(max(p + d - (p - d) ** 2, 0.0) / a["nps_n"])
        c_lo, c_hi = _wilson(a["top"], a["csat_n"], z)
        out[prov] = dict(n=a["n"], nps=nps, nps_ci_low=nps - z * se, nps_ci_high=nps + z * se,
                         csat=a["top"] / a["csat_n"], csat_ci_low=c_lo, csat_ci_high=c_hi,
                         csat_mean=a["csum"] / a["csat_n"], ces_mean=a["esum"] / a["ces_n"],
                         ces_agree=a["agree"] / a["ces_n"])
    return out


def loop_alpha(sq, ci=0.95):
    """Pairwise Cronbach's alpha of the perceptions per dimension, with the Feldt interval."""
    from scipy.stats import f

    sheets = defaultdict(dict)  # (respondent, provider, wave, dimension) -> {item: score}
    items = defaultdict(set)
    for resp, prov, wave, item, dim, p in zip(
        sq["respondent"].tolist(), sq["provider"].tolist(), sq["wave"].tolist(),
        sq["item"].tolist(), sq["dimension"].tolist(), sq["perception"].tolist(),
    ):
        items[dim].add(item)
        if not _isnan(p):
            sheets[(resp, prov, wave, dim)][item] = p
    # pairwise sums: n, sum x, sum y, sum xy for every item pair (i <= j) of a dimension
    sums = {dim: defaultdict(lambda: [0, 0.0, 0.0, 0.0]) for dim in items}
    n_rows = defaultdict(int)
    for (_r, _p, _w, dim), answers in sheets.items():
        n_rows[dim] += 1
        s = sums[dim]
        pairs = sorted(answers.items())
        for i, (a, x) in enumerate(pairs):
            for b, y in pairs[i:]:
                acc = s[(a, b)]
                acc[0] += 1
                acc[1] += x
                acc[2] += y
                acc[3] += x * y
    out = {}
    for dim, s in sums.items():
        names = sorted(items[dim])
        k = len(names)
        total = trace = 0.0
        for i, a in enumerate(names):
            for b in names[i:]:
                m, sx, sy, sxy = s[(a, b)]
                cov = (sxy - sx * sy / m) / (m - 1)
                total += cov if a == b else 2 * cov
                trace += cov if a == b else 0.0
        alpha = k / (k - 1) * (1 - trace / total)
        n = n_rows[dim]
        df1, df2 = n - 1, (n - 1) * (k - 1)
        tail = (1 - ci) / 2
        out[dim] = dict(alpha=alpha, n=n, k=k,
                        ci_low=1 - (1 - alpha) * f.isf(tail, df1, df2),
                        ci_high=1 - (1 - alpha) * f.isf(1 - tail, df1, df2))
    return out


LOOPS = {"servqual": loop_servqual, "kano": loop_kano,
         "satisfaction": loop_satisfaction, "alpha": loop_alpha}


def loop_part(data, part):
    return LOOPS[part](data["servqual"] if part in ("servqual", "alpha") else data[part])


def loop_analysis(data):
    return {p: loop_part(data, p) for p in LOOPS}


# --- plain pandas, side by side -----------------------------------------------------------
# The same figures as a statistician would write them in pandas: groupby, agg, column
# arithmetic. No isq helper; scipy only for quantiles. Checked against the loop like isq.


def pandas_servqual(sq, ci=0.95):
    from scipy.stats import t

    d = sq.dropna(subset=["expectation", "perception"])
    d = d.assign(gap=d["perception"] - d["expectation"])
    per = (d.groupby(["respondent", "provider", "wave", "dimension"], observed=True)
           [["expectation", "perception", "gap"]].mean())
    g = per.groupby(level=["provider", "wave", "dimension"], observed=True)
    out = g.mean().rename(columns={"expectation": "expectation_mean",
                                   "perception": "perception_mean"})
    out["n"] = g.size()
    half = t.ppf((1 + ci) / 2, out["n"] - 1) * g["gap"].std() / np.sqrt(out["n"])
    out["gap_ci_low"], out["gap_ci_high"] = out["gap"] - half, out["gap"] + half
    out.loc[out["n"] < MIN_GROUP, out.columns != "n"] = np.nan
    return out.reset_index()


def pandas_kano(kano, tie_band=0.06):
    d = kano.dropna(subset=["functional", "dysfunctional"])
    table = np.array([list(_KANO_TABLE[f]) for f in range(1, 6)])
    cat = table[d["functional"].astype(int) - 1, d["dysfunctional"].astype(int) - 1]
    counts = (d.assign(category=cat).groupby(["feature", "category"], observed=True).size()
              .unstack(fill_value=0).reindex(columns=list("AOMIRQ"), fill_value=0))
    n = counts.sum(axis=1)
    order = {c: i for i, c in enumerate(_KANO_ORDER)}
    ranked = counts.apply(lambda r: sorted(r.index, key=lambda c: (-r[c], order[c]))[:2],
                          axis=1, result_type="expand")
    top, second = ranked[0], ranked[1]
    a = pd.Series([counts.at[f, c] for f, c in top.items()], index=counts.index)
    b = pd.Series([counts.at[f, c] for f, c in second.items()], index=counts.index)
    out = counts.copy()
    out["n"] = n
    out["category"] = top
    out["category_strength"] = (a - b) / n
    rule_second = second.map(order) < top.map(order)
    out["category_rule"] = top.where(~((out["category_strength"] <= tie_band) & rule_second),
                                     second)
    denom = counts[["A", "O", "M", "I"]].sum(axis=1)
    out["better"] = (counts["A"] + counts["O"]) / denom
    out["worse"] = -(counts["O"] + counts["M"]) / denom
    out["total_strength"] = (counts["A"] + counts["O"] + counts["M"]) / n
    out["fong_significant"] = (a - b).abs() >= 1.65 * np.sqrt((a + b) * (2 * n - a - b) / (2 * n))
    return out.reset_index()


def pandas_satisfaction(sat, ci=0.95):
    from scipy.stats import norm

    z = norm.ppf(0.5 + ci / 2)
    d = sat.assign(pro=sat["nps"] >= 9, det=sat["nps"] <= 6, top=sat["csat"] >= 4,
                   agree=sat["ces"] >= 5, answered=sat[["nps", "csat", "ces"]].notna().any(axis=1))
    g = d.groupby("provider", observed=True)
    c = g.agg(n=("answered", "sum"), nps_n=("nps", "count"), csat_n=("csat", "count"),
              ces_n=("ces", "count"), csat_mean=("csat", "mean"), ces_mean=("ces", "mean"))
    pro = g["pro"].sum() / c["nps_n"]
    det = g["det"].sum() / c["nps_n"]
    top = g["top"].sum()
    out = pd.DataFrame({"n": c["n"]})
    out["nps"] = 100 * (pro - det)
    se = 100 * np.sqrt((pro + det - (pro - det) ** 2) / c["nps_n"])
    out["nps_ci_low"], out["nps_ci_high"] = out["nps"] - z * se, out["nps"] + z * se
    out["csat"] = top / c["csat_n"]
    p, m = out["csat"], c["csat_n"]
    centre = (p + z**2 / (2 * m)) / (1 + z**2 / m)
    half = z / (1 + z**2 / m) * np.sqrt(p * (1 - p) / m + z**2 / (4 * m**2))
    out["csat_ci_low"], out["csat_ci_high"] = (centre - half).clip(0, 1), (centre + half).clip(0, 1)
    out["csat_mean"], out["ces_mean"] = c["csat_mean"], c["ces_mean"]
    out["ces_agree"] = g["agree"].sum() / c["ces_n"]
    out.loc[out["n"] < MIN_GROUP, out.columns != "n"] = np.nan
    return out.reset_index()


def pandas_alpha(sq, ci=0.95):
    from scipy.stats import f

    wide = sq.pivot(index=["respondent", "provider", "wave"], columns="item", values="perception")
    rows = []
    for dim, items in sq[["item", "dimension"]].drop_duplicates().groupby("dimension", observed=True)["item"]:
        sub = wide[list(items)].dropna(how="all")
        c, n, k = sub.cov(), len(sub), len(items)
        alpha = k / (k - 1) * (1 - np.trace(c) / c.to_numpy().sum())
        df1, df2, tail = n - 1, (n - 1) * (k - 1), (1 - ci) / 2
        rows.append(dict(dimension=dim, alpha=alpha, n=n, k=k,
                         ci_low=1 - (1 - alpha) * f.isf(tail, df1, df2),
                         ci_high=1 - (1 - alpha) * f.isf(1 - tail, df1, df2)))
    return pd.DataFrame(rows)


PANDAS = {"servqual": pandas_servqual, "kano": pandas_kano,
          "satisfaction": pandas_satisfaction, "alpha": pandas_alpha}


def pandas_part(data, part):
    return PANDAS[part](data["servqual"] if part in ("servqual", "alpha") else data[part])


# --- the numpy floor -------------------------------------------------------------------------
# The least general work the figures need, in bare numpy: the categorical codes as they are,
# one mixed-radix key per row, observed groups renumbered through a dense bit array, one
# np.bincount per sum (the old isq "key engine" in a few lines, without validation, without
# pandas output frames). No assumption about the data's shape.


def _dense_groups(codes, sizes, drop=None):
    """Group ids 0..k-1 of the code combinations (sorted) and the code combination keys."""
    key = np.zeros(len(codes[0]), dtype=np.int64)
    for c, s in zip(codes, sizes):
        key = key * s + c
    space = int(np.prod(sizes))
    if drop is not None:
        key[drop] = space
    present = np.zeros(space + 1, dtype=bool)
    present[key] = True
    ids = np.cumsum(present) - 1
    keys = np.flatnonzero(present)
    return ids[key], keys


def floor_servqual(sq, ci=0.95):
    from scipy.stats import t

    e, p = sq["expectation"].to_numpy(), sq["perception"].to_numpy()
    drop = np.isnan(e) | np.isnan(p)
    cols = ["respondent", "provider", "wave", "dimension"]
    codes = [sq[c].cat.codes.to_numpy() for c in cols]
    sizes = [len(sq[c].cat.categories) for c in cols]
    ids, keys = _dense_groups(codes, sizes, drop)
    k = np.bincount(ids)
    score = (np.bincount(ids, weights=p) - np.bincount(ids, weights=e)) / k
    real = keys < np.prod(sizes)
    score, group = score[real], keys[real] % (sizes[1] * sizes[2] * sizes[3])
    m = sizes[1] * sizes[2] * sizes[3]  # provider x wave x dimension cells
    n = np.bincount(group, minlength=m)
    mean = np.bincount(group, weights=score, minlength=m) / n
    sd = np.sqrt(np.bincount(group, weights=(score - mean[group]) ** 2, minlength=m) / (n - 1))
    return mean, mean - t.ppf((1 + ci) / 2, n - 1) * sd / np.sqrt(n), n


def _floor_check(v, low, high):
    """The answer check isq must make too (else its figures could be wrong): every answer
    a whole number in the scale, NaN = missing."""
    whole = v.dtype.kind in "iu"
    x = v if whole else v[~np.isnan(v)]
    if x.size and (x.min() < low or x.max() > high or not whole and (x != np.round(x)).any()):
        raise ValueError("answer outside the scale")


def floor_kano(kano):
    f, d = kano["functional"].to_numpy(), kano["dysfunctional"].to_numpy()
    _floor_check(f, 1, 5)
    _floor_check(d, 1, 5)
    codes = np.array([["AOMIRQ".index(c) for c in _KANO_TABLE[i]] for i in range(1, 6)])
    cat = codes[f - 1, d - 1]
    feat = kano["feature"].cat.codes.to_numpy().astype(np.int64)
    counts = np.bincount(feat * 6 + cat, minlength=12 * 6).reshape(12, 6)
    denom = counts[:, :4].sum(axis=1)
    return (counts[:, 0] + counts[:, 1]) / denom, -(counts[:, 1] + counts[:, 2]) / denom, counts


def floor_satisfaction(sat):
    """The sums every figure of satisfaction_by needs (answers, the shares' counts, the
    means' sums per provider), after the answer check."""
    prov = sat["provider"].cat.codes.to_numpy()
    answered = np.zeros(len(sat), dtype=bool)
    out = {}
    for col, (low, high), cuts in (("nps", (0, 10), (9, 7)), ("csat", (1, 5), (4,)),
                                   ("ces", (1, 7), (5,))):
        v = sat[col].to_numpy()
        _floor_check(v, low, high)
        ok = ~np.isnan(v)
        answered |= ok
        g, x = prov[ok], v[ok]
        n = np.bincount(g, minlength=8)
        out[col] = [np.bincount(g, weights=x >= cuts[0], minlength=8) / n,
                    np.bincount(g, weights=x, minlength=8) / n]
        if col == "nps":  # detractors: 0-6
            out[col].append(np.bincount(g, weights=x < cuts[1], minlength=8) / n)
    out["n"] = np.bincount(prov[answered], minlength=8)
    return out


def floor_alpha(sq):
    cols = ["respondent", "provider", "wave"]
    sheet, _ = _dense_groups([sq[c].cat.codes.to_numpy() for c in cols],
                             [len(sq[c].cat.categories) for c in cols])
    item = sq["item"].cat.codes.to_numpy()
    wide = np.full((sheet.max() + 1, len(sq["item"].cat.categories)), np.nan)
    wide[sheet, item] = sq["perception"].to_numpy()
    dim_of_item = np.zeros(wide.shape[1], dtype=int)
    dim_of_item[item] = sq["dimension"].cat.codes.to_numpy()
    out = []
    for d in range(len(sq["dimension"].cat.categories)):
        c = pd.DataFrame(wide[:, dim_of_item == d]).cov().to_numpy()  # pairwise (Cython)
        k = c.shape[0]
        out.append(k / (k - 1) * (1 - np.trace(c) / c.sum()))
    return out


FLOORS = {"servqual": floor_servqual, "kano": floor_kano,
          "satisfaction": floor_satisfaction, "alpha": floor_alpha}


def floor_part(data, part):
    return FLOORS[part](data["servqual"] if part in ("servqual", "alpha") else data[part])


# --- agreement -----------------------------------------------------------------------------


def _close(a, b, rtol=1e-9, atol=1e-9):
    if isinstance(a, (str, bool, np.bool_)) or isinstance(b, (str, bool, np.bool_)):
        return a == b
    a, b = float(a), float(b)
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return abs(a - b) <= atol + rtol * abs(b)


def _compare_rows(name, frame, keys, expected):
    """Every figure of ``expected`` (dict key -> figures) against the isq rows."""
    problems = []
    seen = set()
    for rec in frame.to_dict("records"):
        key = tuple(str(rec[k]) for k in keys)
        key = key[0] if len(key) == 1 else key
        seen.add(key)
        want = expected.get(key)
        if want is None:
            problems.append(f"{name}: isq has a group {key!r} that the loop does not")
            continue
        for col, v in want.items():
            got = rec[col]
            got = math.nan if got is None or got is getattr(__import__("pandas"), "NA") else got
            if not _close(got, v):
                problems.append(f"{name} {key!r} {col}: isq {got!r} vs loop {v!r}")
    for key in set(expected) - seen:
        problems.append(f"{name}: the loop has a group {key!r} that isq does not")
    return problems


def compare(isq_out, loop_out):
    """List of disagreements (empty when isq and the loop give the same figures)."""
    return [
        *_compare_rows("servqual", isq_out["servqual"], ["provider", "wave", "dimension"],
                       loop_out["servqual"]),
        *_compare_rows("kano", isq_out["kano"], ["feature"], loop_out["kano"]),
        *_compare_rows("satisfaction", isq_out["satisfaction"], ["provider"],
                       loop_out["satisfaction"]),
        *_compare_rows("alpha", isq_out["alpha"], ["dimension"], loop_out["alpha"]),
    ]


# --- the benchmark -------------------------------------------------------------------------


def _timed(fn, *args):
    """(result, seconds of CPU time): on the shared machine wall time follows the other jobs'
    load, CPU time the work done (everything here runs on one thread)."""
    t = time.process_time()
    out = fn(*args)
    return out, time.process_time() - t


def _best(fn, data, part, repeat):
    out, best = None, math.inf
    for _ in range(repeat):
        out, s = _timed(fn, data, part)
        best = min(best, s)
    return out, best


def floor_agrees(isq_out, floor_out):
    """The floor computes the same figures (a few checked): else its timing means nothing."""
    sq = isq_out["servqual"]
    mean, low, n = floor_out["servqual"]
    code = (sq["provider"].cat.codes * 2 + sq["wave"].cat.codes) * 5 + sq["dimension"].cat.codes
    ok = sq["gap"].notna().to_numpy()
    kano = isq_out["kano"]
    sat = isq_out["satisfaction"]
    checks = [
        np.allclose(mean[code[ok]], sq["gap"][ok]) and (n[code] == sq["n"]).all(),
        np.allclose(floor_out["kano"][0], kano["better"]),
        np.allclose(floor_out["satisfaction"]["csat"][0][sat["provider"].cat.codes], sat["csat"],
                    equal_nan=True) or sat["csat"].isna().any(),
        np.allclose(floor_out["alpha"], isq_out["alpha"]["alpha"]),
    ]
    return all(checks)


#: Targets of issue 13: isq / plain pandas and isq / numpy floor, per model and in total.
PANDAS_TARGET = 1.25
FLOOR_TARGET = 2.0
TOTAL_TARGET_S = 2.0
#: ``ISQ_BENCH_BIG=1 make bench`` adds the 1,000,000-respondent run (about a minute, ~3 GB).
BIG_ENV = "ISQ_BENCH_BIG"


def _rows(name, isq_s, base):
    """The rows of one model (or the total): isq against the loop (for scale), against plain
    pandas and against the numpy floor, each with its target."""
    rows = []
    if "loop" in base:
        rows.append(dict(name=name, isq_s=isq_s, baseline_s=base["loop"], what="(loop / isq)",
                         ratio=base["loop"] / isq_s))
    for impl, label, target in (("pandas", "plain pandas", PANDAS_TARGET),
                                ("floor", "numpy floor", FLOOR_TARGET)):
        ratio = isq_s / base[impl]
        rows.append(dict(name=name, isq_s=isq_s, baseline_s=base[impl], ratio=ratio,
                         what=f"(isq / {label})", target=f"target <= {target}",
                         ok=ratio <= target))
    return rows


def run(n_respondents=N_RESPONDENTS, repeat=3, loop=True, big_run=None):
    """Rows for ``python -m benchmarks``: per model isq against the loop, plain pandas and
    the numpy floor, then the totals. ``loop=False`` skips the (slow) loop baseline;
    ``big_run`` (default: the ``ISQ_BENCH_BIG`` environment variable) adds the
    1,000,000-respondent run in a fresh process, for its peak memory."""
    import os

    from ._synthetic import synthetic

    data = synthetic(n_respondents)
    import isq  # noqa: F401  (import cost is bench_import's business)

    isq_analysis(data)  # warm-up: scipy and statsmodels imports, first-call caches
    pandas_part(data, "servqual")
    timed = {}  # (implementation, part) -> seconds
    outs = {}
    for p in PARTS:  # interleaved, so that a busy machine slows all three alike
        outs["isq", p], timed["isq", p] = _best(isq_part, data, p, repeat)
        outs["pandas", p], timed["pandas", p] = _best(pandas_part, data, p, repeat)
        with np.errstate(invalid="ignore", divide="ignore"):
            outs["floor", p], timed["floor", p] = _best(floor_part, data, p, repeat)
    isq_out = {p: outs["isq", p] for p in PARTS}
    if not floor_agrees(isq_out, {p: outs["floor", p] for p in PARTS}):
        raise RuntimeError("isq and the numpy floor disagree")
    if loop:
        loop_out = {}
        for p in PARTS:
            loop_out[p], timed["loop", p] = _timed(loop_part, data, p)
        problems = compare(isq_out, loop_out) + compare({p: outs["pandas", p] for p in PARTS},
                                                         loop_out)
        if problems:
            raise RuntimeError("isq, pandas and the loop disagree:\n  " + "\n  ".join(problems[:20]))
    impls = ("loop", "pandas", "floor") if loop else ("pandas", "floor")
    rows = []
    for p, what in PARTS.items():
        rows += _rows(what, timed["isq", p], {i: timed[i, p] for i in impls})
    total = {i: sum(timed[i, p] for p in PARTS) for i in ("isq", *impls)}
    name = f"full analysis, {n_respondents:,} respondents"
    rows += _rows(name, total["isq"], {i: total[i] for i in impls})
    rows.append(dict(text=f"   {name}: isq {total['isq']:.3f} s CPU, target < {TOTAL_TARGET_S:g} s"
                          " (figures agree with plain pandas, the floor and the loop)",
                     ok=total["isq"] < TOTAL_TARGET_S))
    if big_run is None:
        big_run = os.environ.get(BIG_ENV, "") not in ("", "0")
    if big_run:
        rows += big_rows()
    else:
        rows.append(dict(text=f"   (1,000,000 respondents: {BIG_ENV}=1 make bench, or "
                              "python -m benchmarks.bench_models 1000000)"))
    return rows


def big_rows(n_respondents=1_000_000):
    """The big run in a fresh process (its peak memory is the analysis's own), as text rows."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "benchmarks.bench_models", str(n_respondents)],
                          capture_output=True, text=True, check=True)
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    peak = float(lines[-1].split("peak RSS ")[1].split(" GiB")[0])
    return [dict(text=f"   {n_respondents:,} respondents:")] + [
        dict(text=line, ok=(i < len(lines) - 1 or peak < 8)) for i, line in enumerate(lines)]


def big(n_respondents=1_000_000):
    """One timed isq analysis of ``n_respondents`` (wall and CPU seconds) and the peak memory
    of the process (``python -m benchmarks.bench_models 1000000``; run it once, it is big)."""
    import resource

    from ._synthetic import synthetic

    data = synthetic(n_respondents)
    data_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    isq_part({k: v.head(2200) for k, v in data.items()}, "servqual")  # imports, not timed
    out = {}
    for p in PARTS:
        wall, cpu = time.perf_counter(), time.process_time()
        isq_part(data, p)
        out[p] = (time.perf_counter() - wall, time.process_time() - cpu)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    for p, (w, c) in out.items():
        print(f"   {PARTS[p]:<48} wall {w:7.2f} s   cpu {c:7.2f} s")
    print(f"   total wall {sum(w for w, _ in out.values()):.2f} s, cpu {sum(c for _, c in out.values()):.2f} s;"
          f" peak RSS {peak:.2f} GiB (after building the data: {data_peak:.2f} GiB); target < 8 GiB")
    return out, peak


if __name__ == "__main__":
    import sys

    if len(sys.argv) > 1:
        big(int(sys.argv[1]))
    else:
        for row in run():
            print(row)
