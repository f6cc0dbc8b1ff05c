"""Readers: paths, directories and globs -> raw inputs, or rejections with a reason."""

from .read import expand_inputs, read_file, read_inputs

__all__ = ["expand_inputs", "read_file", "read_inputs"]
