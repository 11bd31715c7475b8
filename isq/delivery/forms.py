"""Worksheets as live forms (ipywidgets), drawn by one engine from the schemas in
``isq/data/worksheets.yaml``.

``isq.worksheet("abcde", team="第1组", folder="workshop")`` returns a form widget. It loads the
team's file if there is one, saves after every change (atomically) and on its 保存 button,
so a kernel restart loses nothing. A file that cannot be read is named in a red message and
never overwritten: the form stops saving until the data is saved under a new team name
(另存为).
"""

from __future__ import annotations

from datetime import date

from ..errors import IsqDataError, IsqError
from .workshop import (
    _coerce, current_team, empty_values, load_worksheets, read_worksheet, save_worksheet, workshop_folder,
    worksheet_path, worksheet_schema,
)

__all__ = ["worksheet", "WorksheetForm", "load_worksheets"]

_LAYOUT_WIDE = {"width": "95%"}


def _cell_widget(spec, value, lang):
    import ipywidgets as w

    desc = spec["zh" if lang == "zh" else "en"]
    kind = spec["type"]
    style = {"description_width": "initial"}
    if kind == "text":
        return w.Text(value=value or "", description=desc, continuous_update=False, style=style,
                      layout=_LAYOUT_WIDE)
    if kind == "long_text":
        return w.Textarea(value=value or "", description=desc, continuous_update=False, style=style,
                          layout={"width": "95%", "height": "70px"})
    if kind == "choice":
        opts = ["", *spec["options"]]
        return w.Dropdown(options=opts, value=value if value in opts else "", description=desc, style=style)
    if kind == "date":
        return w.DatePicker(value=value, description=desc, style=style)
    if kind == "number":
        # Text, not FloatText: an empty answer must stay empty instead of becoming 0
        return w.Text(value="" if value is None else f"{value:g}", description=desc,
                      continuous_update=False, style=style, placeholder=f"{spec.get('min', '')}–{spec.get('max', '')}")
    raise IsqError(f"unknown field type {kind!r}")  # pragma: no cover


class _TableField:
    """Rows of cell widgets with add/remove buttons."""

    def __init__(self, spec, rows, lang, on_change):
        import ipywidgets as w

        self.spec, self.lang, self.on_change = spec, lang, on_change
        self.rows = []
        self.box = w.VBox()
        add = w.Button(description="添加一行" if lang == "zh" else "Add a row", icon="plus")
        add.on_click(lambda _: self.add_row(notify=True))
        self.widget = w.VBox([w.HTML(f"<b>{spec['zh' if lang == 'zh' else 'en']}</b>"), self.box, add])
        for r in rows or []:
            self.add_row(r)

    def add_row(self, values=None, notify=False):
        import ipywidgets as w

        values = values or {}
        cells = {c["name"]: _cell_widget(c, values.get(c["name"]), self.lang) for c in self.spec["columns"]}
        for c in cells.values():
            c.layout = {"width": f"{90 // max(len(cells), 1)}%"}
            c.observe(lambda _: self.on_change(), names="value")
        rm = w.Button(icon="trash", tooltip="删除这一行", layout={"width": "40px"})
        row = (cells, w.HBox([*cells.values(), rm]))
        rm.on_click(lambda _: self.remove_row(row))
        self.rows.append(row)
        self.box.children = [r[1] for r in self.rows]
        if notify:
            self.on_change()

    def remove_row(self, row):
        self.rows.remove(row)
        self.box.children = [r[1] for r in self.rows]
        self.on_change()

    def value(self):
        return [{k: _raw(v) for k, v in cells.items()} for cells, _ in self.rows]

    def set_value(self, rows):
        self.rows = []
        for r in rows or []:
            self.add_row(r)
        self.box.children = [r[1] for r in self.rows]


def _raw(widget):
    v = widget.value
    return v if v != "" else None


