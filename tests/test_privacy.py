"""Tests for isq.data.privacy: minimum group size, primary and complementary suppression.

Reference for the rule: Hundepool et al. (2012), *Statistical Disclosure Control*, Wiley,
ch. 4 (threshold rule, primary and secondary suppression) and Cox (1980), JASA 75,
377-385: in a table with additive relations (total = sum of parts) a lone suppressed cell
in a relation is recovered by subtraction, so a second (complementary) cell must be
suppressed; more generally no suppressed cell may be determined by any linear combination
of the published relations. The adversarial tests below play the attacker with an
independent rank test (numpy.linalg.matrix_rank), not with the module's own audit.
"""

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import isq
from isq.data.privacy import _constraints, _determined

K = 5


# --------------------------------------------------------------------------- attacker
def _recoverable(relations, masked):
    """Masked rows an attacker can compute exactly from the visible rows.

    ``relations``: list of (parent row or None for a public aggregate, child rows), meaning
    value(parent) = sum of value(children). Unknowns are the masked rows; a masked row x is
    recoverable iff adding the unit vector e_x to the relation matrix (restricted to the
    masked columns) does not increase its rank.
    """
    mpos = [i for i, m in enumerate(masked) if m]
    if not mpos:
        return []
    col = {r: c for c, r in enumerate(mpos)}
    rows = []
    for parent, children in relations:
        row = np.zeros(len(mpos))
        for c in children:
            if c in col:
                row[col[c]] += 1
        if parent is not None and parent in col:
            row[col[parent]] -= 1
        rows.append(row)
    a = np.array(rows) if rows else np.zeros((0, len(mpos)))
    base = np.linalg.matrix_rank(a) if a.size else 0
    out = []
    for r, c in col.items():
        e = np.zeros(len(mpos))
        e[c] = 1
        if np.linalg.matrix_rank(np.vstack([a, e])) == base:
            out.append(r)
    return out


def _attack_by_subtraction(out, relations, figure):
    """Direct attack: total - visible parts, wherever a relation hides one cell only.

    Works on ``figure`` (counts/sums) and on mean x n for means. Returns the list of rows
    whose figure the attacker obtained.
    """
    got = []
    hidden = out["suppressed"].to_numpy()
    for parent, children in relations:
        cells = ([parent] if parent is not None else []) + list(children)
        h = [c for c in cells if hidden[c]]
        if len(h) == 1:
            got.append(h[0])
    return got


# --------------------------------------------------------------------------- worked cases
def test_single_small_group_with_total_masks_next_smallest():
    """Hundepool et al. (2012) 4.2: A(3), B(20), C(30) and a total: A = T - B - C unless B
    (the next-smallest) is suppressed as well."""
    t = pd.DataFrame(
        {"department": ["A", "B", "C", "total"], "n": [3, 20, 30, 53],
         "count": [1, 12, 25, 38], "mean": [4.0, 5.5, 6.0, 5.79]}
    )
    out = isq.suppress_small_groups(t, total="total")
    assert out["suppressed"].tolist() == [True, True, False, False]
    assert out["suppressed_reason"].tolist()[:2] == ["small_group", "complementary"]
    assert out["count"].isna().tolist() == [True, True, False, False]
    assert out["mean"].isna().tolist() == [True, True, False, False]
    assert out["n"].isna().tolist() == [True, True, False, False]
    # the caller's table is untouched
    assert t["n"].tolist() == [3, 20, 30, 53] and "suppressed" not in t


def test_implicit_total_is_assumed_public():
    """Without a total row the company figure is published elsewhere: still complementary."""
    t = pd.DataFrame({"department": ["A", "B", "C"], "n": [3, 20, 30], "nps": [10.0, 20.0, 30.0]})
    out = isq.suppress_small_groups(t)
    assert out["suppressed"].tolist() == [True, True, False]
    only_primary = isq.suppress_small_groups(t, complementary=False)
    assert only_primary["suppressed"].tolist() == [True, False, False]


def test_exactly_min_group_size_is_shown_and_one_less_is_not():
    t = pd.DataFrame({"department": ["A", "B", "C"], "n": [5, 5, 4], "x": [1.0, 2.0, 3.0]})
    out = isq.suppress_small_groups(t)
    assert out["suppressed_reason"].tolist()[2] == "small_group"
    assert out["suppressed"].sum() == 2  # C primary, one of A/B complementary
    all_five = isq.suppress_small_groups(t.assign(n=[5, 5, 5]))
    assert not all_five["suppressed"].any()
    assert isq.check_min_group_size(5) and not isq.check_min_group_size(4)


def test_missing_n_is_masked_with_its_reason():
    t = pd.DataFrame({"department": ["A", "B", "C"], "n": [None, 20, 30], "x": [1.0, 2.0, 3.0]})
    out = isq.suppress_small_groups(t)
    assert out["suppressed_reason"].iloc[:2].tolist() == ["n_missing", "complementary"]
    assert pd.isna(out["suppressed_reason"].iloc[2]) and out["n"].iloc[2] == 30


