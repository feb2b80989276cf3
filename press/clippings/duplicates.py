"""Whether the newsroom already has a clipping's article or release."""

from .results import Duplicate, Recognition


def fingerprint(text: str) -> str:
    """SHA-256 of the cleaned text with spaces and punctuation aside."""
    raise NotImplementedError


def find_duplicate(recognition: Recognition) -> Duplicate | None:
    raise NotImplementedError