def _form_class():
    import ipywidgets as w

    class WorksheetForm(w.VBox):
        """A live worksheet form: a VBox with ``values()``, ``set_values()``, ``save()``,
        ``save_as(team)`` and ``status`` (the last message shown)."""

        def __init__(self, name, team, folder="workshop", *, lang="zh", autosave=True):
            self.schema = worksheet_schema(name)
            self.name, self.team, self.folder, self.lang = name, str(team), folder, lang
            self.path = worksheet_path(folder, name, team)
            self.autosave = autosave
            self.blocked = None  # the error message while the file on disk cannot be read
            self._loading = True
            self._fields = {}
            children = [w.HTML(f"<h3>{self.schema['title_zh' if lang == 'zh' else 'title_en']}"
                               f"（{self.team}）</h3><p>{self.schema.get('intro_zh', '') if lang == 'zh' else ''}</p>")]
            values = empty_values(name)
            if self.path.exists():
                try:
                    _, values = read_worksheet(self.path, worksheet=name)
                except IsqDataError as e:
                    self.blocked = str(e)
            for f in self.schema["fields"]:
                if f["type"] == "table":
                    t = _TableField(f, values[f["name"]], lang, self._changed)
                    self._fields[f["name"]] = t
                    children.append(t.widget)
                else:
                    cw = _cell_widget(f, values[f["name"]], lang)
                    cw.observe(lambda _: self._changed(), names="value")
                    self._fields[f["name"]] = cw
                    children.append(cw)
            self._status = w.HTML()
            save = w.Button(description="保存" if lang == "zh" else "Save", icon="save", button_style="primary")
            save.on_click(lambda _: self._save_clicked())
            self._new_team = w.Text(placeholder="新的团队名称，如 第1组-2", layout={"width": "220px"})
            save_as = w.Button(description="另存为" if lang == "zh" else "Save as", icon="copy")
            save_as.on_click(lambda _: self._save_as_clicked())
            children += [w.HBox([save, self._new_team, save_as]), self._status]
            super().__init__(children)
            self._loading = False
            if self.blocked:
                self._show(f"⚠ {self.blocked}", error=True)
            elif self.path.exists():
                self._show(f"已载入 {self.path}")
            else:
                self._show(f"新工作表，将保存到 {self.path}")

        # -------------------------------------------------------------- values
        def values(self):
            """Current answers ``{field: value}`` (tables as lists of row dicts)."""
            out = {}
            for f in self.schema["fields"]:
                wdg = self._fields[f["name"]]
                raw = wdg.value() if f["type"] == "table" else _raw(wdg)
                try:
                    out[f["name"]] = _coerce(raw, f, f["name"])
                except IsqError:
                    out[f["name"]] = raw  # e.g. "abc" typed in a number box: save() reports it
            return out

        def set_values(self, values):
            """Fill the form from ``{field: value}`` (saves once afterwards when autosave is on)."""
            self._loading = True
            try:
                for f in self.schema["fields"]:
                    if f["name"] not in values:
                        continue
                    v = values[f["name"]]
                    wdg = self._fields[f["name"]]
                    if f["type"] == "table":
                        wdg.set_value(v)
                    elif f["type"] == "number":
                        wdg.value = "" if v is None else f"{float(v):g}"
                    elif f["type"] == "date":
                        wdg.value = _coerce(v, f, f["name"])
                    else:
                        wdg.value = "" if v is None else str(v)
            finally:
                self._loading = False
            self._changed()

        @property
        def status(self):
            return self._status_text

        def _show(self, text, error=False):
            import html

            self._status_text = text
            colour = "#c0392b" if error else "#2e7d32"
            self._status.value = f'<span style="color:{colour}">{html.escape(text)}</span>'

        # -------------------------------------------------------------- saving
        def save(self):
            """Save now; raises IsqDataError (naming the file) instead of overwriting an unreadable file."""
            if self.blocked:
                raise IsqDataError("this form was opened on a file that cannot be read; it is not "
                                   "overwritten. Use save_as(new_team) or repair the file. "
                                   "(文件无法读取，不会被覆盖；请另存为新名称。)", file=str(self.path))
            path = save_worksheet(self.folder, self.name, self.team, self.values())
            self._show(f"已保存 {path}（{date.today().isoformat()}）")
            return path

        def save_as(self, team):
            """Save the answers under another team name (a new file) and keep saving there."""
            new = worksheet_path(self.folder, self.name, team)
            if new.exists():
                raise IsqDataError("a worksheet with this name already exists; choose another name. "
                                   "(该名称已存在。)", file=str(new))
            self.team, self.path, self.blocked = str(team), new, None
            return self.save()

        def _changed(self):
            if self._loading or not self.autosave:
                return
            try:
                self.save()
            except IsqError as e:
                self._show(f"⚠ 未保存：{e}", error=True)

        def _save_clicked(self):
            try:
                self.save()
            except IsqError as e:
                self._show(f"⚠ 未保存：{e}", error=True)

        def _save_as_clicked(self):
            try:
                self.save_as(self._new_team.value.strip())
            except IsqError as e:
                self._show(f"⚠ 未保存：{e}", error=True)

    return WorksheetForm


_CLASS = None


def __getattr__(name):
    if name == "WorksheetForm":
        return _get_class()
    raise AttributeError(name)


def _get_class():
    global _CLASS
    if _CLASS is None:
        _CLASS = _form_class()
    return _CLASS


def worksheet(name, team="", folder=None, *, lang="zh", autosave=True):
    """A live form for worksheet ``name`` of ``team``, saving to ``folder``.

    Parameters
    ----------
    name : str
        "abcde", "empathy", "communication", "value_rings", "poa", "iceberg" or "cocreation".
    team : str
        Team name; the file is ``<folder>/worksheets/<name>/<team>.yaml``. Empty: the
        ``current_team`` of the folder's workshop.yaml (:func:`isq.current_team`).
    folder : str or Path, optional
        The workshop folder; default :func:`isq.workshop_folder` (``~/isq课堂成果/...``).
    lang : {"zh", "en"}
    autosave : bool
        Save after every change (text fields save when they lose focus).

    Returns
    -------
    WorksheetForm
        An ipywidgets VBox; ``form.values()`` gives the answers, ``form.save()`` saves.

    Examples
    --------
    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> form = isq.worksheet("value_rings", team="第1组", folder=folder)
    >>> form.set_values({"task": "处理报修", "meaning": "同事不被打断", "value": "按时交付"})
    >>> isq.worksheet("value_rings", team="第1组", folder=folder).values()["meaning"]
    '同事不被打断'
    """
    folder = workshop_folder() if folder is None else folder
    return _get_class()(name, current_team(folder, team), folder, lang=lang, autosave=autosave)
