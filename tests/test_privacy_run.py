"""Privacy across every deliverable of one report run: the attacker reads all the files.

Reference for the rule: Hundepool et al. (2012), *Statistical Disclosure Control*, ch. 4:
primary suppression of cells below the threshold and secondary (complementary) suppression so
that no suppressed cell follows by subtraction from published totals. Here the "table" is the
whole run: the company report publishes totals, each department report publishes that
department's figures, so a small department is recovered as company − Σ published departments
unless at least one more department is hidden everywhere. The attacker below does exactly that
subtraction on the counts of the workbooks (Kano answers, complaints) and compares with the
truth computed from the input files.
"""

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

import isq
from isq.data.privacy import plan_run_suppression
from isq.delivery.report import run_report, run_sizes

K = 5


def test_plan_run_suppression_worked_cases():
    """Threshold rule with one complementary cell (Hundepool et al. 2012, 4.2)."""
    assert plan_run_suppression({"p": {"LEG": 3, "ADM": 10, "SAL": 20}}) == {"LEG": "small_group",
                                                                            "ADM": "complementary"}
    # two small ones together reach the threshold: no complement needed
    assert plan_run_suppression({"p": {"A": 3, "B": 4, "C": 40}}) == {"A": "small_group", "B": "small_group"}
    # two small ones below the threshold together: a third is hidden
    assert plan_run_suppression({"p": {"A": 1, "B": 2, "C": 9, "D": 40}}) == {
        "A": "small_group", "B": "small_group", "C": "complementary"}
    # a department rated by nobody has nothing to protect
    assert plan_run_suppression({"p": {"A": 0, "B": 7}}) == {}
    # the union over bases: small as a rated provider in one, as own staff in another
    got = plan_run_suppression({"provider": {"A": 3, "B": 30, "C": 40}, "own": {"A": 9, "B": 4, "C": 50}})
    assert set(got) == {"A", "B"}


def test_demo_run_hides_legal_and_its_complement():
    folder = isq.read_data_folder("data")
    assert plan_run_suppression(run_sizes(folder)) == {"LEG": "small_group", "SAL": "complementary"}


# --------------------------------------------------------------------------- crafted client
def _crafted_client(folder: Path) -> Path:
    """Four serving departments; A is rated by 3 people and has 3 staff; the rest are larger."""
    rng = np.random.default_rng(7)
    items = isq.load_demo("servqual")[["item", "dimension"]].drop_duplicates()
    sizes = {"A": 3, "B": 8, "C": 11, "D": 25}
    sq, kano, comp, sat = [], [], [], []
    r = 0
    for dept, n in sizes.items():
        for _ in range(n):
            r += 1
            rid = f"R{r:03d}"
            for it in items.itertuples():
                sq.append(dict(respondent=rid, department=dept, provider=dept, wave="pre", item=it.item,
                               dimension=it.dimension, expectation=int(rng.integers(4, 8)),
                               perception=int(rng.integers(2, 8))))
            for f in ("K1", "K2"):
                kano.append(dict(respondent=rid, department=dept, feature=f,
                                 functional=int(rng.integers(1, 6)), dysfunctional=int(rng.integers(1, 6))))
            sat.append(dict(respondent=rid, department=dept, provider=dept, wave="pre",
                            nps=int(rng.integers(0, 11)), csat=int(rng.integers(1, 6)), ces=int(rng.integers(1, 8))))
        for i in range(int(rng.integers(3, 9))):
            comp.append(dict(complaint_id=f"C{dept}{i}", date="2024-01-05", month="2024-01", department=dept,
                             category=["响应慢", "态度差", "流程繁琐"][i % 3], severity=1))
    folder.mkdir(parents=True, exist_ok=True)
    pd.DataFrame(sq).to_csv(folder / "servqual.csv", index=False)
    pd.DataFrame(kano).to_csv(folder / "kano.csv", index=False)
    pd.DataFrame(sat).to_csv(folder / "satisfaction.csv", index=False)
    pd.DataFrame(comp).to_csv(folder / "complaints.csv", index=False)
    pd.DataFrame({"department": list(sizes), "name_zh": ["甲部", "乙部", "丙部", "丁部"],
                  "headcount": list(sizes.values())}).to_csv(folder / "departments.csv", index=False)
    return folder


