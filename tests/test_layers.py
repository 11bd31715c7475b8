"""Layers as DESIGN.md draws them, checked on the source (static AST, no import):

- no model module (``isq/models/*.py``) opens, reads or writes a file: the data layer
  (``isq/data/loaders.py``) reads the bundled YAML, the delivery layer stores boards;
- every model module stays under 450 lines, short enough to read against METHODS.md;
- no import cycle among isq's modules through their module-level imports (an import inside
  a function runs late and is allowed to point back).
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "isq"
MODELS = sorted((ROOT / "models").glob("*.py"))

# calls that open or read a file (attribute or plain name), and modules that do file I/O
FILE_CALLS = {"open", "read_csv", "read_excel", "read_parquet", "read_json", "read_table",
              "read_text", "read_bytes", "write_text", "write_bytes", "to_csv", "to_excel",
              "to_parquet", "to_json", "safe_load", "load_yaml", "parse_user_yaml", "loadtxt",
              "genfromtxt", "savetxt", "savez", "fromfile", "iterdir", "glob", "mkdir",
              "unlink", "atomic_write_text", "atomic_write_bytes"}
FILE_MODULES = {"yaml", "json", "csv", "pickle", "shelve", "shutil", "tempfile", "io",
                "openpyxl", "sqlite3", "isq._io"}


def _module_name(path):
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in ROOT.rglob("*.py")}


def _resolve(module, level, name, is_package):
    """Absolute name of ``from <level dots><name> import ...`` inside ``module``."""
    if level == 0:
        return name
    base = module.split(".")
    base = base if is_package else base[:-1]
    base = base[:len(base) - (level - 1)]
    return ".".join(base + ([name] if name else []))


def _top_level(tree):
    """The statements that run at import: module body, if/try/with blocks and class bodies,
    not function bodies."""
    todo = list(tree.body)
    while todo:
        node = todo.pop()
        yield node
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.stmt):
                todo.append(child)


def _imports(module, path):
    """The isq modules ``module`` imports at module level."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = set()
    for node in _top_level(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(module, node.level, node.module, path.name == "__init__.py")
            names = [target] + [f"{target}.{a.name}" for a in node.names]
        else:
            continue
        out |= {n for n in names if n in MODULES and n != module}
    return out


def _cycles(graph):
    """The strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, found = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = set()
            while True:
                w = stack.pop()
                on.discard(w)
                comp.add(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_import_graph_is_read():
    graph = {m: _imports(m, p) for m, p in MODULES.items()}
    assert len(graph) > 100
    # a few edges the scan must see (relative imports at several levels, from-imports)
    assert "isq.models._grouped" in graph["isq.models.kano"]
    assert "isq.data.loaders" in graph["isq.models.assessments"]
    assert "isq.models.kano" in graph["isq"]


def test_no_import_cycle_among_isq_modules():
    graph = {m: _imports(m, p) for m, p in MODULES.items()}
    # a package's __init__ importing its own submodules is how packages work, and a submodule
    # importing from its package's __init__ points back: count an edge into a package only
    # from outside that package
    for m, targets in graph.items():
        graph[m] = {t for t in targets if not (MODULES[t].name == "__init__.py"
                                               and m.startswith(t + "."))}
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_one():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def _file_io(path):
    """(line, what) of every file access in a module: a file-reading call or module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            f = node.func
            name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", None)
            if name in FILE_CALLS:
                found.append((node.lineno, f"{name}()"))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name in FILE_MODULES]
        elif isinstance(node, ast.ImportFrom) and node.module:
            mod = node.module if not node.level else ("isq." + node.module if node.level == 2 else node.module)
            if mod in FILE_MODULES or mod.split(".")[0] in FILE_MODULES - {"isq._io"}:
                found.append((node.lineno, mod))
    return found


@pytest.mark.parametrize("path", MODELS, ids=lambda p: p.name)
def test_no_model_module_touches_a_file(path):
    assert _file_io(path) == []


def test_the_file_scan_sees_file_access(tmp_path):
    src = tmp_path / "m.py"
    src.write_text("import yaml\nfrom .._io import load_yaml\n"
                   "def f(p):\n    with open(p) as fh:\n        return pd.read_csv(fh), p.read_text()\n",
                   encoding="utf-8")
    assert [w for _, w in _file_io(src)] == ["yaml", "isq._io", "open()", "read_csv()", "read_text()"] or \
        sorted(w for _, w in _file_io(src)) == sorted(["yaml", "isq._io", "open()", "read_csv()", "read_text()"])


@pytest.mark.parametrize("path", MODELS, ids=lambda p: p.name)
def test_model_modules_are_short(path):
    n = len(path.read_text(encoding="utf-8").splitlines())
    assert n < 450, f"{path.name} has {n} lines"
