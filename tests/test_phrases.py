"""Service phrases (规范用语/服务禁语): the bundled library, the checker, additions, counts.

No published reference exists for a Chinese internal-service phrase list; the library is
written by the isq authors (see the header of isq/data/phrases.yaml). The checker is
validated on hand-made messages whose hits and character offsets are counted by hand, and
by property tests."""

import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from isq.errors import IsqError, IsqInstrumentError
from isq.models.phrases import (
    add_phrases,
    check_phrases,
    count_phrases,
    load_phrases,
    normalize_phrase_text,
)

LIB = load_phrases()


def _lib(entries):
    base = [{"id": f"T{i}", "category": "explicit", "theme": "推诿", "severity": 2,
             "alternatives": ["好的"], **e} for i, e in enumerate(entries)]
    lib = add_phrases(LIB, [])
    lib = type(lib)(forbidden=lib.forbidden.iloc[:0], recommended=lib.recommended)
    return add_phrases(lib, base)


def test_bundled_library_content():
    """40+ phrases to avoid, both categories, every entry with a suggestion; the examples
    named in the course brief are in it; recommended phrases are listed."""
    f = LIB.forbidden
    assert len(f) >= 40 and f["id"].is_unique
    assert set(f["category"]) == {"explicit", "implicit"}
    assert {"推诿", "指责", "冷漠", "命令"} <= set(f["theme"])
    assert f["severity"].between(1, 3).all()
    assert all(len(a) >= 1 for a in f["alternatives"])
    for p in ["这不归我管", "你自己去查", "我也没办法", "不是早就通知了吗", "你怎么又来了",
              "上面规定的", "你听懂了没有"]:
        assert p in set(f["phrase"])
    assert len(LIB.recommended) >= 8


def test_every_phrase_is_found_in_its_own_text():
    """Each canonical phrase, said alone, is reported as itself (no entry shadows another)."""
    hits = check_phrases(pd.Series(LIB.forbidden["phrase"].tolist()))
    first = hits.groupby("text_id").first()
    assert first["phrase"].tolist() == LIB.forbidden["phrase"].tolist()


def test_positions_normalisation_and_suggestion_by_hand():
    """Offsets counted by hand; full-width letters, spaces inside a phrase and full-width
    punctuation do not prevent a hit, and the slice gives back the original characters."""
    msgs = ["这不归我管，你自己去查吧！", "你 听 懂 了 没 有？", "ＯＫ，回头再说吧", "好的，马上处理。"]
    hits = check_phrases(msgs)
    assert hits[["text_id", "start", "end", "match", "phrase_id"]].values.tolist() == [
        [0, 0, 5, "这不归我管", "F01"],
        [0, 6, 12, "你自己去查吧", "F22"],
        [1, 0, 11, "你 听 懂 了 没 有", "F23"],
        [2, 3, 8, "回头再说吧", "F28"],
    ]
    assert hits.loc[0, "suggestion"].startswith("这件事由××部门负责")
    assert hits.loc[0, "theme"] == "推诿" and hits.loc[3, "category"] == "implicit"
    assert normalize_phrase_text("Ａ Ｂ，ｃ") == "ab,c"


def test_series_and_dataframe_ids():
    s = pd.Series({"msg-7": "我也没办法", "msg-9": "谢谢"})
    assert check_phrases(s)["text_id"].tolist() == ["msg-7"]
    df = pd.DataFrame({"id": ["a", "b"], "body": ["烦不烦啊", None]})
    hits = check_phrases(df, text="body", text_id="id")
    assert hits[["text_id", "match"]].values.tolist() == [["a", "烦不烦啊"]]


def test_overlap_rule_is_leftmost_then_longest():
    """Leftmost hit wins; at the same start the longer canonical phrase wins; no overlaps."""
    lib = _lib([{"phrase": "不归我管"}, {"phrase": "这不归我管"}])
    hits = check_phrases("这不归我管", library=lib)
    assert hits["phrase"].tolist() == ["这不归我管"]
    lib = _lib([{"phrase": "我管"}, {"phrase": "不归我"}])
    hits = check_phrases("不归我管我管", library=lib)
    assert hits[["start", "end", "phrase"]].values.tolist() == [[0, 3, "不归我"], [4, 6, "我管"]]


