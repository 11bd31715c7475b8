"""Executed notebooks to an offline, self-contained HTML report.

nbconvert's ``basic`` template renders only the cell bodies (no scripts, no CDN); isq wraps
them in its own page with a cover, a table of contents (目录), print CSS for A4 and no
external reference of any kind. Code, the parameters / injected-parameters cells, teaching
and exercise cells and widget outputs are dropped.

Every page isq writes (the report shell, index.html) is rendered by one Jinja2 environment
with autoescape (:func:`render_template`): names, codes, titles and URLs from client data are
escaped in text and attributes alike; only HTML isq produced itself (the nbconvert body) is
passed in as markup.
"""

from __future__ import annotations

import functools
import html as _html
import re
from datetime import date

__all__ = [
    "REPORT_DROP_TAGS",
    "clean_for_report",
    "notebook_body_html",
    "report_page",
    "external_references",
    "render_template",
    "css_string",
]

#: Cells carrying any of these tags never reach a client report.
REPORT_DROP_TAGS = ("parameters", "injected-parameters", "teaching", "exercise", "solution")

_WIDGET_MIME = ("application/vnd.jupyter.widget-view+json", "application/vnd.jupyter.widget-state+json")


def clean_for_report(nb, *, drop_tags=REPORT_DROP_TAGS):
    """A copy of ``nb`` ready for a client: tagged cells, widget outputs and errors' code removed."""
    import copy

    nb = copy.deepcopy(nb)
    keep = []
    for cell in nb.cells:
        tags = set(cell.get("metadata", {}).get("tags", []))
        if tags & set(drop_tags):
            continue
        if cell.cell_type == "code":
            outputs = []
            for out in cell.get("outputs", []):
                data = out.get("data", {})
                for mime in _WIDGET_MIME:
                    data.pop(mime, None)
                if out.get("output_type") in ("display_data", "execute_result") and not data:
                    continue
                if out.get("output_type") == "stream" and out.get("name") == "stderr":
                    continue  # warnings and logs belong in the run log, not the client report
                outputs.append(out)
            cell.outputs = outputs
            if not outputs:
                continue
        keep.append(cell)
    nb.cells = keep
    nb.metadata.pop("widgets", None)
    return nb


#: Alternative text nbconvert's HTML exporter gives an image without one (kept, for screen readers).
IMG_ALT = "No description has been provided for this image"


@functools.lru_cache(maxsize=1)
def _exporter():
    """One HTML exporter per process, built once (loading its templates is the slow part).

    It is nbconvert's ``HTMLExporter`` (basic template) without its two per-call costs that
    add nothing to a report: re-validating the whole notebook after each of its dozen
    preprocessors (the executed notebook is isq's own, validated by construction), and the
    BeautifulSoup pass over the finished page, whose only effect on the basic template (``alt``
    on images without one; its ``tabindex`` targets lab-template markup only) is applied by
    :func:`notebook_body_html` directly. The fragment is the same markup (identical once
    parsed), rendered in about a quarter of the time.
    """
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter

    class _ReportExporter(HTMLExporter):
        def from_notebook_node(self, nb, resources=None, **kw):
            from nbconvert.filters.highlight import Highlight2HTML
            from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

            langinfo = nb.metadata.get("language_info", {})
            lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
            self.register_filter("highlight_code", self.filters.get(
                "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)))
            resources = self._init_resources(resources)
            self.register_filter("filter_data_type", WidgetsDataTypeFilter(
                notebook_metadata=self._nb_metadata, parent=self, resources=resources))
            return TemplateExporter.from_notebook_node(self, nb, resources, **kw)

        def _validate_preprocessor(self, nbc, preprocessor):
            return None

    return _ReportExporter(template_name="basic", exclude_input=True, exclude_input_prompt=True,
                           exclude_output_prompt=True, anchor_link_text="")


def warm_up():
    """Load the exporter and its templates ahead of the first report (report workers call it)."""
    import nbformat

    _exporter().from_notebook_node(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("预热")]))


_IMG_NO_ALT = re.compile(r"<img(?![^>]*\salt=)(?=[\s>/])", re.I)


def notebook_body_html(nb) -> str:
    """Render the outputs and markdown of ``nb`` (already cleaned) as an HTML fragment."""
    body, _ = _exporter().from_notebook_node(nb)
    body = _ANCHOR.sub("", body)
    body = _NON_ASCII_REF.sub(_char, body)  # markdown's &#33410; -> 节, as the parsed page had it
    return _IMG_NO_ALT.sub(f'<img alt="{IMG_ALT}"', body)


_ANCHOR = re.compile(r'<a class="anchor-link" href="[^"]*"\s*(?:/>|>[^<]*</a>)')
_NON_ASCII_REF = re.compile(r"&#(?:(\d{3,7})|[xX]([0-9a-fA-F]{2,6}));")


def _char(m):
    code = int(m.group(1)) if m.group(1) else int(m.group(2), 16)
    return chr(code) if 127 < code < 0x110000 and not 0xD800 <= code < 0xE000 else m.group(0)


@functools.lru_cache(maxsize=1)
def _jinja_env():
    """The one HTML rendering path: Jinja2 with autoescape on for every template."""
    from pathlib import Path

    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(Path(__file__).with_name("templates"))),
        autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
    )


