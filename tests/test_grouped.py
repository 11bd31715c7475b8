"""The one fast path the models keep (isq/models/_grouped.py) against its plain pandas
definition: ``DataFrame.groupby(keys, observed=True, sort=True).sum()`` and ``.size()``."""

import numpy as np
import pandas as pd
import pytest

from isq.models._grouped import group_sums

HOSTILE = ["=cmd|' /C calc'!A0", "<script>alert(1)</script>", "../x", "IT"]


@pytest.fixture
def frame():
    rng = np.random.default_rng(5)
    n = 400
    df = pd.DataFrame({
        "respondent": pd.Categorical.from_codes(rng.integers(0, 60, n), [f"r{i}" for i in range(60)]),
        "provider": rng.choice(HOSTILE, n).astype(object),
        "wave": pd.Categorical(rng.choice(["post", "pre"], n), categories=["pre", "post"]),
        "x": rng.normal(size=n),
        "y": rng.integers(0, 5, n).astype(float),
    })
    df.loc[rng.random(n) < 0.05, "provider"] = None
    df.loc[rng.random(n) < 0.05, "wave"] = None
    return df


def _plain(df, keys, values, dropna=True):
    g = df.groupby(keys, observed=True, sort=True, dropna=dropna)
    out = g[values].sum()
    out["size"] = g.size()
    return out.reset_index()


@pytest.mark.parametrize("keys", [["respondent"], ["provider"], ["respondent", "provider", "wave"],
                                  ["wave", "provider"]])
def test_group_sums_is_groupby_sum(frame, keys):
    got, ids = group_sums({k: frame[k] for k in keys}, {v: frame[v].to_numpy() for v in "xy"})
    want = _plain(frame, keys, ["x", "y"])
    pd.testing.assert_frame_equal(got, want, check_dtype=False, check_categorical=True,
                                  rtol=1e-12, atol=1e-12)
    # every row's group: its keys are the keys of that row of the result; missing keys -> -1
    complete = frame[keys].notna().all(axis=1).to_numpy()
    assert (ids[~complete] == -1).all()
    for k in keys:
        assert (got[k].to_numpy()[ids[complete]] == frame.loc[complete, k].to_numpy()).all()


def test_keep_leaves_rows_out_and_nan_in_them_does_not_leak(frame):
    keep = frame["y"].to_numpy() > 0
    x = np.where(keep, frame["x"], np.nan)  # NaN only where left out
    got, ids = group_sums({"respondent": frame["respondent"]}, {"x": x}, keep=keep)
    want = _plain(frame[keep], ["respondent"], ["x"])
    pd.testing.assert_frame_equal(got, want, check_dtype=False, rtol=1e-12, atol=1e-12)
    assert (ids[~keep] == -1).all() and np.isfinite(got["x"]).all()


def test_dropna_false_keeps_the_missing_key_last(frame):
    got, _ = group_sums({"provider": frame["provider"], "wave": frame["wave"]},
                        {"x": frame["x"].to_numpy()}, dropna=False)
    want = _plain(frame, ["provider", "wave"], ["x"], dropna=False)
    pd.testing.assert_frame_equal(got, want, check_dtype=False, rtol=1e-12, atol=1e-12)
    assert got["provider"].isna().iloc[-1] and got["size"].sum() == len(frame)
