"""The coverage desk: news clippings in, draft coverage (or a city release) out.

A clipping is an article as the press office collects it: text pasted from a news
portal or an outlet's page, or an HTML page saved from a browser. The desk reads it in
four steps, each a module of its own, and only the last one writes:

* `reading`: pasted text or files → `Source`s (one per clipping), refusing what cannot
  be a clipping (empty, binary, too large) with a message in the editor's language.
* `recognising`: a `Source` → a `Recognition` of what the text itself says: cleaned
  text without portal furniture, headline and sub-headlines, byline, date and time
  (KST), language, outlet, address; or, for the city's own release page, its number.
  Our rules for the portal shapes; trafilatura for HTML; lingua for the language.
* `matching`: the trip, events and releases the clipping is about (dates, named places,
  people, organisations and events in four languages), and `duplicates`: whether the
  newsroom already has it. `Matcher` reads the trips' names once per batch (`gazetteer`)
  and the clipping as sentences (`sentences`, with the days they name: `mentioned_dates`),
  then scores the trips (`trip_scoring`), selects the events (`event_selection`) and
  relates the releases (`release_relation`).
* `importing`: saves a confirmed `Recognition` as a draft, with its clipping archived,
  all or nothing per clipping (the admin's review screen and `import_clippings`).

Builds on `press.models` and `visits.models`; must not import the admin, views or feeds.
"""
