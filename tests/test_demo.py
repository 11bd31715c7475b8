"""The demo company 示例集团: schema, determinism and every planted truth.

The planted truths (data/README.md) are recomputed here with plain pandas, following the
formulas of METHODS.md (SERVQUAL gap scores, the Kano evaluation table of Berger et al.
1993, NPS, Martilla & James quadrants, pooled p chart limits of Montgomery, Pareto cutoff),
independently of the isq model functions.
"""

import argparse
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import isq
from isq.data import demo, demo_files

REPO = Path(__file__).resolve().parents[1]

# column -> (kind, low, high); kind: s string, i integer, f float, b bool, d datetime
SCHEMA = {
    "departments": {"department": "s", "name_zh": "s", "name_en": "s", "headcount": ("i", 1, 100)},
    "respondents": {"respondent": "s", "department": "s", "level": "s",
                    "tenure_years": ("f", 0, 40)},
    "servqual": {"respondent": "s", "department": "s", "provider": "s", "wave": "s",
                 "item": "s", "dimension": "s", "expectation": ("f", 1, 7),
                 "perception": ("f", 1, 7), "adequate": ("i", 1, 7)},
    "servqual_estimates": {"respondent": "s", "provider": "s", "item": "s", "dimension": "s",
                           "estimated_expectation": ("i", 1, 7)},
    "weights": {"respondent": "s", "department": "s", "dimension": "s", "points": ("i", 0, 100)},
    "ipa": {"respondent": "s", "department": "s", "provider": "s", "attribute": "s",
            "dimension": "s", "importance": ("i", 1, 7), "performance": ("f", 1, 7)},
    "kano": {"respondent": "s", "department": "s", "feature": "s", "functional": ("i", 1, 5),
             "dysfunctional": ("i", 1, 5), "importance": ("i", 1, 9)},
    "kano_features": {"feature": "s", "name_zh": "s", "name_en": "s"},
    "satisfaction": {"respondent": "s", "department": "s", "provider": "s", "wave": "s",
                     "nps": ("i", 0, 10), "csat": ("i", 1, 5), "ces": ("i", 1, 7)},
    "peer_ratings": {"respondent": "s", "rater_department": "s", "provider": "s", "wave": "s",
                     "item": "s", "score": ("i", 1, 5)},
    "self_ratings": {"respondent": "s", "department": "s", "item": "s", "score": ("i", 1, 5)},
    "journey": {"participant": "s", "journey": "s", "version": "s", "stage": "s",
                "stage_order": ("i", 1, 10), "touchpoint": "s", "order": ("i", 1, 20),
                "score": ("i", -3, 3), "mot": "b"},
    "complaints": {"complaint_id": "s", "date": "d", "month": "s", "department": "s",
                   "category": "s", "severity": ("i", 1, 3)},
    "requests": {"month": "s", "department": "s", "requests": ("i", 100, 5000)},
    "ideas": {"idea": "s", "title_zh": "s", "title_en": "s", "team": "s", "dimension": "s",
              "votes": ("i", 0, 100), "impact": ("i", 1, 5), "cost": ("i", 1, 5),
              "feasibility": ("i", 1, 5)},
    "training": {"respondent": "s", "department": "s", "pre_score": ("i", 0, 100),
                 "post_score": ("i", 0, 100), "reaction": ("i", 1, 5)},
    "standards": {"standard_id": "s", "provider": "s", "dimension": "s", "title_zh": "s",
                  "title_en": "s", "specific": ("i", 0, 1), "measurable": ("i", 0, 1),
                  "achievable": ("i", 0, 1), "relevant": ("i", 0, 1), "time_bound": ("i", 0, 1),
                  "standard": ("f", 1, 7)},
    "delivery": {"check_id": "s", "month": "s", "provider": "s", "dimension": "s",
                 "standard_id": "s", "method": "s", "delivered": ("i", 1, 7)},
    "promises": {"commitment_id": "s", "provider": "s", "dimension": "s", "title_zh": "s",
                 "title_en": "s", "response_hours": ("f", 1, 72), "promised": ("f", 1, 7)},
    "commitment_tracking": {"month": "s", "provider": "s", "commitment_id": "s",
                            "requests": ("i", 100, 5000), "on_time": ("i", 0, 5000)},
    "process_steps": {"process": "s", "step_order": ("i", 1, 20), "step": "s", "provider": "s",
                      "internal_customer": "s", "rater": "s", "score": ("i", -3, 3)},
    "hall_checks": {"hall": "s", "item": "s", "group": "s", "text": "s", "mark": ("i", 0, 2)},
    "execution_followup": {"action": "s", "hall": "s", "stage": "s"},
    "five_star": {"message": "s", "point": "s", "score": ("i", 1, 5)},
    "logical_levels": {"team": "s", "level": "s", "score": ("i", 1, 5)},
    "value_loop": {"team": "s", "source": "s", "target": "s", "sign": ("i", -1, 1)},
}
KIND = {"s": pd.api.types.is_string_dtype, "i": pd.api.types.is_integer_dtype,
        "f": pd.api.types.is_float_dtype, "b": pd.api.types.is_bool_dtype,
        "d": pd.api.types.is_datetime64_any_dtype}
