"""What the repo's own tests share: the repo they belong to, as a workspace."""

from __future__ import annotations

from pathlib import Path

from katakit.catalog import Workspace

#: The repo these tests belong to.
WORKSPACE = Workspace(Path(__file__).resolve().parent.parent)