def test_all_groups_small_masks_every_group_but_keeps_a_large_total():
    t = pd.DataFrame({"department": ["A", "B", "C", "total"], "n": [2, 3, 4, 9],
                      "x": [1.0, 2.0, 3.0, 2.2]})
    out = isq.suppress_small_groups(t, total="total")
    assert out["suppressed"].tolist() == [True, True, True, False]
    assert out.loc[3, "x"] == 2.2


def test_two_level_hierarchy_department_within_wave():
    """Departments within waves, with wave totals and a grand total: the small post wave is
    masked with all its departments, LEG (4) in the pre wave too; then the pre wave total,
    its only sibling under the grand total (else post = grand - pre). The pre total is not
    recoverable from its departments because LEG is hidden, so nothing else is masked."""
    rows = [
        ("pre", "HR", 14), ("pre", "IT", 20), ("pre", "LEG", 4), ("pre", "total", 38),
        ("post", "HR", 2), ("post", "IT", 1), ("post", "total", 3),
        ("total", "total", 41),
    ]
    t = pd.DataFrame(rows, columns=["wave", "department", "n"]).assign(mean=np.arange(8.0))
    out = isq.suppress_small_groups(t, by=["wave", "department"], total="total")
    masked = {tuple(r) for r in out.loc[out["suppressed"], ["wave", "department"]].to_numpy()}
    assert {("post", "HR"), ("post", "IT"), ("post", "total"), ("pre", "LEG")} <= masked
    assert masked - {("post", "HR"), ("post", "IT"), ("post", "total"), ("pre", "LEG")} == {
        ("pre", "total")
    }
    assert out.set_index(["wave", "department"]).loc[("pre", "total"), "suppressed_reason"] == (
        "complementary"
    )
    assert ("total", "total") not in masked
    relations = _constraints(*_labels(out, ["wave", "department"], "total"), t["n"].to_numpy(float),
                             K, complementary=True, crossed=False)
    assert _recoverable(relations, out["suppressed"].tolist()) == []


def test_mask_small_groups_is_consistent_across_strata():
    """A long item x department table: the complementary department is the same in every
    item, so a chart shows one hidden department, not a different one per item."""
    t = pd.DataFrame({
        "item": np.repeat(["SQ01", "SQ02", "SQ03"], 3),
        "department": ["LEG", "HR", "IT"] * 3,
        "n": [4, 9, 12, 4, 10, 8, 4, 9, 9],
        "gap": np.linspace(-1, 1, 9), "gap_ci_low": np.linspace(-2, 0, 9),
    })
    out = isq.mask_small_groups(t, group="department")
    hidden = out.loc[out["suppressed"], "department"].tolist()
    assert hidden == ["LEG", "HR"] * 3
    assert out.loc[out["suppressed"], ["gap", "gap_ci_low"]].isna().all().all()
    assert out.loc[~out["suppressed"], ["gap", "gap_ci_low"]].notna().all().all()


def test_suppression_is_idempotent_and_is_suppressed_reads_it():
    t = pd.DataFrame({"department": list("ABCD"), "n": [3, 6, 7, 30], "x": [1.0, 2, 3, 4]})
    once = isq.suppress_small_groups(t)
    twice = isq.suppress_small_groups(once)
    pd.testing.assert_frame_equal(once, twice)
    assert isq.is_suppressed(once).tolist() == [True, True, False, False]


def test_text_and_bool_figures_are_masked_too():
    t = pd.DataFrame({"feature": ["K01"] * 3, "department": ["A", "B", "C"], "n": [3, 20, 30],
                      "category": ["M", "O", "A"], "fong_significant": [True, False, True]})
    out = isq.suppress_small_groups(t)
    assert out["category"].isna().tolist() == [True, True, False]
    assert out["fong_significant"].isna().tolist() == [True, True, False]


@pytest.mark.parametrize(
    ("kwargs", "table", "match"),
    [
        ({}, pd.DataFrame({"department": ["A"], "N": [3]}), r"column 'n' given for `n`"),
        ({"min_group_size": 0}, pd.DataFrame({"n": [3]}), r"`min_group_size` must be a whole"),
        ({"min_group_size": 2.5}, pd.DataFrame({"n": [3]}), r"`min_group_size` must be a whole"),
        ({}, pd.DataFrame({"d": ["A", "B"], "n": [3, -1]}), r"counts \(numbers >= 0\); found -1"),
        ({}, pd.DataFrame({"d": ["A", "A"], "n": [3, 8]}), r"Two rows have the same group labels"),
        ({"total": "total"}, pd.DataFrame({"n": [3, 8]}), r"no `by` columns were given"),
        ({"by": "dept"}, pd.DataFrame({"d": ["A"], "n": [3]}), r"column 'dept' given for `by`"),
    ],
)
def test_bad_input_messages(kwargs, table, match):
    with pytest.raises(isq.IsqError, match=match):
        isq.suppress_small_groups(table, **kwargs)