DIMS = ["tangibles", "reliability", "responsiveness", "assurance", "empathy"]
ITEM_DIM = dict(zip([f"SQ{i:02d}" for i in range(1, 23)], np.repeat(DIMS, [4, 5, 4, 4, 5])))
KANO_TABLE = {1: "QAAAO", 2: "RIIIM", 3: "RIIIM", 4: "RIIIM", 5: "RRRRQ"}  # METHODS.md


@pytest.fixture(scope="module")
def t():
    return {name: isq.load_demo(name) for name in isq.demo_tables()}


@pytest.fixture(scope="module")
def pre(t):
    sq = t["servqual"]
    return sq[sq["wave"] == "pre"].assign(gap=lambda d: d["perception"] - d["expectation"])


@pytest.fixture(scope="module")
def rated(pre):
    """Providers rated by at least 5 respondents (the privacy threshold)."""
    n = pre.groupby("provider")["respondent"].nunique()
    return sorted(n.index[n >= 5])


def dimension_gaps(pre):
    """METHODS.md: per respondent mean of item gaps, then mean over respondents."""
    return (pre.groupby(["provider", "dimension", "respondent"])["gap"].mean()
            .groupby(["provider", "dimension"]).mean().unstack())


# --- API and determinism ----------------------------------------------------------------------
def test_tables_match_schema_doc():
    assert set(isq.demo_tables()) == set(SCHEMA)
    doc = (REPO / "docs" / "demo_company.md").read_text(encoding="utf-8")
    for name, cols in SCHEMA.items():
        assert f"| {name} |" in doc


def test_load_demo_returns_fresh_identical_copies():
    a = isq.load_demo("servqual")
    a.loc[0, "perception"] = -99
    b = isq.load_demo("servqual")
    assert b.loc[0, "perception"] != -99
    pd.testing.assert_frame_equal(b, isq.load_demo("servqual"))


def test_unknown_table_lists_valid_names():
    with pytest.raises(isq.IsqError, match="Unknown demo table 'servqal'. Valid names: "
                                           "departments, respondents, servqual"):
        isq.load_demo("servqal")


def test_generation_is_deterministic_from_the_seed():
    first = {n: isq.load_demo(n) for n in ("servqual", "kano", "complaints")}
    demo._generate.cache_clear()
    for name, df in first.items():
        pd.testing.assert_frame_equal(df, isq.load_demo(name))


def _files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and not {"exports", "workshop"} & set(p.parts)}


def test_write_demo_is_byte_identical(tmp_path):
    a = _files(demo_files.write_demo(tmp_path / "a", exports=False))
    b = _files(demo_files.write_demo(tmp_path / "b", exports=False))
    assert a == b
    assert set(a) >= {f"{n}.csv" for n in SCHEMA} | {"README.md", "strategy_house.yaml"}
    for name, content in a.items():
        assert b"\r" not in content, name
        content.decode("utf-8")
    assert a["departments.csv"].splitlines()[1].decode() == "PRD,生产部,Production,48"
    committed = REPO / "data"
    if (committed / "README.md").exists():  # the committed data/ is what the code writes
        assert _files(committed) == a


def test_cli_demo_writes_the_folder(tmp_path, capsys):
    """`isq demo` regenerates the whole of data/: tables, exports and the demo workshop folder."""
    from isq.delivery.cli import main

    assert main(["demo", "--out", str(tmp_path / "d")]) == 0
    assert (tmp_path / "d" / "servqual.csv").exists()
    assert (tmp_path / "d" / "exports" / "servqual_wjx_text.xlsx").exists()
    assert (tmp_path / "d" / "workshop").is_dir()
    assert "示例集团" in capsys.readouterr().out


