"""File helpers shared by every layer.

- Atomic writes: a half-written file never looks complete.
- A safe YAML loader for every YAML isq reads from a user's folder (workshop.yaml,
  strategy.yaml, worksheets, mapping files, instruments): a size limit and a limit on the
  nodes the document expands to, so that a 480-byte "billion laughs" alias bomb is refused
  with an :class:`isq.IsqDataError` naming the file instead of exhausting memory.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["atomic_write_bytes", "atomic_write_text", "atomic_path", "load_yaml", "limited_yaml_loader",
           "MAX_YAML_BYTES", "MAX_YAML_NODES"]

#: The largest YAML file isq reads from a user's folder (bytes).
MAX_YAML_BYTES = 2_000_000
#: The most nodes (scalars, lists, mappings) a YAML document may expand to, aliases counted
#: at their full size each time they are used.
MAX_YAML_NODES = 200_000


def _umask_mode():
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def atomic_write_bytes(path, data: bytes) -> Path:
    """Write ``data`` to ``path`` via a temporary file in the same folder and ``os.replace``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _umask_mode())  # mkstemp makes 0600; reports are meant to be shared
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def atomic_write_text(path, text: str, encoding="utf-8") -> Path:
    """Text version of :func:`atomic_write_bytes`."""
    return atomic_write_bytes(path, text.encode(encoding))


class atomic_path:
    """Context manager yielding a temporary path that replaces ``path`` on success.

    For writers that want a file name (openpyxl, Chromium)::

        with atomic_path("results.xlsx") as tmp:
            workbook.save(tmp)
    """

    def __init__(self, path):
        self.path = Path(path)

    def __enter__(self) -> Path:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.stem}.", suffix=self.path.suffix,
                                   dir=self.path.parent)
        os.close(fd)
        self.tmp = Path(tmp)
        return self.tmp

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None and self.tmp.exists() and self.tmp.stat().st_size > 0:
            os.chmod(self.tmp, _umask_mode())
            os.replace(self.tmp, self.path)
        else:
            self.tmp.unlink(missing_ok=True)
        return False


def limited_yaml_loader(*, max_nodes=MAX_YAML_NODES, file=None):
    """A ``yaml.SafeLoader`` subclass that counts the nodes a document expands to.

    Every alias (``*name``) counts as the full size of the node it repeats, so nested
    aliases that would expand to millions of nodes raise :class:`isq.IsqDataError`
    (naming ``file``) while the document is composed, before anything is built.
    Use as ``yaml.load(text, Loader=limited_yaml_loader(file=path))``.
    """
    import yaml

    from .errors import IsqDataError

    class LimitedSafeLoader(yaml.SafeLoader):
        def __init__(self, stream):
            super().__init__(stream)
            self._isq_sizes = {}

        def compose_node(self, parent, index):
            node = super().compose_node(parent, index)
            sizes = self._isq_sizes
            key = id(node)
            if key not in sizes:
                if isinstance(node, yaml.SequenceNode):
                    size = 1 + sum(sizes.get(id(c), 1) for c in node.value)
                elif isinstance(node, yaml.MappingNode):
                    size = 1 + sum(sizes.get(id(k), 1) + sizes.get(id(v), 1) for k, v in node.value)
                else:
                    size = 1
                sizes[key] = size
                if size > max_nodes:
                    mark = node.start_mark
                    raise IsqDataError(
                        f"YAML 文件展开后超过 {max_nodes:,} 个节点（第 {mark.line + 1} 行附近，多为别名 * 层层嵌套），"
                        f"拒绝读取 (the YAML expands to more than {max_nodes:,} nodes near line {mark.line + 1}, "
                        "usually nested aliases (*); refused, as it would exhaust memory)", file=file)
            return node

    return LimitedSafeLoader


def parse_user_yaml(path, *, max_bytes=MAX_YAML_BYTES, max_nodes=MAX_YAML_NODES):
    """Parse a YAML file from a user's folder with the size and alias-expansion limits of
    :func:`load_yaml`, leaving ``yaml.YAMLError`` and ``UnicodeDecodeError`` to the caller
    (callers that word their own "damaged file" message keep it); a file over the limits
    raises :class:`isq.IsqDataError` naming it.
    """
    import yaml

    from .errors import IsqDataError

    path = Path(path)
    size = path.stat().st_size
    if size > max_bytes:
        raise IsqDataError(f"YAML 文件过大（{size:,} 字节，上限 {max_bytes:,}） (the YAML file is too large: {size:,} "
                           f"bytes; the limit is {max_bytes:,})", file=str(path))
    return yaml.load(path.read_text(encoding="utf-8"), Loader=limited_yaml_loader(max_nodes=max_nodes, file=str(path)))


def load_yaml(path, *, max_bytes=MAX_YAML_BYTES, max_nodes=MAX_YAML_NODES, default=None):
    r"""Read a YAML file from a user's folder safely; ``default`` for an empty document.

    Raises :class:`isq.IsqDataError` naming the file when it is missing, larger than
    ``max_bytes``, not UTF-8, not valid YAML (with its line and column) or expands to more
    than ``max_nodes`` nodes (an alias bomb). Only plain YAML is built (``SafeLoader``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "bomb.yaml"
    >>> _ = f.write_text("a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    ...     f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
    ...     for p, c in zip("abcdefgh", "bcdefghi")))
    >>> isq._io.load_yaml(f)
    Traceback (most recent call last):
    ...
    isq.errors.IsqDataError: file '...bomb.yaml': YAML 文件展开后超过 200,000 个节点...
    """
    import yaml

    from .errors import IsqDataError

    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise IsqDataError("文件不存在 (the file does not exist)", file=str(path)) from None
    except OSError as exc:
        raise IsqDataError(f"无法打开文件 (cannot open the file: {exc.strerror})", file=str(path)) from None
    if size > max_bytes:
        raise IsqDataError(f"YAML 文件过大（{size:,} 字节，上限 {max_bytes:,}） (the YAML file is too large: {size:,} "
                           f"bytes; the limit is {max_bytes:,})", file=str(path))
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IsqDataError(f"不是 UTF-8 文本（字节 {exc.start}） (not UTF-8 text: byte {exc.start}); save it as UTF-8",
                           file=str(path)) from None
    except OSError as exc:
        raise IsqDataError(f"无法打开文件 (cannot open the file: {exc.strerror})", file=str(path)) from None
    try:
        data = yaml.load(text, Loader=limited_yaml_loader(max_nodes=max_nodes, file=str(path)))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "<yaml>"
        raise IsqDataError(f"YAML 格式错误（{where}） (not valid YAML at {where}: "
                           f"{getattr(exc, 'problem', None) or exc})", file=str(path)) from None
    except RecursionError:
        raise IsqDataError("YAML 嵌套过深 (the YAML is nested too deeply)", file=str(path)) from None
    return default if data is None else data
