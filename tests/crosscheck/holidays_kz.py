"""Cross-check of kezek's built-in Kazakh calendar against the `holidays` package (PyPI).

The `holidays` package models Kazakhstan's public holidays, the weekend carry-over rule
and the government's decree transfers independently of kezek. This script derives from it,
for 2016-2026, the weekdays that are days off and the weekend days made working, and
compares them with the language-neutral conformance file
`tests/conformance/calendar-kz-days.json`, which every host (Rust, JS, Python, Kotlin)
checks kezek against. So: holidays package == conformance file == kezek.

    python tests/crosscheck/holidays_kz.py          # check (exit 1 on a difference)
    python tests/crosscheck/holidays_kz.py --write  # regenerate the file

Requires `holidays` (pinned in tests/crosscheck/requirements.txt).
"""

import datetime as dt
import json
import pathlib
import sys

import holidays
from holidays.countries.kazakhstan import KazakhstanStaticHolidays

FIRST, LAST = 2016, 2026
FILE = pathlib.Path(__file__).resolve().parent.parent / "conformance" / "calendar-kz-days.json"


def from_package():
    weekdays_off = []
    for year in range(FIRST, LAST + 1):
        for day in sorted(holidays.KZ(years=year)):
            if day.weekday() < 5:
                weekdays_off.append(day.isoformat())
    weekend_working = []
    for year, entries in KazakhstanStaticHolidays.special_public_holidays.items():
        if not FIRST <= year <= LAST:
            continue
        if isinstance(entries[0], int):
            entries = (entries,)
        for entry in entries:
            # (to_month, to_day, from_month, from_day[, from_year]): the day off moved
            # to `to` from `from`, which becomes a working day.
            from_year = entry[4] if len(entry) > 4 else year
            worked = dt.date(from_year, entry[2], entry[3])
            if worked.weekday() >= 5:
                weekend_working.append(worked.isoformat())
    return {
        "description": "Kazakhstan's national working-day calendar, 2016-2026: every weekday "
        "that is a day off and every weekend day that is a working day; all other weekdays "
        "work and all other weekend days rest. Generated from the `holidays` package by "
        "tests/crosscheck/holidays_kz.py; every host checks kezek against it.",
        "source": f"holidays {holidays.__version__}",
        "calendar": "kz",
        "first_year": FIRST,
        "last_year": LAST,
        "weekdays_off": sorted(set(weekdays_off)),
        "weekend_days_working": sorted(set(weekend_working)),
    }


def main():
    expected = from_package()
    if "--write" in sys.argv:
        FILE.write_text(json.dumps(expected, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {FILE}")
        return 0
    actual = json.loads(FILE.read_text(encoding="utf-8"))
    failed = 0
    for key in ("weekdays_off", "weekend_days_working"):
        missing = sorted(set(expected[key]) - set(actual[key]))
        extra = sorted(set(actual[key]) - set(expected[key]))
        if missing or extra:
            failed += 1
            print(f"{key}: the holidays package has {missing} that the file lacks; the file has {extra} that it lacks")
    passed = 2 - failed
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