def test_csv_round_trip_keeps_missing_answers(tmp_path):
    demo_files.write_demo(tmp_path, exports=False)
    back = pd.read_csv(tmp_path / "servqual.csv")
    pd.testing.assert_series_equal(back["perception"], isq.load_demo("servqual")["perception"],
                                   check_dtype=False)


# --- schema ------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(SCHEMA))
def test_columns_dtypes_and_ranges(t, name):
    df = t[name]
    assert list(df.columns) == list(SCHEMA[name])
    for col, spec in SCHEMA[name].items():
        kind, *bounds = spec if isinstance(spec, tuple) else (spec,)
        assert KIND[kind](df[col]), (name, col, df[col].dtype)
        if bounds:
            values = df[col].dropna()
            assert values.between(*bounds).all(), (name, col)
            assert (values == np.round(values)).all() or kind == "f" and col == "tenure_years" \
                or col in ("standard", "promised") and (values * 2 == np.round(values * 2)).all()
    assert df.notna().all().drop(["expectation", "perception", "performance", "response_hours"],
                                 errors="ignore").all()


def test_company_structure(t, pre):
    dep, resp = t["departments"], t["respondents"]
    assert len(resp) == dep["headcount"].sum() == 160
    assert (resp["department"] == "LEG").sum() == 4
    assert resp["respondent"].iloc[0] == "R001" and resp["respondent"].is_unique
    for name, col in [("servqual", "department"), ("satisfaction", "department"),
                      ("peer_ratings", "rater_department"), ("ipa", "department")]:
        assert (t[name]["provider"] != t[name][col]).all(), name
    per = pre.groupby("respondent")["provider"].nunique()
    assert per.eq(2).all()
    n = pre.groupby("provider")["respondent"].nunique()
    assert n["LEG"] < 5 and n.drop("LEG").min() >= 5
    assert set(pre["item"]) == set(ITEM_DIM)
    assert (pre["item"].map(ITEM_DIM) == pre["dimension"]).all()
    sq = t["servqual"]
    post_resp = set(sq.loc[sq["wave"] == "post", "respondent"])
    assert post_resp <= set(pre["respondent"])
    assert 0.85 <= len(post_resp) / 160 <= 0.95
    assert 0.005 <= sq["perception"].isna().mean() <= 0.02
    assert 0.005 <= sq["expectation"].isna().mean() <= 0.02
    assert (sq["adequate"] <= sq["expectation"].fillna(7)).all()
    assert t["weights"].groupby("respondent")["points"].sum().eq(100).all()
    ipa = t["ipa"]
    assert len(ipa) == len(pre)
    np.testing.assert_array_equal(ipa["performance"].to_numpy(), pre["perception"].to_numpy())
    assert (t["servqual_estimates"]["provider"]
            == t["servqual_estimates"]["respondent"].map(resp.set_index("respondent")["department"])
            ).all()


def test_cronbach_alpha_per_dimension_is_realistic(pre):
    """Cronbach (1951) alpha, listwise, per (respondent, provider) answer sheet, pre wave."""
    for score in ("expectation", "perception"):
        wide = pre.pivot_table(index=["respondent", "provider"], columns="item", values=score)
        for dim in DIMS:
            items = wide[[i for i, d in ITEM_DIM.items() if d == dim]].dropna()
            k = items.shape[1]
            alpha = k / (k - 1) * (1 - items.var().sum() / items.sum(axis=1).var())
            assert 0.75 <= alpha <= 0.92, (score, dim, alpha)
    corr = wide.corr().to_numpy()
    same = np.equal.outer(list(ITEM_DIM.values()), list(ITEM_DIM.values()))
    off_diag = ~np.eye(22, dtype=bool)
    assert corr[same & off_diag].mean() > corr[~same].mean() + 0.15 > 0.15


# --- planted truths -------------------------------------------------------------------------------
def test_it_responsiveness_gap_is_the_worst_and_the_company_shortboard(pre, rated):
    gaps = dimension_gaps(pre).loc[rated]
    assert gaps.stack().idxmin() == ("IT", "responsiveness")
    assert -2.1 <= gaps.loc["IT", "responsiveness"] <= -1.6
    company = (pre.groupby(["dimension", "respondent", "provider"])["gap"].mean()
               .groupby("dimension").mean())
    assert company.idxmin() == "responsiveness"


