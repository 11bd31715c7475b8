"""Read a participant's typed answer the way a person means it.

Participants are not programmers: they type with a Chinese input method (full-width digits
``１２．５``, ``，。：（）“”``, the minus signs ``−`` and ``－``, ``%``), leave spaces and write
Chinese without quotes. An *answer spec* says what an exercise expects (a number, one of a few
choices, a short text, a list, several numbers, or named parts) and turns the typed text into
that Python value, or raises :class:`AnswerFormatError` with a Chinese message saying what
was expected. Each spec also says in words what was understood (``describe``), for feedback
such as "你的答案理解为：可靠性，−1.01".

The same specs serve the answer box (one control per part) and :func:`isq.check_text`
(``isq.check_text("3.1", "−1.01")``).

Examples
--------
>>> Number().parse("－１．０１")
-1.01
>>> Number().parse("65%")
0.65
>>> Choice({"M": "必备型", "O": "期望型"}).parse("“必备型”。")
'M'
>>> Items().parse("响应慢，流程繁琐、推诿扯皮")
['响应慢', '流程繁琐', '推诿扯皮']
>>> Parts({"a": Number(), "b": Number()}).parse("a：1，b：2")
{'a': 1.0, 'b': 2.0}
"""

from __future__ import annotations

import re
import unicodedata

from ...errors import IsqError

__all__ = ["AnswerFormatError", "normalize", "Number", "Choice", "Text", "Items", "Letters", "Numbers", "Parts",
           "Spec"]

#: Characters read as a minus sign (besides ASCII "-"): minus, en and em dash, full-width and small hyphen-minus.
MINUS_SIGNS = "\u2212\u2013\u2014\ufe63\uff0d\u2010\u2011"
#: Quotation marks and brackets that wrap a typed answer (ASCII and Chinese).
QUOTES = "\"'“”‘’「」『』《》〈〉`"
#: Separators between the items of a list (ASCII and Chinese).
ITEM_SEPARATORS = r"[,，、;；/\n|]+"
#: Punctuation dropped from the end of an answer (a sentence's full stop and the like).
TRAILING = "。．.！!？?；;，,、 "
#: Sentence-ending marks removed around quotes by :func:`normalize`.
END_MARKS = "。！？!?"


class AnswerFormatError(IsqError):
    """A typed answer that cannot be read as what the exercise expects (message in Chinese)."""


def normalize(text, *, width=True, end=True) -> str:
    """Full-width to half-width (NFKC), Chinese minus signs to ``-``, outer spaces, quotes and full stop removed.

    ``width=False`` keeps the characters as typed (Chinese punctuation stays); ``end=False``
    keeps a final full stop (a sentence to check word by word).

    >>> normalize("  “可靠性”。 ")
    '可靠性'
    >>> normalize("（１２．５％）")
    '(12.5%)'
    """
    s = str(text)
    if width:
        s = unicodedata.normalize("NFKC", s)
        for m in MINUS_SIGNS:
            s = s.replace(m, "-")
    s = s.replace("\u3000", " ")
    previous = None
    while previous != s:
        previous = s
        s = s.strip().rstrip(END_MARKS if end else "").strip()
        if len(s) >= 2 and s[0] in QUOTES and s[-1] in QUOTES:
            s = s[1:-1]
        s = s.strip(QUOTES)
    return s


def _fold_ascii(text) -> str:
    """Full-width letters and digits (ＩＴ, ３) to ASCII; Chinese punctuation is kept as typed."""
    return "".join(chr(ord(c) - 0xFEE0) if "\uff10" <= c <= "\uff5a" and c.isalnum() else c for c in text)


def _key(text) -> str:
    """A comparison key: normalized, no spaces, lower case, no trailing punctuation."""
    return "".join(normalize(text).split()).lower().rstrip(TRAILING)


class Spec:
    """What an exercise expects; subclasses implement ``parse`` and ``describe``."""

    #: The kind of control the answer box shows: "text", "dropdown".
    control = "text"
    placeholder = ""

    def parse(self, text):  # pragma: no cover - abstract
        raise NotImplementedError


    def describe(self, value) -> str:
        return str(value)


_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


