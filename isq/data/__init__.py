"""Data layer: instruments, readers, exports, validation, privacy and the demo company."""
