"""Hypothesis strategies for front-matter documents: the keys and words Balise reads, nested at random."""

from __future__ import annotations

from hypothesis import strategies as st

KEYS = ["title", "impact", "kind", "components", "updates", "next_update", "scheduled_for", "scheduled_until",
        "at", "status", "message", "api", "web"]  # fmt: skip
WORDS = ["major", "investigating", "9999-12-31T23:59:59-01:00", "0001-01-01T00:00:00+01:00", "resolved", "maintenance", "partial_outage", "2026-11-20T14:05:00Z",
         "2026-11-20 14:05", "2026-11-20", "api", "", "~", "yes"]  # fmt: skip

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20), st.sampled_from(WORDS)
)
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=8)), children, max_size=5),
    ),
    max_leaves=25,
)
documents = st.dictionaries(st.sampled_from(KEYS), values, max_size=8)