class Number(Spec):
    """A number. ``percent="fraction"``: ``65%`` is 0.65; ``percent="points"``: ``16%`` is 16.

    Accepts full-width digits, ``。`` or ``．`` as the decimal point, any minus sign, ``负``
    for minus, spaces, thousands separators and a trailing full stop.
    """

    placeholder = "一个数字，例如 -1.25"

    def __init__(self, *, percent="fraction", integer=False):
        if percent not in ("fraction", "points"):
            raise IsqError(f"`percent` must be 'fraction' or 'points'; got {percent!r}.")
        self.percent, self.integer = percent, integer
        if integer:
            self.placeholder = "一个整数，例如 3"

    def parse(self, text):
        s = "".join(normalize(text).split())
        s = re.sub(r"(?<=\d)[。．](?=\d)", ".", s).rstrip(TRAILING.replace(".", "") + ".")
        s = s.replace("正", "+", 1) if s.startswith("正") else s
        s = "-" + s[1:] if s.startswith("负") else s
        pct = s.endswith("%")
        s = s.rstrip("%")
        if re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?", s):
            s = s.replace(",", "")
        if not s:
            raise AnswerFormatError("答案是空的：请填写一个数字。")
        if not _NUMBER.match(s):
            raise AnswerFormatError(f"「{normalize(text)}」不是一个数字。请只填写数字，例如 -1.25 或 0.65。")
        value = float(s)
        if pct and self.percent == "fraction":
            value = value / 100
        if self.integer:
            if not value.is_integer():
                raise AnswerFormatError(f"「{normalize(text)}」不是整数。请填写一个整数，例如 3。")
            return int(value)
        return value


    def describe(self, value):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return str(value)
        if isinstance(value, int) or float(value).is_integer():
            text = f"{int(value)}"
        else:
            text = f"{value:.4f}".rstrip("0").rstrip(".") if abs(value) < 1 else f"{value:.2f}".rstrip("0").rstrip(".")
        return text.replace("-", "−")


class Choice(Spec):
    """One of a few options: ``{value: label}``; typed text matches a value or a label (any case).

    Text that matches no option is passed on normalized, so the check can say what it did
    not recognise.
    """

    control = "dropdown"

    def __init__(self, options, *, aliases=None):
        self.options = dict(options)
        self._lookup = {}
        for value, lab in self.options.items():
            for a in (value, lab, *((aliases or {}).get(value, ()))):
                self._lookup[_key(a)] = value
        self.placeholder = "、".join(self.options.values())

    def parse(self, text):
        s = _key(text)
        if not s:
            raise AnswerFormatError("答案是空的：请从 " + "、".join(self.options.values()) + " 中选一个。")
        if s in self._lookup:
            return self._lookup[s]
        m = re.fullmatch(r"(.+?)[(（].*[)）]", normalize(text))  # "必备型（M）"
        if m and _key(m.group(1)) in self._lookup:
            return self._lookup[_key(m.group(1))]
        return normalize(text).rstrip(TRAILING)

    def describe(self, value):
        lab = self.options.get(value)
        if lab is None:
            return str(value)
        return f"{lab}" if str(value) in str(lab) else f"{lab}（{value}）"


class Text(Spec):
    """A short text (a name, a code, a sentence): normalized, outer quotes and full stop removed."""

    placeholder = "直接输入文字，不用加引号"

    def __init__(self, *, sentence=False):
        self.sentence = sentence

    def parse(self, text):
        s = _fold_ascii(normalize(text, width=False, end=not self.sentence))
        if not self.sentence:
            s = s.rstrip(TRAILING)
        if not s:
            raise AnswerFormatError("答案是空的：请输入文字。")
        return s


class Items(Spec):
    """A list of names or codes, separated by ``，`` ``、`` ``,`` ``;`` or spaces, brackets optional."""

    placeholder = "用顿号或逗号分隔，例如 甲、乙、丙"

    def __init__(self, *, upper=False):
        self.upper = upper

    def parse(self, text):
        s = normalize(text).strip("[]【】()（）{}")
        parts = [normalize(p).rstrip(TRAILING) for p in re.split(ITEM_SEPARATORS, s)]
        if len(parts) == 1 and " " in parts[0].strip():
            parts = parts[0].split()
        items = [p for p in parts if p]
        if not items:
            raise AnswerFormatError("答案是空的：请写出一个或几个名称，用顿号或逗号分开。")
        return [i.upper() for i in items] if self.upper else items


    def describe(self, value):
        return "、".join(map(str, value)) if isinstance(value, (list, tuple, set)) else str(value)