# --------------------------------------------------------------------------- adversarial
def _labels(out, keys, total):
    labels = out[keys].to_numpy(dtype=object)
    is_total = labels == total
    labels = labels.copy()
    labels[is_total] = "\0total"
    return labels, is_total


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    sizes=st.lists(st.integers(0, 40), min_size=1, max_size=8),
    with_total=st.booleans(),
    k=st.integers(1, 8),
    seed=st.integers(0, 2**16),
)
def test_flat_table_no_masked_group_recoverable(sizes, with_total, k, seed):
    """Random one-level tables: no visible row below k; no masked count, sum or mean x n
    recoverable from the visible rows and the (table or public) total."""
    rng = np.random.default_rng(seed)
    n = np.array(sizes)
    means = rng.uniform(1, 7, n.size).round(2)
    t = pd.DataFrame({"department": [f"D{i}" for i in range(n.size)], "n": n,
                      "sum": (means * n).round(2), "mean": means})
    if with_total:
        tot = pd.DataFrame({"department": ["total"], "n": [n.sum()], "sum": [t["sum"].sum()],
                            "mean": [t["sum"].sum() / max(n.sum(), 1)]})
        t = pd.concat([t, tot], ignore_index=True)
    out = isq.suppress_small_groups(t, total="total" if with_total else None, min_group_size=k)
    shown = ~out["suppressed"]
    assert (t.loc[shown, "n"] >= k).all()
    assert out.loc[~shown, ["n", "sum", "mean"]].isna().all().all()
    # the attacker's relations, built here independently
    groups = list(range(len(sizes)))
    if with_total:
        relations = [(len(sizes), groups)]
    else:
        relations = [(None, groups)] if len(groups) > 1 and n.sum() >= k else []
    masked = out["suppressed"].tolist()
    assert _attack_by_subtraction(out, relations, "sum") == []
    assert _recoverable(relations, masked) == []


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    sizes=st.lists(st.lists(st.integers(0, 25), min_size=1, max_size=5), min_size=1, max_size=4),
    wave_totals=st.booleans(),
    grand_total=st.booleans(),
    k=st.integers(2, 6),
)
def test_two_level_table_no_masked_group_recoverable(sizes, wave_totals, grand_total, k):
    """Departments within waves, with or without wave and grand totals in the table; all
    relations: each wave total = its departments, the grand total = the waves (aggregates
    missing from the table are public when they have at least k respondents)."""
    rows, relations = [], []
    wave_rows = []
    for w, depts in enumerate(sizes):
        kids = []
        for d, size in enumerate(depts):
            kids.append(len(rows))
            rows.append((f"W{w}", f"D{d}", size))
        if wave_totals:
            wave_rows.append(len(rows))
            relations.append((len(rows), kids))
            rows.append((f"W{w}", "total", sum(depts)))
        elif len(kids) > 1 and sum(depts) >= k:
            relations.append((None, kids))
    if wave_totals:
        if grand_total:
            relations.append((len(rows), wave_rows))
            rows.append(("total", "total", sum(map(sum, sizes))))
        elif len(wave_rows) > 1 and sum(map(sum, sizes)) >= k:
            relations.append((None, wave_rows))
    t = pd.DataFrame(rows, columns=["wave", "department", "n"])
    t["mean"] = np.linspace(1, 7, len(t))
    out = isq.suppress_small_groups(t, by=["wave", "department"], total="total", min_group_size=k)
    assert (t.loc[~out["suppressed"], "n"] >= k).all()
    assert _recoverable(relations, out["suppressed"].tolist()) == []
    # the module's own audit agrees with the independent attacker
    assert _determined(relations, out["suppressed"].to_numpy(), len(t)) == []


@settings(max_examples=60, deadline=None)
@given(sizes=st.lists(st.integers(0, 12), min_size=6, max_size=6), k=st.integers(2, 6))
def test_crossed_table_no_masked_cell_recoverable(sizes, k):
    """Crossed 2 x 3 wave x department table with all margins public (crossed=True): the
    classic case where single-relation checks are not enough."""
    t = pd.DataFrame({"wave": ["pre"] * 3 + ["post"] * 3, "department": ["A", "B", "C"] * 2,
                      "n": sizes, "x": np.arange(6.0)})
    out = isq.suppress_small_groups(t, by=["wave", "department"], crossed=True, min_group_size=k)
    n = np.array(sizes)
    relations = []
    for w in range(2):
        if n[3 * w:3 * w + 3].sum() >= k:
            relations.append((None, [3 * w, 3 * w + 1, 3 * w + 2]))
    for d in range(3):
        if n[[d, d + 3]].sum() >= k:
            relations.append((None, [d, d + 3]))
    assert (t.loc[~out["suppressed"], "n"] >= k).all()
    assert _recoverable(relations, out["suppressed"].tolist()) == []
