"""Atomic writes for the delivery layer: see :mod:`isq._io` (one implementation for all layers)."""

from .._io import atomic_path, atomic_write_bytes, atomic_write_text

__all__ = ["atomic_write_bytes", "atomic_write_text", "atomic_path"]
