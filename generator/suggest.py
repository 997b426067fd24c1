"""'Did you mean' hints for misspelt ids and field names."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """Return `` (did you mean 'x'?)`` for the closest candidate, or an empty string."""
    if len(word) > 100:
        return ""  # no id is that long; comparing would only cost time
    choices = sorted(set(candidates))
    match = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if not match:
        # Ids are often a prefix or suffix away from the real one ('foo' for 'foo-lead').
        match = [c for c in choices if c.startswith(word + "-") or c.endswith("-" + word)][:1]
    return f" (did you mean '{match[0]}'?)" if match else ""
