"""Dates and "as of" stamps as printed in sitreps (English, French, Spanish, Russian).

Only years 1900-2099 are recognised, which keeps counts like "10 July 1234
cases" from being read as years; two-digit years mean 20yy.
"""
from __future__ import annotations

import datetime

import regex

_MONTH_NAMES = {
    1: "january jan janvier janv enero ene январь января",
    2: "february feb febr février fevrier févr fevr fév fev febrero февраль февраля",
    3: "march mar mars marzo март марта",
    4: "april apr avril avr abril abr апрель апреля",
    5: "may mai mayo май мая",
    6: "june jun juin junio июнь июня",
    7: "july jul juillet juil julio июль июля",
    8: "august aug août aout agosto ago август августа",
    9: "september sept sep septembre septiembre setiembre set сентябрь сентября",
    10: "october oct octobre octubre октябрь октября",
    11: "november nov novembre noviembre ноябрь ноября",
    12: "december dec décembre decembre déc diciembre dic декабрь декабря",
}
MONTHS: dict[str, int] = {name: n for n, names in _MONTH_NAMES.items() for name in names.split()}
# Also ordinary words; without a year they count only when capitalised ("cases 3 may rise").
_WORDLIKE_MONTHS = {"may", "march", "mar", "set", "ago"}

_WEEKDAYS = (
    "monday mon tuesday tues tue wednesday wed thursday thurs thu friday fri saturday sat "
    "sunday sun lundi mardi mercredi jeudi vendredi samedi dimanche lunes martes miércoles "
    "miercoles jueves viernes sábado sabado domingo"
).split()


def _alternation(words) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


_MONTH = rf"(?:{_alternation(MONTHS)})(?!\p{{L}})\.?"
_YEAR = r"(?:19|20)\d\d"
_DATE = (
    r"(?<![\p{L}\d])(?<!\d[.,/:])(?:"
    rf"(?P<iso_y>{_YEAR})-(?P<iso_m>\d{{1,2}})-(?P<iso_d>\d{{1,2}})(?!\d)"
    # 09.11.2020, 9.11.20, 23/01/2020; not "8.800.080.00.06" nor "1.2.3.4".
    rf"|(?<!\d-)(?P<num_a>\d{{1,2}})(?P<num_sep>[./-])(?P<num_b>\d{{1,2}})(?P=num_sep)"
    rf"(?P<num_y>{_YEAR}|\d\d)(?!\d|[.,/-]\d)"
    # 9 Nov. 2020, 1er septembre 2025, 10 de julio de 2020, 9-Nov-20, 10th of July
    rf"|(?P<dmy_d>\d{{1,2}})(?:er|re|st|nd|rd|th|º|°)?(?P<dmy_sep>\s+(?:(?:de|of)\s+)?|-)"
    rf"(?P<dmy_mon>{_MONTH})"
    rf"(?:(?:,?\s+(?:del?\s+)?|-)(?P<dmy_y>{_YEAR}(?!\d))|-(?P<dmy_yy>\d\d)(?!\d))?"
    # November 9, 2020
    rf"|(?P<mdy_mon>{_MONTH})\s+(?P<mdy_d>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)"
    rf"(?:,?\s+(?P<mdy_y>{_YEAR}(?!\d)))?"
    r")"
)
DATE_RE = regex.compile(_DATE, regex.IGNORECASE)
_DIGIT = regex.compile(r"\d")  # every alternative of _DATE has one