def test_finance_is_strongest_on_reliability(pre, rated):
    rel = pre[pre["dimension"] == "reliability"].groupby("provider")["perception"].mean()
    assert rel.idxmax() == "FIN"
    assert rel["FIN"] > rel.drop("FIN").max() + 0.4
    assert -0.2 <= dimension_gaps(pre).loc["FIN", "reliability"] <= 0.3


def test_training_lifts_hr_adm_it_but_not_pur_prd(t):
    perc = t["servqual"].groupby(["provider", "wave"])["perception"].mean().unstack()
    shift = perc["post"] - perc["pre"]
    assert shift[["HR", "ADM", "IT"]].between(0.5, 0.8).all(), shift
    assert shift[["PUR", "PRD"]].abs().max() < 0.15, shift


def test_gap1_it_underestimates_responsiveness_expectations(t, pre):
    est = t["servqual_estimates"]
    cust = pre.groupby(["provider", "dimension"])["expectation"].mean()
    own = est.groupby(["provider", "dimension"])["estimated_expectation"].mean()
    gap1 = cust - own
    assert gap1[("IT", "responsiveness")] >= 1.0
    assert gap1.drop(("IT", "responsiveness")).max() < 1.0


def test_kano_planted_categories(t):
    """Berger et al. (1993) evaluation table; strength = top share - second share."""
    k = t["kano"]
    cat = [KANO_TABLE[f][d - 1] for f, d in zip(k["functional"], k["dysfunctional"])]
    shares = pd.crosstab(k["feature"].to_numpy(), np.array(cat), normalize="index")
    planted = {"K01": "M", "K02": "O", "K03": "A", "K04": "M", "K05": "A", "K06": "O",
               "K07": "I", "K08": "M", "K09": "A", "K10": "I", "K11": "O", "K12": "R"}
    assert shares.idxmax(axis=1).to_dict() == planted
    top2 = np.sort(shares.to_numpy(), axis=1)[:, ::-1][:, :2]
    strength = pd.Series(top2[:, 0] - top2[:, 1], index=shares.index)
    assert strength["K04"] <= 0.06 and shares.loc["K04"].nlargest(2).index.tolist() == ["M", "O"]
    assert strength.drop("K04").min() > 0.1
    assert k.groupby("feature").size().eq(160).all()


def test_satisfaction_fin_highest_it_lowest(t, rated):
    s = t["satisfaction"]
    s = s[s["provider"].isin(rated)]
    pre_s = s[s["wave"] == "pre"]
    g = pre_s.groupby("provider")
    nps = g["nps"].agg(lambda x: 100 * ((x >= 9).mean() - (x <= 6).mean()))
    assert nps.idxmax() == "FIN" and nps.idxmin() == "IT" and nps["IT"] < -30
    for col in ("csat", "ces"):
        assert g[col].mean().idxmax() == "FIN" and g[col].mean().idxmin() == "IT", col
    post_it = s[(s["wave"] == "post") & (s["provider"] == "IT")]["nps"]
    assert 100 * ((post_it >= 9).mean() - (post_it <= 6).mean()) > nps["IT"] + 20


@pytest.mark.parametrize("scope", ["IT", "company"])
def test_ipa_it_responsiveness_in_concentrate_quadrant(t, scope):
    """Martilla & James (1977) quadrants, crosshair = mean of attribute means."""
    ipa = t["ipa"] if scope == "company" else t["ipa"].query("provider == 'IT'")
    means = ipa.groupby("attribute")[["importance", "performance"]].mean()
    cross = means.mean()
    resp = means.loc[["SQ10", "SQ11", "SQ12", "SQ13"]]
    assert (resp["importance"] >= cross["importance"]).all()
    assert (resp["performance"] < cross["performance"]).all()
    tang = means.loc[["SQ01", "SQ02", "SQ03", "SQ04"], "importance"]
    assert (tang < cross["importance"]).all() and tang.max() < means["importance"].drop(
        tang.index).min()


def test_sales_raters_lenient_and_it_overrates_itself(t):
    pr = t["peer_ratings"].query("wave == 'pre'")
    sal = pr["rater_department"] == "SAL"
    diff = (pr[sal].groupby("provider")["score"].mean()
            - pr[~sal].groupby("provider")["score"].mean()).dropna()
    assert len(diff) >= 5 and (diff > 0.25).all() and 0.35 <= diff.mean() <= 0.7, diff
    self_it = t["self_ratings"].query("department == 'IT'")["score"].mean()
    others_it = pr.loc[(pr["provider"] == "IT"), "score"].mean()
    assert self_it - others_it >= 0.5


