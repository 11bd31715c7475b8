"""Classroom widget: paste a chat message or e-mail, see the phrases to avoid and better wording.

A ``Textarea`` for the trainer (or a participant) and, below it, the message with every hit of
:func:`isq.check_phrases` highlighted and a list of the hits with the library's suggestion.
The widget holds no logic of its own: the hits come from the phrase library.
"""

from __future__ import annotations

import html

from ...labels import check_lang

__all__ = ["phrase_checker", "highlight_hits"]

_TEXT = {
    "zh": {"placeholder": "把聊天记录或邮件粘贴到这里……", "none": "没有发现服务禁语。",
           "found": "发现 {n} 处服务禁语：", "suggest": "建议说法", "label": "消息"},
    "en": {"placeholder": "Paste a chat message or an e-mail here…", "none": "No phrases to avoid found.",
           "found": "{n} phrase(s) to avoid found:", "suggest": "Suggestion", "label": "Message"},
}


def highlight_hits(message, hits):
    """HTML of ``message`` with each hit (``start``/``end`` of :func:`isq.check_phrases`) marked.

    Examples
    --------
    >>> msg = "这不归我管，你自己去查吧！"
    >>> highlight_hits(msg, isq.check_phrases(msg)).count("<mark")
    2
    """
    out, pos = [], 0
    for start, end in sorted(zip(hits["start"], hits["end"])):
        out += [html.escape(message[pos:start]),
                f"<mark style='background:#f8d7da'>{html.escape(message[start:end])}</mark>"]
        pos = end
    out.append(html.escape(message[pos:]))
    return "".join(out).replace("\n", "<br>")


def phrase_checker(library=None, *, value="", lang="zh", rows=5):
    """A text box whose content is checked for phrases to avoid on every change.

    Parameters
    ----------
    library : PhraseLibrary, optional
        Default: the bundled library; pass :func:`isq.add_phrases` output to include the
        phrases the room collected.
    value : str
        Initial text.
    lang : {"zh", "en"}
        Language of the widget's own words (the suggestions come from the library).
    rows : int
        Height of the text box.

    Returns
    -------
    ipywidgets.VBox
        With attributes ``text`` (the Textarea), ``result`` (the HTML shown), ``hits`` (the
        DataFrame of the last check) and ``refresh()``.

    Examples
    --------
    >>> box = phrase_checker(value="好的，马上处理。")
    >>> len(box.hits)
    0
    >>> box.text.value = "我正忙着呢，明天再来吧。"
    >>> box.hits["match"].tolist()
    ['我正忙着呢', '明天再来']
    """
    import ipywidgets as w

    from ...models.phrases import check_phrases, load_phrases

    words = _TEXT[check_lang(lang)]
    library = load_phrases() if library is None else library
    text = w.Textarea(value=value, placeholder=words["placeholder"], rows=rows,
                      layout=w.Layout(width="100%"))
    result = w.HTML()
    box = w.VBox([text, result])
    box.text, box.result = text, result

    def refresh(*_):
        msg = text.value or ""
        hits = check_phrases(msg, library=library)
        box.hits = hits
        if hits.empty:
            result.value = f"<div style='color:#2ca02c'>✓ {words['none']}</div>"
            return
        items = "".join(
            f"<li><b style='color:#c0392b'>{html.escape(m)}</b>（{html.escape(str(t))}）→ "
            f"{words['suggest']}：{html.escape(str(s))}</li>"
            for m, t, s in zip(hits["match"], hits["theme"], hits["suggestion"]))
        result.value = (f"<div style='border-left:4px solid #c0392b;padding:6px 10px;background:#fafafa'>"
                        f"<div>{highlight_hits(msg, hits)}</div>"
                        f"<div style='margin-top:6px'>{words['found'].format(n=len(hits))}</div>"
                        f"<ul style='margin:4px 0'>{items}</ul></div>")

    text.observe(refresh, names="value")
    box.refresh = refresh
    refresh()
    return box