def test_add_and_count_collected_phrases():
    """A class collects phrases: known ones and repeats are not added twice; counting the
    submissions against the extended library tallies each phrase."""
    collected = ["这个我不清楚", "这不归我管", "这个我不清楚", "这  不归我管", "找领导去"]
    lib = add_phrases(LIB, collected, theme="学员收集")
    assert len(lib) == len(LIB) + 2
    assert lib.forbidden["id"].tolist()[-2:] == ["U01", "U02"]
    counts = count_phrases(collected, library=lib)
    assert counts.values.tolist()[0][:3] == ["这不归我管", 2, 2]
    assert dict(zip(counts["phrase"], counts["hits"]))["这个我不清楚"] == 2
    by_theme = count_phrases(check_phrases(collected, library=lib), by="theme")
    assert by_theme["hits"].sum() == 5 and by_theme["share"].sum() == pytest.approx(1)
    assert len(LIB) == 45          # the original library is unchanged


def test_vectorised_10000_messages_fast():
    import time

    msgs = pd.Series(["您好，这不归我管，你自己去查吧！我也没办法。", "好的，我马上处理。"] * 5000)
    t = time.perf_counter()
    hits = check_phrases(msgs)
    assert len(hits) == 15000
    assert time.perf_counter() - t < 5


def test_library_errors_name_file_and_key(tmp_path):
    bad = tmp_path / "p.yaml"
    bad.write_text("forbidden:\n  - id: X1\n    phrase: 不归我管\n    category: rude\n"
                   "    theme: 推诿\n    severity: 2\n    alternatives: [好的]\n", encoding="utf-8")
    with pytest.raises(IsqInstrumentError, match=r"p\.yaml', key 'forbidden\[0\]\.category': "
                                                  r"`category` must be one of explicit, implicit"):
        load_phrases(bad)
    bad.write_text("forbidden:\n  - id: X1\n    phrase: 不归我管\n    pattern: 归你管\n"
                   "    category: explicit\n    theme: 推诿\n    severity: 2\n"
                   "    alternatives: [好的]\n", encoding="utf-8")
    with pytest.raises(IsqInstrumentError, match=r"forbidden\[0\]\.pattern.*does not match its own"):
        load_phrases(bad)
    bad.write_text("forbidden:\n  - id: X1\n    phrase: 不归我管\n    category: explicit\n"
                   "    theme: 推诿\n    severity: 5\n    alternatives: [好的]\n", encoding="utf-8")
    with pytest.raises(IsqInstrumentError, match=r"forbidden\[0\]\.severity"):
        load_phrases(bad)
    with pytest.raises(IsqError, match=r"does not exist"):
        load_phrases(tmp_path / "none.yaml")
    with pytest.raises(IsqInstrumentError, match=r"new\[0\]\.pattern.*not a valid regular"):
        add_phrases(LIB, [{"phrase": "新说法", "pattern": "新(说法"}])
    with pytest.raises(IsqError, match=r"`by` must be one of 'phrase'"):
        count_phrases(["我也没办法"], by="word")
    with pytest.raises(IsqError, match=r"column 'body' given for `text`"):
        check_phrases(pd.DataFrame({"text": ["x"]}), text="body")


_pieces = st.lists(
    st.one_of(st.sampled_from(LIB.forbidden["phrase"].tolist()),
              st.sampled_from(["，", "。", " ", "　", "好的", "ＡＢ", "请", "我", "的", "\n", "！"])),
    max_size=12,
)


@settings(max_examples=150, deadline=None)
@given(_pieces, st.booleans())
def test_hit_properties(pieces, spaced):
    """start/end slice back to the matched text; the slice, normalised, is matched by the
    entry's pattern; hits are ordered and never overlap."""
    msg = "".join(p if not spaced else " ".join(p) for p in pieces)
    hits = check_phrases([msg])
    patterns = dict(zip(LIB.forbidden["id"], LIB.forbidden["pattern"]))
    last_end = 0
    for h in hits.itertuples():
        assert msg[h.start:h.end] == h.match
        assert h.start >= last_end and h.end > h.start
        last_end = h.end
        assert re.fullmatch(patterns[h.phrase_id], normalize_phrase_text(h.match))
