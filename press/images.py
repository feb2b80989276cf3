"""Photos' uploads are checked and re-encoded like every image the site stores: the checks
and the allow-list of stored image types live in `visits.images` (people's portraits need
them too, and ``visits`` never imports ``press``); this module names them for ``press``.
"""

from visits.images import (
    ACCEPTED_EXTENSIONS,
    CLEAN_MARK,
    FORMATS,
    HEAD_BYTES,
    MEDIA_TYPES,
    CleanImage,
    begins_as,
    clean_upload,
    is_clean,
    media_type,
)

__all__ = [
    "ACCEPTED_EXTENSIONS",
    "CLEAN_MARK",
    "FORMATS",
    "HEAD_BYTES",
    "MEDIA_TYPES",
    "CleanImage",
    "begins_as",
    "clean_upload",
    "is_clean",
    "media_type",
]