class Letters(Spec):
    """Option letters, e.g. ``a、c、d、f``, ``ＡＣＤＦ``, ``a c d f`` or ``acdf``: a list of lower-case letters.

    >>> Letters().parse("Ａ、ｃ，D f")
    ['a', 'c', 'd', 'f']
    """

    placeholder = "填字母，例如 a、c"

    def parse(self, text):
        s = normalize(text).strip("[]【】()（）{}")
        chunks = [c for c in re.split(r"[,，、;；/\s|和及与]+", s) if c]
        if len(chunks) == 1 and re.fullmatch(r"[A-Za-z]+", chunks[0]):
            chunks = list(chunks[0])
        if not chunks:
            raise AnswerFormatError("答案是空的：请填写选项的字母，例如 a、c。")
        bad = [c for c in chunks if not re.fullmatch(r"[A-Za-z]", c)]
        if bad:
            raise AnswerFormatError(f"「{bad[0]}」不是一个选项字母。请只填写字母，用顿号或逗号分开，例如 a、c。")
        return [c.lower() for c in chunks]

    def describe(self, value):
        return "、".join(map(str, value)) if isinstance(value, (list, tuple, set)) else str(value)


class Numbers(Spec):
    """A fixed number of numbers, e.g. ``(8, 160)``: typed as ``8，160`` or ``(８ １６０)``."""

    def __init__(self, count, *, integer=True, names=None):
        self.count, self.number = count, Number(integer=integer)
        self.names = list(names or [])
        self.placeholder = "，".join(self.names) if self.names else f"{count} 个数字，用逗号分开"

    def parse(self, text):
        s = normalize(text).strip("[]【】()（）{}")
        parts = [p for p in re.split(r"[,，、;；\s]+", s) if p]
        if len(parts) != self.count:
            raise AnswerFormatError(f"请填写 {self.count} 个数字，用逗号分开；读到了 {len(parts)} 个。")
        return tuple(self.number.parse(p) for p in parts)

    def describe(self, value):
        return "，".join(self.number.describe(v) for v in value) if isinstance(value, (list, tuple)) else str(value)


class Parts(Spec):
    """Named parts, each with its own spec (the answer box shows one control per part).

    Typed as one text: ``a：1，b：2`` or, in order, ``1，2``.
    """

    def __init__(self, parts, *, labels=None):
        self.parts = dict(parts)
        self.labels = dict(labels or {})

    def parse(self, text):
        s = normalize(text).strip("{}【】")
        keys = "|".join(re.escape(k) for k in sorted(self.parts, key=len, reverse=True))
        marks = re.escape(QUOTES)
        hits = list(re.finditer(rf"(?<![A-Za-z0-9_])[{marks}]?({keys})[{marks}]?\s*[:=]", s, flags=re.I))
        found = {}
        if hits and not s[:hits[0].start()].strip(" ,，、;；"):  # "a: 1, b: 2" (quotes optional)
            for h, nxt in zip(hits, hits[1:] + [None]):
                found[h.group(1).lower()] = s[h.end():nxt.start() if nxt else len(s)].strip().strip(",，、;；").strip()
        chunks = [normalize(c) for c in re.split(r"[,，、;；\n]+", s) if c.strip()]
        if not found:  # "a 1，b 2"
            for c in chunks:
                m = re.match(r"([A-Za-z_]\w*)\s+(.+)$", c)
                if not m or m.group(1).lower() not in self.parts:
                    found = {}
                    break
                found[m.group(1).lower()] = m.group(2)
        if not found:  # "1，2": in order
            if len(chunks) != len(self.parts):
                raise AnswerFormatError(
                    f"请按 {'，'.join(k + '：…' for k in self.parts)} 的格式填写 {len(self.parts)} 项；"
                    f"读到了 {len(chunks)} 项。")
            found = dict(zip(self.parts, chunks))
        return {k: self.parts[k].parse(v) for k, v in found.items()}

    def parse_parts(self, values: dict):
        """Parse the typed text of each part (the answer box); empty parts are left out."""
        out = {}
        for k, spec in self.parts.items():
            v = values.get(k)
            if v is None or (isinstance(v, str) and not v.strip()):
                continue
            out[k] = spec.parse(v) if isinstance(v, str) else v
        return out


    def describe(self, value):
        if not isinstance(value, dict):
            return str(value)
        return "，".join(f"{self.labels.get(k, k)}：{self.parts[k].describe(v) if k in self.parts else v}"
                        for k, v in value.items())