_TIME = (
    r"(?P<h>\d{1,2})(?:"
    r"[:h](?P<mi>[0-5]\d)(?!\d)(?:\s*(?P<ap>[ap])\.?\s?m(?!\p{L})\.?)?"  # 12:00, 18h30, 9:30 a.m.
    r"|\s*(?P<ap2>[ap])\.?\s?m(?!\p{L})\.?"  # 10 AM
    r"|h(?![\p{L}\d])"  # 18h
    r"|(?=\s*(?:noon|midday|midi)))"  # 12 noon
    r"(?:\s*(?:noon|midday|midi)(?!\p{L}))?"
)
_ZONE = r"(?-i:\(?[A-Z]{2,5}(?:[+-]\d{1,2}(?::?\d\d)?)?\)?)"
_CUE = (
    r"as\s+(?:of|at|on)|as\s+reported\s+(?:by|on)|up\s+to|until"
    r"|à\s+la\s+date\s+du|en\s+date\s+du|jusqu['’]au|au"
    r"|a\s+la\s+fecha(?:\s+del?)?|a\s+fecha\s+de|fecha\s+de\s+corte|hasta\s+el|al"
    r"|по\s+состоянию\s+на|на"
)
_ARTICLE = r"(?:(?:the|on|le|el|du|del|de)\s+)?"
AS_OF_RE = regex.compile(
    rf"(?<!\p{{L}})(?:{_CUE})(?!\p{{L}})[\s:,(]*{_ARTICLE}"
    rf"(?:{_TIME}[\s,]*(?:{_ZONE}[\s,]*)?)?{_ARTICLE}"
    rf"(?:(?:{_alternation(_WEEKDAYS)})\.?,?\s+)?(?P<date>{_DATE})",
    regex.IGNORECASE,
)
_TIME_AFTER_RE = regex.compile(
    rf"(?:T|\s*,?\s*(?:(?:at|à|a\s+las?|в)\s+)?){_TIME}", regex.IGNORECASE
)


def _to_date(m: regex.Match, default_year: int | None) -> datetime.date | None:
    if m["iso_y"]:
        y, mo, d = m["iso_y"], m["iso_m"], m["iso_d"]
    elif m["num_a"]:
        y, d, mo = m["num_y"], m["num_a"], m["num_b"]
        if m["num_sep"] != "." and int(mo) > 12:  # 01/23/2020 is American month/day
            d, mo = mo, d
    elif m["dmy_d"]:
        y, d, mo = m["dmy_y"] or m["dmy_yy"], m["dmy_d"], m["dmy_mon"]
        if not y and m["dmy_sep"] == "-":  # "1-Jan" is usually one end of a range
            return None
    else:
        y, d, mo = m["mdy_y"], m["mdy_d"], m["mdy_mon"]
    if not mo.isdigit():
        name = mo.rstrip(".")
        if not y and name.lower() in _WORDLIKE_MONTHS and name[0].islower():
            return None
        mo = MONTHS[name.lower()]
    year = (int(y) + 2000 if len(y) == 2 else int(y)) if y else default_year
    if year is None:
        return None
    try:
        return datetime.date(year, int(mo), int(d))
    except ValueError:
        return None


def find_dates(text: str, default_year: int | None = None) -> list[tuple[datetime.date, int, int]]:
    """(date, start, end) for every date in ``text``.

    Numeric dates are day first; with ``/`` or ``-`` the order flips to
    month/day only when the second number exceeds 12. Day-month without a
    year ("as of 10 July") needs ``default_year``. Impossible dates are skipped.
    """
    found, pos = [], 0
    if not _DIGIT.search(text):
        return found
    while m := DATE_RE.search(text, pos):
        d = _to_date(m, default_year)
        if d:
            found.append((d, m.start(), m.end()))
        pos = m.end() if d else m.start() + 1  # a rejected match may hide a valid one
    return found


def parse_date(text: str, default_year: int | None = None) -> datetime.date | None:
    """The first date in ``text``, or None."""
    dates = find_dates(text, default_year)
    return dates[0][0] if dates else None


def _time(m: regex.Match | None) -> tuple[int, int] | None:
    if not m or m["h"] is None:
        return None
    hour, minute, ap = int(m["h"]), int(m["mi"] or 0), (m["ap"] or m["ap2"] or "").lower()
    if ap:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ap == "p" else 0)
    return (hour, minute) if hour < 24 else None


def parse_as_of(text: str, default_year: int | None = None) -> str | None:
    """ISO date, or ISO minute datetime when a time is printed, of the first "as of" stamp.

    Cues: as of/at/on, as reported by, up to, until; au, à la date du, en date
    du, jusqu'au; al, a la fecha, hasta el; по состоянию на, на. The time may
    sit between cue and date or right after the date; time zones are dropped.
    Text without such a cue gives None.
    """
    if not _DIGIT.search(text):
        return None  # every date has a digit (a cheap test for the many lines without one)
    pos = 0
    while m := AS_OF_RE.search(text, pos):
        d = _to_date(m, default_year)
        if d is None:
            pos = m.start() + 1
            continue
        hm = _time(m) or _time(_TIME_AFTER_RE.match(text, m.end()))
        return f"{d.isoformat()}T{hm[0]:02d}:{hm[1]:02d}" if hm else d.isoformat()
    return None