def test_expense_and_onboarding_journeys(t):
    j = t["journey"]
    m = j.groupby(["journey", "version", "touchpoint"], sort=False)["score"].mean()
    before = m.loc[("expense", "before")]
    assert before.idxmin() == "等待审批" and -2.7 <= before.min() <= -2.1
    last = j[(j["journey"] == "expense")].sort_values("order")["touchpoint"].iloc[-1]
    assert last == "到账通知" and 0.3 <= before["到账通知"] <= 1.2
    assert m[("expense", "after", "等待审批")] > before["等待审批"] + 1
    assert set(j["journey"]) == {"expense", "onboarding"}
    assert j.groupby(["journey", "version", "touchpoint"]).size().between(10, 15).all()
    mot = j.loc[j["mot"]].groupby("journey")["touchpoint"].nunique()
    assert mot.between(2, 3).all()


def test_complaints_pareto_and_it_p_chart(t):
    c, rq = t["complaints"], t["requests"]
    months = sorted(c["month"].unique())
    assert months[0] == "2024-01" and months[-1] == "2025-12" and len(months) == 24
    assert (c["date"].dt.strftime("%Y-%m") == c["month"]).all()
    counts = c["category"].value_counts()
    cum = counts.cumsum() / counts.sum()
    vital = cum.index[: int((cum < 0.8).sum()) + 1].tolist()
    assert vital == ["响应慢", "流程繁琐", "推诿扯皮"]
    assert counts["其他"] / counts.sum() < 0.03
    assert rq["requests"].between(100, 5000).all() and len(rq) == 24 * 8
    n = rq[rq["department"] == "IT"].set_index("month")["requests"]
    x = c[c["department"] == "IT"].groupby("month").size().reindex(n.index, fill_value=0)
    pbar = x.sum() / n.sum()  # Montgomery: pooled p-bar, limits per subgroup size
    sigma = np.sqrt(pbar * (1 - pbar) / n)
    p = x / n
    out = p[(p >= pbar + 3 * sigma) | (p <= (pbar - 3 * sigma).clip(lower=0))]
    assert out.index.tolist() == ["2025-03"]


def test_ideas_and_training(t):
    ideas = t["ideas"]
    assert 12 <= len(ideas) <= 18 and ideas["team"].nunique() == 4 and ideas["idea"].is_unique
    must = ideas[(ideas["impact"] == 5) & (ideas["cost"] <= 2) & (ideas["feasibility"] == 5)]
    assert must["idea"].tolist() == ["I01", "I02"]
    assert must["votes"].min() >= ideas["votes"].drop(must.index).max()
    tr = t["training"]
    assert 60 <= tr["pre_score"].mean() <= 64 and 76 <= tr["post_score"].mean() <= 80
    assert 4.2 <= tr["reaction"].mean() <= 4.4
    post = set(t["servqual"].query("wave == 'post'")["respondent"])
    assert set(tr["respondent"]) == post


# --- gaps 2-4 and commitment tracking (truths 14-17) -------------------------------------------
SMART = ["specific", "measurable", "achievable", "relevant", "time_bound"]


def test_gap2_hr_standards_vague_and_below_staff_estimates(t):
    """Truth 14. Gap 2 (PZB 1985) = standard − management's perception of expectations."""
    std = t["standards"]
    assert len(std) == 8 * 5 and std["standard_id"].is_unique
    smart = std[SMART].all(axis=1).groupby(std["provider"]).mean()
    assert smart.idxmin() == "HR" and smart["HR"] == 0.2 and smart.drop("HR").min() >= 0.8
    est = t["servqual_estimates"].groupby(["provider", "dimension"])["estimated_expectation"].mean()
    gap2 = std.set_index(["provider", "dimension"])["standard"] - est
    assert gap2[("HR", "responsiveness")] <= -0.8 and gap2[("HR", "empathy")] <= -0.8
    assert gap2.drop("HR", level=0).abs().max() <= 0.5
    assert (std["standard"] * 2 == np.round(std["standard"] * 2)).all()  # half points


