"""Step 2 of the desk: a `Source` → a `Recognition` of what its text says."""

from .results import Recognition, Source


class OutletIndex:
    """Every outlet's names (all languages and aliases) and domains, read once per batch."""

    def __init__(self):
        raise NotImplementedError


def recognise(source: Source, *, outlets: OutletIndex | None = None) -> Recognition:
    """What the clipping itself says; raises `Refused` when it cannot be coverage or a
    release of ours (a language the newsroom does not have, no text at all)."""
    raise NotImplementedError
