"""Every test here works on a small project on disk (support.checked_project)."""

from support.checked_project import project  # noqa: F401