def test_gap3_production_delivers_below_its_standards(t):
    """Truth 15. Gap 3 = service delivered − service standard."""
    dlv, std = t["delivery"], t["standards"]
    assert len(dlv) == 40 * 6 * 2 and set(dlv["method"]) == {"巡视", "神秘访客"}
    assert set(dlv["standard_id"]) == set(std["standard_id"])
    gap3 = (dlv.groupby(["provider", "dimension"])["delivered"].mean()
            - std.set_index(["provider", "dimension"])["standard"])
    for d in ("reliability", "responsiveness"):
        assert -2.0 <= gap3[("PRD", d)] <= -1.2
    assert gap3.drop("PRD", level=0).min() > -0.9


def test_gap4_administration_over_promises(t):
    """Truth 16. Gap 4 = service delivered − service promised (external communications)."""
    dlv, std, prm = t["delivery"], t["standards"], t["promises"]
    d = dlv.groupby(["provider", "dimension"])["delivered"].mean()
    gap4 = d - prm.set_index(["provider", "dimension"])["promised"]
    gap3 = d - std.set_index(["provider", "dimension"])["standard"]
    assert gap4.idxmin() == ("PRD", "reliability") or gap4.drop("PRD", level=0).idxmin() == ("ADM", "responsiveness")
    assert -1.4 <= gap4[("ADM", "responsiveness")] <= -0.8
    assert gap3[("ADM", "responsiveness")] > -0.4
    hours = prm.loc[prm["dimension"] == "responsiveness", "response_hours"]
    assert hours.notna().all() and prm.loc[prm["dimension"] != "responsiveness", "response_hours"].isna().all()


def test_commitment_tracking_on_time_and_it_migration(t):
    """Truth 17. Pooled p chart limits (Montgomery): ADM lowest, IT out of control in 2025-03."""
    ct = t["commitment_tracking"]
    assert len(ct) == 12 * 8 and (ct["on_time"] <= ct["requests"]).all()
    rq = t["requests"].set_index(["month", "department"])["requests"]
    assert (ct.set_index(["month", "provider"])["requests"] == rq.reindex(
        ct.set_index(["month", "provider"]).index)).all()
    tot = ct.groupby("provider")[["on_time", "requests"]].sum()
    share = tot["on_time"] / tot["requests"]
    assert share.idxmin() == "ADM" and share["ADM"] < 0.76 and share["FIN"] > 0.94
    for prov, sub in ct.groupby("provider"):
        sub = sub.set_index("month")
        pbar = sub["on_time"].sum() / sub["requests"].sum()
        sigma = np.sqrt(pbar * (1 - pbar) / sub["requests"])
        p = sub["on_time"] / sub["requests"]
        out = p[(p >= pbar + 3 * sigma) | (p <= pbar - 3 * sigma)].index.tolist()
        assert out == (["2025-03"] if prov == "IT" else []), prov


def test_open_data_gives_all_five_gaps_per_large_department(t):
    """The issue's call: gap_model on one wave with the four demo tables gives gaps 1–5."""
    d = isq.open_data()
    sq = d["servqual"]
    gm = isq.gap_model(sq[sq["wave"] == "pre"], estimates=d["servqual_estimates"],
                       standards=d["standards"], delivery=d["delivery"], promises=d["promises"])
    shown = gm.dropna(subset=["value"])
    assert set(shown.groupby("provider")["gap"].nunique()) == {5}
    assert sorted(shown["provider"].unique()) == ["ADM", "FIN", "HR", "IT", "PRD", "PUR", "SAL"]
    assert gm.loc[gm["provider"] == "LEG", "value"].isna().all()  # privacy: 3 raters, 4 staff


def test_room_tool_tables(t):
    """Truth 18: the hand-written room-tool tables, recomputed with plain pandas."""
    st = t["process_steps"].groupby("step")["score"].mean().sort_values()
    assert st.index[:2].tolist() == ["发票校验", "询价比价"] and st.iloc[0] == -2.0
    hc = t["hall_checks"]
    assert hc.groupby("hall")["item"].nunique().eq(13).all() and set(hc["group"]) == {"oddity", "process", "execution"}
    assert (hc["group"] == "oddity").sum() == 3 * 7  # the seven oddities
    fu = t["execution_followup"]
    assert len(fu) == 16 and (fu["stage"] == "done").sum() == 6 and fu["stage"].value_counts().index[0] == "done"
    vl = t["value_loop"]
    assert (vl["sign"] == -1).sum() == 1 and vl["team"].nunique() == 4 and len(vl) == 24
