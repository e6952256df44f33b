"""Maintenance tools, each run as ``python -m lib.tools.<name>`` from the repository root."""
