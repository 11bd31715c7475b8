"""Full model analysis of 100,000 respondents: isq vs a per-respondent Python loop (target >= 50x, isq < 2 s).

The analysis: SERVQUAL dimension gaps by provider (the department rated) and wave with
t-intervals (``isq.servqual_gaps``), Kano on 12 features (``isq.kano_summary``), NPS/CSAT/CES
by provider (``isq.satisfaction_by``) and Cronbach's alpha of the perceptions per SERVQUAL
dimension (``isq.alpha_by_dimension``, pairwise). The baseline computes the same figures the
way a consultant would script them: one pass over the answers accumulating plain dicts, then
per-group arithmetic (scipy only for the t/F/normal quantiles) — no pandas groupby, no numpy
vectorisation. Both run in the same process on the same data (benchmarks/_synthetic.py), and
the figures are checked to agree before any time is reported.
"""

import math
import time
from collections import defaultdict

import numpy as np

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
    t = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - t


def run(n_respondents=N_RESPONDENTS, repeat=3):
    from ._synthetic import synthetic

    data = synthetic(n_respondents)
    import isq  # noqa: F401  (import cost is bench_import's business)

    isq_analysis(data)  # warm-up: scipy imports, first-call caches
    parts = PARTS
    isq_times = {p: [] for p in parts}
    isq_out = None
    for _ in range(repeat):
        isq_out = {}
        for p in parts:
            isq_out[p], s = _timed(isq_part, data, p)
            isq_times[p].append(s)
    isq_s = {p: min(v) for p, v in isq_times.items()}
    loop_out, loop_s = {}, {}
    for p in parts:
        loop_out[p], loop_s[p] = _timed(loop_part, data, p)
    problems = compare(isq_out, loop_out)
    if problems:
        raise RuntimeError("isq and the loop disagree:\n  " + "\n  ".join(problems[:20]))
    rows = []
    for p, what in parts.items():
        rows.append(dict(name=f"{what}", isq_s=isq_s[p], baseline_s=loop_s[p],
                         ratio=loop_s[p] / isq_s[p], what="(loop / isq)"))
    total_isq, total_loop = sum(isq_s.values()), sum(loop_s.values())
    rows.append(dict(
        name=f"full analysis, {n_respondents:,} respondents", isq_s=total_isq,
        baseline_s=total_loop, ratio=total_loop / total_isq,
        what="(loop / isq; figures agree)", target="target >= 50x and isq < 2 s",
        ok=total_loop / total_isq >= 50 and total_isq < 2.0,
    ))
    return rows



if __name__ == "__main__":
    for row in run():
        print(row)
