"""Print an HTML report to PDF with a local Chromium (A4), Chinese rendered by the bundled font.

Chromium finds fonts through fontconfig; machines without system CJK fonts would print boxes,
so a private fontconfig file lists the folder of the bundled Noto Sans SC (zhplot) first.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import IsqError
from .._io import atomic_path

__all__ = ["find_chromium", "html_to_pdf"]

_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


def find_chromium():
    """Path of a local Chromium/Chrome executable, or None (``ISQ_CHROMIUM`` overrides)."""
    env = os.environ.get("ISQ_CHROMIUM")
    if env:
        return env if Path(env).exists() else None
    for name in _CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    return None


def _fontconfig_file(tmpdir: Path) -> Path:
    from ..plots.theme import cjk_font_path

    font_dir = cjk_font_path().parent
    conf = tmpdir / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        f"  <dir>{font_dir}</dir>\n  <include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>\n"
        f"  <cachedir>{tmpdir / 'cache'}</cachedir>\n"
        "  <alias><family>sans-serif</family><prefer><family>Noto Sans SC</family></prefer></alias>\n"
        "</fontconfig>\n",
        encoding="utf-8",
    )
    return conf


def html_to_pdf(html_path, pdf_path, *, timeout=180) -> Path:
    """Print ``html_path`` to ``pdf_path`` (A4, margins from the page CSS) and return the path."""
    exe = find_chromium()
    if exe is None:
        raise IsqError("PDF output needs a local Chromium (Debian: `apt-get install chromium`); none was found.")
    html_path = Path(html_path).resolve()
    with tempfile.TemporaryDirectory(prefix="isq-pdf-") as td, atomic_path(pdf_path) as tmp:
        td = Path(td)
        env = {**os.environ, "FONTCONFIG_FILE": str(_fontconfig_file(td))}
        cmd = [
            exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
            f"--user-data-dir={td / 'profile'}", "--no-pdf-header-footer",
            f"--print-to-pdf={tmp}", html_path.as_uri(),
        ]
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout)
        if proc.returncode != 0 or not tmp.exists() or tmp.stat().st_size == 0:
            raise IsqError(f"Chromium could not print {html_path.name} to PDF "
                           f"(exit {proc.returncode}): {proc.stderr.strip()[-400:]}")
    return Path(pdf_path)
