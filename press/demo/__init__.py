"""Demo content: the two reference trips of ``/work/shared/TRIPS.md`` as plain Python data.

``common`` holds what both trips share (cities, organisations, people, topics, outlets, the
press contact); ``trip_2024`` and ``releases_2024`` hold Oh Se-hoon's 2024 trip to Paris,
Chongqing and Beijing; ``trip_2019`` and ``releases_2019`` hold Park Won-soon's 2019 trip to
Shenzhen and Hong Kong.
``loader`` writes it all to the database (``manage.py load_demo``) and ``images`` draws the
stand-in photos.

Translated texts are dicts keyed by language code (``en``, ``ko``, ``zh-hans``, ``ja``). A
language left out is missing on purpose, so that the site's fallback shows. The facts come
from TRIPS.md; every sentence is our own.
"""