@pytest.fixture(scope="module", params=["demo", "crafted"])
def run_and_truth(request, tmp_path_factory):
    base = tmp_path_factory.mktemp(f"privacy-{request.param}")
    if request.param == "demo":
        from isq.data.demo_files import write_demo

        data = base / "data"
        data.mkdir()
        write_demo(data, exports=False)
        small = "LEG"
    else:
        data = _crafted_client(base / "data")
        small = "A"
    run = run_report(data, client="攻击测试", out=base / "out", by_department=True, jobs=2, progress=False,
                     log=lambda *a: None)
    assert run.ok, [j.error for j in run.jobs if j.error]
    folder = isq.read_data_folder(data)
    return run, folder, small


def _sheets(book):
    wb = load_workbook(book, read_only=True)
    out = {}
    for name in wb.sheetnames[1:]:
        rows = list(wb[name].iter_rows(values_only=True))
        if rows:
            out[name] = pd.DataFrame(rows[1:], columns=[str(c) for c in rows[0]])
    return out


def _sheet(sheets, prefix):
    hits = [v for k, v in sheets.items() if k.startswith(prefix)]
    return hits[0] if hits else None


@pytest.mark.slow
def test_hidden_departments_publish_nothing_anywhere(run_and_truth):
    run, folder, small = run_and_truth
    hidden = set(run.protected)
    assert small in hidden and len(hidden) >= 2  # the small one and at least one complement
    labels = folder.department_labels("zh")
    names = {labels.get(c, c) for c in hidden}
    # no department report, workbook or folder for a hidden department
    reported = {j.department for j in run.jobs}
    assert not (hidden & reported)
    for book in run.out_dir.rglob("results.xlsx"):
        for title, df in _sheets(book).items():
            if df.empty:
                continue
            first = df.columns[0]
            rows = df[df[first].astype(str).isin(names)]
            numeric = rows.drop(columns=[first]).apply(pd.to_numeric, errors="coerce")
            assert numeric.isna().all().all(), (book, title, rows)
            # a masked row never stands alone: company − the others would give it back
            masked = df[df.drop(columns=[first]).apply(pd.to_numeric, errors="coerce").isna().all(axis=1)]
            if df[first].astype(str).isin(set(labels.values())).all() and len(masked):
                assert len(masked) >= 2, (book, title, masked)
            if "排名" in df.columns:  # ranks of the visible rows have no gap that points at a hidden one
                r = pd.to_numeric(df["排名"], errors="coerce").dropna()
                assert sorted(r) == list(range(1, len(r) + 1)) or r.is_monotonic_increasing, (book, title)
                assert r.max() <= len(r), (book, title, r.tolist())
    # findings never name a hidden department
    for page in run.out_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for finding in re.findall(r'<div class="isq-finding">(.*?)</div>', text, flags=re.S):
            assert not any(n in finding for n in names), (page, finding)


