"""Step 1 of the desk: pasted text and uploaded or named files → `Source`s.

Refuses (`Refused`, in the editor's language) what cannot be a clipping: an empty or
binary file, one over the size limit (``PRESSROOM_CLIPPING_MAX_BYTES``), text it cannot
decode. A file or a paste may hold several clippings, separated by a line of ``---``.
"""

from collections.abc import Iterable, Iterator
from pathlib import Path

from .results import Refused, Source


def split_pasted(text: str, *, first_number: int = 1) -> list[Source]:
    """The clippings in one paste, numbered from ``first_number``."""
    raise NotImplementedError


def read_upload(name: str, data: bytes, *, first_number: int = 1) -> list[Source]:
    """The clippings in one uploaded file (``.txt`` or ``.html``); raises `Refused`."""
    raise NotImplementedError


def read_paths(paths: Iterable[str | Path]) -> Iterator[Source | Refused]:
    """Every clipping in the named files and folders (their ``.txt`` and ``.html``
    files, in name order); a file that cannot be read yields its `Refused`."""
    raise NotImplementedError
