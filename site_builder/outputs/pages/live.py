"""What the theme's script compares to notice that the status changed after the page was built.

Pages carry a short signature of the Statuspage summary they were built with; the script
fetches `api/v2/summary.json`, computes the same signature from it and, when they differ,
loads the page again in the background. The two computations must agree byte for byte:
theme/assets/balise/balise.js has the same steps.
"""

from __future__ import annotations

from typing import Any

FNV_OFFSET = 0x811C9DC5
FNV_PRIME = 0x01000193


def fnv1a(text: str) -> str:
    """32-bit FNV-1a over UTF-16 code units (what JavaScript strings are made of), in hex."""
    value = FNV_OFFSET
    data = text.encode("utf-16-le")
    for index in range(0, len(data), 2):
        value ^= data[index] | (data[index + 1] << 8)
        value = (value * FNV_PRIME) & 0xFFFFFFFF
    return format(value, "x")


def summary_signature(summary: dict[str, Any]) -> str:
    """The status, every component's status, and each open incident or maintenance with its
    status and last change: anything a reader would want to see without reloading."""
    parts = [summary["status"]["indicator"], summary["status"]["description"]]
    parts += [f"{c['id']}={c['status']}" for c in summary["components"]]
    for item in [*summary["incidents"], *summary["scheduled_maintenances"]]:
        parts.append(f"{item['id']}={item['status']}@{item['updated_at']}")
    return fnv1a("\n".join(parts))