@pytest.mark.slow
def test_subtraction_across_workbooks_recovers_nothing(run_and_truth):
    """Attacker: company counts − Σ department workbooks = what is left; it must not be the
    small department's true counts (Kano answers per feature, complaints per category)."""
    run, folder, small = run_and_truth
    books = {j.department: _sheets(Path(run.out_dir if j.department is None else
                                        run.out_dir / "departments" / run.folders[j.department]) / "results.xlsx")
             for j in run.jobs}
    company = books.pop(None)
    kano = folder.tables["kano"]
    feats = folder.tables.get("kano_features")
    names = dict(zip(feats["feature"], feats["name_zh"])) if feats is not None else {}
    ck = _sheet(company, "KANO")
    assert ck is not None
    cols = ["A", "O", "M", "I", "R", "Q"]
    residual = ck.set_index("功能/服务")[cols].astype(float)
    for sheets in books.values():
        dk = _sheet(sheets, "KANO")
        if dk is not None:
            residual = residual.sub(dk.set_index("功能/服务")[cols].astype(float).reindex(residual.index).fillna(0))
    truth = isq.kano_summary(kano[kano["department"] == small])
    truth = truth.assign(feature=truth["feature"].map(lambda f: names.get(f, f))).set_index("feature")[cols]
    truth = truth.reindex(residual.index).astype(float)
    assert (residual >= 0).all().all()
    assert not np.allclose(residual.to_numpy(), truth.to_numpy()), "Kano answers of the small group recovered"
    assert residual.sum(axis=1).min() >= K  # what is left is at least a group of K answers
    # complaints
    cp = _sheet(company, "投诉类别")
    left = cp.set_index("类别")["数量"].astype(float)
    for sheets in books.values():
        dp = _sheet(sheets, "投诉类别")
        if dp is not None:
            left = left.sub(dp.set_index("类别")["数量"].astype(float).reindex(left.index).fillna(0))
    comp = folder.tables["complaints"]
    true_small = comp[comp["department"] == small]["category"].value_counts().reindex(left.index).fillna(0)
    assert not np.allclose(left.to_numpy(), true_small.to_numpy()), "complaint counts of the small group recovered"


@pytest.mark.slow
def test_index_and_run_log_print_no_small_count(run_and_truth):
    run, folder, small = run_and_truth
    index = (run.out_dir / "index.html").read_text(encoding="utf-8")
    counts = [int(x) for x in re.findall(r"(\d+)\s*人", index)]
    assert all(c >= K for c in counts), counts
    log = json.loads((run.out_dir / "run_log.json").read_text(encoding="utf-8"))
    assert all("n" not in s for s in log["suppressed_departments"])
    assert small in {s["department"] for s in log["suppressed_departments"]}
    text = (run.out_dir / "run_log.txt").read_text(encoding="utf-8")
    assert not re.search(r"\b[1-4] respondents", text)


@pytest.mark.slow
def test_five_gap_diagnosis_and_captions_hide_the_protected(run_and_truth):
    run, folder, small = run_and_truth
    hidden = set(run.protected)
    labels = folder.department_labels("zh")
    names = {labels.get(c, c) for c in hidden}
    if "standards" in folder.tables:  # the demo: all five gaps in the company workbook
        diag = _sheet(_sheets(run.out_dir / "results.xlsx"), "五差距诊断")
        assert diag is not None
        rows = diag[diag[diag.columns[0]].isin(names)]
        assert len(rows) == len(hidden)
        assert rows.drop(columns=[diag.columns[0]]).isna().all().all(), rows
        shown = diag[~diag[diag.columns[0]].isin(names)]
        assert shown["差距5 服务"].notna().all()
    for page in run.out_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for caption in re.findall(r"<figcaption[^>]*>(.*?)</figcaption>", text, flags=re.S):
            assert not any(n in caption for n in names), (page, caption)


def test_no_chart_draws_a_protected_department(monkeypatch):
    """In-process, on the demo: every frame a chart of the company or a department report draws
    leaves out LEG (4 people) and SAL (its complement), or carries no figure for them."""
    import IPython.display
    import matplotlib

    from isq.delivery.sections import SECTIONS, Report

    monkeypatch.setattr(IPython.display, "display", lambda obj, *a, **k: None)
    hidden = {"LEG", "SAL", "法务部", "销售部"}
    with matplotlib.rc_context():
        for dept in ("", "IT"):
            report = Report(department=dept)
            for key in SECTIONS:
                report.section(key)
            assert {"five_gaps", "servqual"} <= set(report.chart_data)
            for name, frame in report.chart_data.items():
                if not isinstance(frame, pd.DataFrame):
                    continue
                for col in ("provider", "department", "rater"):
                    if col not in frame:
                        continue
                    rows = frame[frame[col].astype(str).isin(hidden)]
                    figures = rows.select_dtypes("number").drop(columns=["n"], errors="ignore")
                    assert figures.isna().all().all(), (dept, name, rows)
