"""The Jinja environment of the page templates (Markdown with inline HTML, not autoescaped:
every value is escaped by the renderers before it reaches a template)."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

TEMPLATES = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                        keep_trailing_newline=True, autoescape=False)
