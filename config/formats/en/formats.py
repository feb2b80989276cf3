"""English dates the way the newsroom writes them in its releases: "1 August 2024", day
first, the month in full, times on the 24-hour clock ("14:30", as the itineraries give
them), never Django's American default ("Aug. 1, 2024, 2:30 p.m.") beside it. Only what
is shown is set here; anything not named (input formats, numbers) is Django's own."""

DATE_FORMAT = "j F Y"  # 1 August 2024
TIME_FORMAT = "H:i"  # 14:30
DATETIME_FORMAT = "j F Y, H:i"  # 1 August 2024, 14:30
YEAR_MONTH_FORMAT = "F Y"  # August 2024
MONTH_DAY_FORMAT = "j F"  # 1 August
SHORT_DATE_FORMAT = "j M Y"  # 1 Aug 2024
SHORT_DATETIME_FORMAT = "j M Y, H:i"  # 1 Aug 2024, 14:30
