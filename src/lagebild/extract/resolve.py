"""Calendar values (TIMEX3 style) for time mentions, against an anchor date (the document's date).

Weekdays and months are anchored by tense: a past-tense clause points to the latest such day or
month on or before the anchor, a future one to the next on or after it, a present one to the
nearest. Relative expressions count from the anchor ("vor 24 Jahren" -> anchor year - 24)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..meta.dates import MONTH_NUMBERS
from ..nlp.numbers import NUMBER_WORDS
from .timex import UNIT_CODES, WEEKDAYS, TimeMention

PAST_WORDS = ("vergangen", "letzt", "vorig", "last")
SEASONS = {"frühjahr": "SP", "frühling": "SP", "spring": "SP", "sommer": "SU", "summer": "SU", "herbst": "FA",
           "autumn": "FA", "fall": "FA", "winter": "WI"}
DAY_PARTS = {"morgen": "MO", "morgenstunden": "MO", "vormittag": "MO", "mittag": "MI", "nachmittag": "AF",
             "abend": "EV", "nacht": "NI"}


# a set's unit from its word ("täglich", "jede Woche", "annually")
SET_UNITS = (("täg", "D"), ("tag", "D"), ("day", "D"), ("daily", "D"), ("woch", "W"), ("wöch", "W"), ("week", "W"),
             ("monat", "M"), ("month", "M"), ("jahr", "Y"), ("jähr", "Y"), ("year", "Y"), ("annual", "Y"))


def _season(word: str) -> str:
    """The TIMEX season code of a season word: "Spätsommer", "des Herbstes" -> "SU", "FA"."""
    w = word.lower()
    return next(code for name, code in SEASONS.items() if w.endswith((name, name + "s", name + "es")))


# UTC offsets of the time zones German text names ("23:00 Uhr mitteleuropäischer Zeit" -> "T23:00+01")
TIME_ZONES = {"mez": "+01", "mitteleuropäischer zeit": "+01", "deutscher zeit": "+01", "mesz": "+02",
              "mitteleuropäischer sommerzeit": "+02", "deutscher sommerzeit": "+02", "osteuropäischer zeit": "+02",
              "osteuropäischer sommerzeit": "+03", "westeuropäischer zeit": "Z", "westeuropäischer sommerzeit": "+01",
              "utc": "Z", "gmt": "Z"}


def _utc_offset(zone: str) -> str:
    return TIME_ZONES.get(" ".join(zone.lower().split()), "")


def _num(word: str) -> int | None:
    w = word.lower()
    return int(w) if w.isdigit() else 2 if w == "beiden" else NUMBER_WORDS.get(w)


def _month(word: str) -> int:
    return MONTH_NUMBERS[word.lower().rstrip(".")]


def _weekday(anchor: date, weekday: int, tense: str) -> date:
    back = (anchor.weekday() - weekday) % 7
    fwd = (weekday - anchor.weekday()) % 7
    if tense == "past":
        return anchor - timedelta(days=back)
    if tense == "future":
        return anchor + timedelta(days=fwd)
    return anchor - timedelta(days=back) if back <= fwd else anchor + timedelta(days=fwd)


def _month_value(anchor: date, month: int, tense: str) -> str:
    if tense == "past":
        year = anchor.year if month <= anchor.month else anchor.year - 1
    elif tense == "future":
        year = anchor.year if month >= anchor.month else anchor.year + 1
    else:
        # the nearest occurrence
        year = min((anchor.year - 1, anchor.year, anchor.year + 1),
                   key=lambda y: abs((y - anchor.year) * 12 + month - anchor.month))
    return f"{year:04d}-{month:02d}"


def _safe_date(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _shift(anchor: date, n: int, unit: str) -> str:
    if unit in ("H", "MIN"):
        return anchor.isoformat()  # "zwei Stunden später": the same day, at day precision
    if unit == "Y":
        return f"{anchor.year + n:04d}"
    if unit == "DE":
        return f"{anchor.year + 10 * n:04d}"
    if unit == "M":
        m = anchor.month - 1 + n
        return f"{anchor.year + m // 12:04d}-{m % 12 + 1:02d}"
    if unit == "W":
        return (anchor + timedelta(weeks=n)).isoformat()
    return (anchor + timedelta(days=n)).isoformat()


# units in days, to add up a duration given in two ("sechs Wochen und drei Tage" = P45D)
UNIT_DAYS = {"W": 7, "D": 1}
UNIT_MONTHS = {"Y": 12, "M": 1}


def _duration(n: int, unit: str) -> str:
    if unit in ("H", "MIN"):
        return f"PT{n}{unit[:1]}"
    return f"P{n * 10}Y" if unit == "DE" else f"P{n}{unit}"


def _compound_duration(n: int, unit: str, n2: int | None, unit2: str) -> str | None:
    if n2 is None:
        return None
    for table in (UNIT_DAYS, UNIT_MONTHS):
        if unit in table and unit2 in table:
            small = min((unit, unit2), key=table.__getitem__)
            total = (n * table[unit] + n2 * table[unit2]) // table[small]
            return f"P{total}{small}"
    return f"P{n}{unit}"


def resolve(t: TimeMention, anchor: date | None, narrative: bool = False) -> str | None:
    """The TIMEX3 value of a mention, or None when it needs an anchor and has none. In a narrative
    (a history) the anchor is the story's current date, not the day of writing."""
    g = t.get
    k = t.kind
    if k == "bc":
        return f"BC{int(g('y') or 0):04d}"
    if k == "century":
        return f"{int(g('c') or 1) - 1:02d}"
    if k == "season_year":
        return f"{g('y')}-{_season(g('s') or '')}"
    if k == "fuzzy_future":
        return "FUTURE_REF"
    if k == "fuzzy_past":
        return "PAST_REF"
    if k == "vague_duration":
        unit = UNIT_CODES.get((g("u") or g("u2") or "").lower(), "Y")  # "seit langem": years
        return f"PTX{unit[:1]}" if unit in ("H", "MIN") else f"PX{unit[:1]}"
    if k == "decade":  # TIMEX3 "193" for the 1930s; a two-digit decade is of the last century
        return f"{g('c') or '19'}{g('d')}"
    if k == "year_range":
        return f"BC{int(g('y') or 0):04d}" if g("bc") else f"{int(g('y') or 0):04d}"
    if k == "adj_duration":
        n = _num(g("n") or "")
        unit = {"tägig": "D", "wöchig": "W", "monatig": "M", "jährig": "Y"}[(g("u") or "").lower()]
        return f"P{n}{unit}" if n is not None else None
    if k == "set":
        if g("wd"):
            return f"XXXX-WXX-{WEEKDAYS[(g('wd') or '').lower()] + 1}"
        word = (g("u") or g("adv") or "").lower()
        part = DAY_PARTS.get(word) or {"morning": "MO", "evening": "EV", "night": "NI"}.get(word)
        if part:
            return f"XXXX-XX-XXT{part}"
        code = next((code for stem, code in SET_UNITS if stem in word), None)
        return "P1" + code if code else None  # a set whose unit is none of these gets no value
    if k == "present" or (narrative and k == "relday" and (g("rd") or "").lower() in ("heute", "today")):
        return "PRESENT_REF"
    if k == "daypart_date":
        year = int(g("y") or 0) if g("y") else (anchor.year if anchor else None)
        if year is None:
            return None
        when = _safe_date(year, _month(g("m") or ""), int(g("d") or 0))
        return f"{when}T{DAY_PARTS[(g('part') or '').lower()]}" if when else None
    if k in ("date_dmy", "date_mdy") or (k == "weekday_date" and g("y")):
        return _safe_date(int(g("y") or 0), _month(g("m") or ""), int(g("d") or 0))
    if k == "date_num2":
        century = (anchor.year // 100 * 100) if anchor and anchor.year < BC_FROM else 1900
        return _safe_date(century + int(g("y") or 0), int(g("m") or 0), int(g("d") or 0))
    if k in ("date_num", "date_iso"):
        return _safe_date(int(g("y") or 0), int(g("m") or 0), int(g("d") or 0))
    if k == "month_year":
        return f"{int(g('y') or 0):04d}-{_month(g('m') or ''):02d}"
    if k == "year":
        return g("y")
    if k == "duration":
        n, unit = _num(g("n") or ""), UNIT_CODES[(g("u") or "").lower()]
        if n is None:
            return None
        if g("n3"):  # "sechs Wochen und drei Tage": in the smaller unit
            return _compound_duration(n, unit, _num(g("n3") or ""), UNIT_CODES[(g("u3") or "").lower()])
        return _duration(n, unit)
    if k == "event_offset" and g("span"):  # "in den drei Monaten vor dem Angriff": how long
        n = _num(g("n") or "")
        unit = UNIT_CODES[(g("u") or "").lower()]
        return _duration(n, unit) if n is not None else f"PX{unit[:1]}"
    if anchor is None:
        return None
    if k == "half_year_later":
        return _shift(anchor, 6, "M")
    if k == "later":
        n = _num(g("n") or g("n2") or "")
        if n is None:
            return None
        return _shift(anchor, -n if g("back") else n, UNIT_CODES[(g("u") or g("u2") or "").lower()])
    if k == "event_offset":
        n = _num(g("n") or "")
        unit = UNIT_CODES[(g("u") or "").lower()]
        if n is None:
            return f"PX{unit[:1]}"
        return _shift(anchor, n if (g("dir") or "").lower() == "nach" else -n, unit)
    if k == "this_year":
        return f"{anchor.year:04d}"
    if k == "year_ref":
        rel = (g("rel") or "").lower()[:5]
        step = {"folge": 1, "jahr ": 1, "vorja": -1}.get(rel, 0)
        if rel == "neuen":  # "im neuen Jahr": the next one in a history or late in the year, else this one
            step = 1 if narrative or anchor.month >= 7 else 0
        return f"{anchor.year + step:04d}"
    if k == "clock":
        if g("midnight"):
            return f"{anchor.isoformat()}T24:00"
        hour = int(g("h") or g("h2") or 0) + (12 if (g("ampm") or "").startswith("p") and g("h2") != "12" else 0)
        return (f"{anchor.isoformat()}T{hour:02d}:{int(g('min') or g('min2') or g('min3') or 0):02d}"
                f"{_utc_offset(g('tz') or '')}")
    if k == "month_ref":
        rel = (g("rel") or "").lower()
        m = anchor.month - 1 + (1 if rel in ("folgenden", "nächsten") else -1 if rel == "vorigen" else 0)
        return f"{anchor.year + m // 12:04d}-{m % 12 + 1:02d}"
    if k == "same_period":
        unit = (g("u") or "").lower()
        return anchor.isoformat() if unit == "tag" else (f"{anchor.year:04d}-{anchor.month:02d}" if unit == "monat"
                                                          else f"{anchor.year:04d}")
    if k == "prev_day":
        return (anchor - timedelta(days=1)).isoformat()
    if k == "next_day":
        part = DAY_PARTS.get((g("part") or "").lower())
        return (anchor + timedelta(days=1)).isoformat() + (f"T{part}" if part else "")
    if k == "season":
        step = {"desselben": 0, "des gleichen": 0, "des selben": 0, "des vorigen": -1, "des vorangegangenen": -1}.get(
            " ".join((g("rel") or "").split()), 1 if g("rel") else 0)
        return f"{anchor.year + step:04d}-{_season(g('s') or '')}"
    if k == "day_month" and g("part"):  # "in der Nacht vom 8. zum 9. Mai"
        day_value = resolve(TimeMention(t.start, t.end, t.text, k, tuple(f for f in t.fields if f[0] != "part"),
                                        t.tense), anchor, narrative)
        return f"{day_value}T{DAY_PARTS[(g('part') or '').lower()]}" if day_value else None
    if k in ("weekday_date", "day_month", "month_day"):
        month, day = _month(g("m") or ""), int(g("d") or 0)
        if g("y"):
            return _safe_date(int(g("y") or 0), month, day)
        if narrative:
            return _safe_date(anchor.year, month, day)
        # the year that puts the day nearest the anchor
        options = [_safe_date(y, month, day) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
        valid = [date.fromisoformat(o) for o in options if o]
        return min(valid, key=lambda x: abs((x - anchor).days)).isoformat() if valid else None
    if k == "weekday":
        return _weekday(anchor, WEEKDAYS[(g("wd") or "").lower()], t.tense).isoformat()
    if k == "month":
        if narrative:
            return f"{anchor.year:04d}-{_month(g('m') or ''):02d}"
        return _month_value(anchor, _month(g("m") or ""), t.tense)
    if k == "month_rel":
        tense = "past" if (g("rel") or "").lower().startswith(PAST_WORDS) else "future"
        value = _month_value(anchor, _month(g("m") or ""), tense)
        if tense == "past" and value == f"{anchor.year:04d}-{anchor.month:02d}":
            value = f"{anchor.year - 1:04d}-{anchor.month:02d}"  # "im vergangenen Juni", said in June
        return value
    if k == "month_lastyear":
        past = (g("rel") or "").lower().startswith(PAST_WORDS)
        return f"{anchor.year - 1 if past else anchor.year + 1:04d}-{_month(g('m') or ''):02d}"
    if k == "rel_unit":
        rel, unit = (g("rel") or "").lower(), (g("u") or "").lower()
        step = -1 if rel.startswith(PAST_WORDS) else (
            1 if rel.startswith(("komm", "nächst", "next", "folg", "darauffolg")) else 0)
        if unit in ("monat", "month"):
            m = anchor.month - 1 + step
            return f"{anchor.year + m // 12:04d}-{m % 12 + 1:02d}"
        if unit in ("jahr", "year"):
            return f"{anchor.year + step:04d}"
        week = (anchor + timedelta(weeks=step)).isocalendar()
        return f"{week[0]:04d}-W{week[1]:02d}"
    if k == "ago":
        n = _num(g("n") or g("n2") or "")
        unit = UNIT_CODES[(g("u") or g("u2") or "").lower()]
        if n is None:
            return None
        if unit == "Y":
            return f"{anchor.year - n:04d}"
        if unit == "DE":
            return f"{(anchor.year - 10 * n) // 10:03d}"  # a decade: TIMEX3 "199"
        if unit == "M":
            m = anchor.month - 1 - n
            return f"{anchor.year + m // 12:04d}-{m % 12 + 1:02d}"
        if unit == "W":
            week = (anchor - timedelta(weeks=n)).isocalendar()
            return f"{week[0]:04d}-W{week[1]:02d}"
        if unit in ("H", "MIN"):
            return anchor.isoformat()
        return (anchor - timedelta(days=n)).isoformat()
    if k == "relday":
        shift = {"heute": 0, "today": 0, "gestern": -1, "yesterday": -1, "vorgestern": -2, "morgen": 1,
                 "tomorrow": 1, "übermorgen": 2}[(g("rd") or "").lower()]
        return (anchor + timedelta(days=shift)).isoformat()
    return None


# BC years are carried as the calendar years BC_EPOCH - year, so that date arithmetic runs the right way
# ("im Folgejahr" after 206 v. Chr. is 205 v. Chr.) with Python's dates, which have no year 0 or below.
BC_EPOCH = 9000
BC_FROM = 6000  # a carried year from here on is a BC year (no history names an AD year this late)
# A year that ends a range or marks a start or limit ("1940/1941", "bis 1945", "ab 1941") does not move
# the narrative on: the text goes on in the range's first year or in its own time.
NOT_AN_ANCHOR = re.compile(r"(?:[/–-]|\b(?:bis|ab|seit|vor|until|since|from))\s*$", re.I)
FIRST_YEAR_KINDS = ("year", "date_dmy", "date_mdy", "month_year", "season_year", "bc", "year_range", "date_num")


def _carried(value: str) -> str:
    """A value with a BC year ("BC0218-12") as its carried calendar year ("8782-12")."""
    return f"{BC_EPOCH - int(value[2:6]):04d}{value[6:]}" if value.startswith("BC") and value[2:6].isdigit() else value


def _shown(value: str | None) -> str | None:
    """A value computed from a carried BC anchor, as TIMEX shows it ("8782-12" -> "BC0218-12")."""
    if value and value[:4].isdigit() and int(value[:4]) >= BC_FROM:
        return f"BC{BC_EPOCH - int(value[:4]):04d}{value[4:]}"
    return value


def _first_year(mentions: list[TimeMention]) -> date | None:
    """The first year the text names: the narrative's time for what it says before that."""
    for t in mentions:
        if t.kind in FIRST_YEAR_KINDS:
            value = resolve(t, None, narrative=True)
            if value:
                value = _carried(value)
                if value[:4].isdigit():
                    return date(int(value[:4]), 1, 1)
    return None


def resolve_narrative(mentions: list[TimeMention], anchor: date | None = None,
                      text: str | None = None) -> list[str | None]:
    """Values for mentions read in order, each relative one anchored on the last date mentioned
    before it (or on `anchor`, else on the first year the text names, until the text gives one): the
    reading of histories and timelines. With `text`, the ends of ranges do not move the anchor."""
    out: list[str | None] = []
    current = anchor or _first_year(mentions)
    for t in mentions:
        value = _shown(resolve(t, current, narrative=True))
        out.append(value)
        carried = _carried(value) if value else None
        if text is not None and NOT_AN_ANCHOR.search(text[max(0, t.start - 8) : t.start]):
            continue
        if carried and t.kind not in ("duration", "century") and carried[:4].isdigit():
            y = int(carried[:4])
            m = int(carried[5:7]) if len(carried) >= 7 and carried[5:7].isdigit() else (
                current.month if current and current.year == y else 1)
            d = int(carried[8:10]) if len(carried) >= 10 and carried[8:10].isdigit() else 1
            try:
                current = date(y, m, d)
            except ValueError:
                pass
    return out