def render_template(name: str, **context) -> str:
    """Render ``templates/<name>`` with autoescape; wrap trusted HTML in ``markupsafe.Markup``."""
    return _jinja_env().get_template(name).render(**context)


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string literal: every character outside letters, digits,
    spaces and CJK is a hex escape, so no quote, backslash or ``</style>`` can break out."""
    out = []
    for ch in str(text):
        if ch.isalnum() or ch == " ":
            out.append(ch)
        else:
            out.append(f"\\{ord(ch):06x}")
    return '"' + "".join(out) + '"'


_CSS = """
@page { size: A4; margin: 20mm 16mm 18mm 16mm;
        @bottom-right { content: counter(page) " / " counter(pages); font-size: 9pt; color: #888; }
        @top-left { font-size: 9pt; color: #888; } }
@page :first { @top-left { content: none; } @bottom-right { content: none; } }
body { font-family: "Noto Sans SC", "PingFang SC", "Microsoft YaHei", "Source Han Sans SC",
       "WenQuanYi Micro Hei", sans-serif; color: #222; max-width: 980px; margin: 0 auto;
       padding: 0 24px 48px; line-height: 1.6; }
h1, h2, h3 { color: #1f4e79; }
h2 { border-bottom: 2px solid #1f4e79; padding-bottom: 4px; margin-top: 2.2em; break-after: avoid; }
h3 { break-after: avoid; }
.cover { min-height: 80vh; display: flex; flex-direction: column; justify-content: center;
         border-bottom: 6px solid #1f4e79; }
.cover h1 { font-size: 2.4em; margin-bottom: .2em; }
.cover .client { font-size: 1.6em; color: #444; }
.cover .meta { color: #666; margin-top: 2em; }
nav.toc { page-break-after: always; }
nav.toc ol { line-height: 2; }
nav.toc a { color: #1f4e79; text-decoration: none; }
p.caption { page-break-after: avoid; break-after: avoid; margin-bottom: .2em; }
table { border-collapse: collapse; margin: 1em 0; font-size: .92em; break-inside: avoid; }
th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: right; }
td:first-child { min-width: 9em; }
td { min-width: 3.6em; }
th { background: #eef3f8; }
td:first-child, th:first-child { text-align: left; }
img { max-width: 100%; height: auto; break-inside: avoid; }
.output_png, .jp-RenderedImage { break-inside: avoid; break-after: avoid; }
.isq-overview { border: 2px solid #1f4e79; padding: 8px 16px; margin: 1em 0; break-inside: avoid; }
.isq-overview td { text-align: left; }
section.cover, nav.toc { break-after: page; }
@media print { body { max-width: none; padding: 0; } main > h2:first-child { break-before: auto; } }
.isq-note { background: #fff6e5; border-left: 4px solid #e69f00; padding: 8px 12px; margin: 1em 0; }
.isq-error { background: #fdecea; border-left: 4px solid #c0392b; padding: 8px 12px; margin: 1em 0; }
.isq-finding { background: #eef6ee; border-left: 4px solid #2ca02c; padding: 8px 12px; margin: .5em 0; }
.prompt, .input_prompt, .output_prompt { display: none; }
pre { white-space: pre-wrap; }
footer { margin-top: 3em; color: #888; font-size: .85em; border-top: 1px solid #ddd; padding-top: .5em; }
"""

_TEXT = {
    "zh": {"title": "内部服务质量诊断报告", "toc": "目录", "date": "报告日期", "dept": "部门",
           "footer": "由 isq（内部服务质量工具包）生成。少于 {k} 人的群体数据已按隐私规则隐去。"},
    "en": {"title": "Internal Service Quality Diagnostic Report", "toc": "Contents", "date": "Date",
           "dept": "Department",
           "footer": "Generated by isq. Figures from groups of fewer than {k} respondents are suppressed."},
}


def _slug(text, used):
    base = re.sub(r"[^\w\u4e00-\u9fff-]+", "-", text).strip("-").lower() or "section"
    slug, i = base, 2
    while slug in used:
        slug, i = f"{base}-{i}", i + 1
    used.add(slug)
    return slug


def _add_toc(body: str):
    """Give every h2 a stable id and return (body, [(id, text)])."""
    used, entries = set(), []

    def repl(m):
        attrs, inner = m.group(1), m.group(2)
        text = re.sub(r"<[^>]+>", "", inner).strip()
        sid = _slug(text, used)
        attrs = re.sub(r'\sid="[^"]*"', "", attrs)
        entries.append((sid, text))
        return f'<h2{attrs} id="{sid}">{inner}</h2>'

    body = re.sub(r"<h2([^>]*)>(.*?)</h2>", repl, body, flags=re.S)
    return body, entries


def report_page(body: str, *, client: str, lang: str = "zh", department: str | None = None,
                title: str | None = None, min_group_size: int = 5, report_date: date | None = None) -> str:
    """Wrap a rendered body in the isq report page: cover, table of contents, print CSS."""
    from markupsafe import Markup

    t = _TEXT[lang]
    title = title or t["title"]
    body, toc = _add_toc(body)
    when = (report_date or date.today()).isoformat()
    header = f"{client} · {department} · {title}" if department else f"{client} · {title}"
    return render_template(
        "report_page.html.j2", html_lang="zh-CN" if lang == "zh" else "en", client=str(client), title=title,
        department=department, dept_label=t["dept"], date_label=t["date"], when=when, toc_label=t["toc"],
        toc=[(sid, _html.unescape(text)) for sid, text in toc], body=Markup(body), css=Markup(_CSS),
        header_css=Markup(css_string(header)), footer=t["footer"].format(k=min_group_size),
    )


_EXTERNAL = re.compile(
    r"""(?:src|href|action|poster)\s*=\s*["']\s*((?:https?:)?//[^"']+)|url\(\s*["']?((?:https?:)?//[^)"']+)|@import\s+["']((?:https?:)?//[^"']+)""",
    re.I,
)


def external_references(html: str) -> list[str]:
    """Every external URL the page would load or link to (should be empty for a report)."""
    return [next(g for g in m.groups() if g) for m in _EXTERNAL.finditer(html)]
