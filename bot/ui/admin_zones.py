"""The IANA time zones admins can pick for their rounds, filtered as they type (pure).

Block Kit allows at most 100 options per list, and the zone database has several hundred
entries, so the settings modal loads them from us as the admin types (an external select).
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from zoneinfo import available_timezones

from bot.cycle.schedule import zone

MAX_OPTIONS = 100  # Block Kit's limit for one list of options
# Old aliases and POSIX-style names that people never mean when they pick a city.
_LEGACY_PREFIXES = ("Etc/", "SystemV/", "US/", "Canada/", "Brazil/", "Chile/", "Mexico/")


@cache
def zone_names() -> tuple[str, ...]:
    """Region/City zones, sorted, plus UTC."""
    names = {
        name
        for name in available_timezones()
        if "/" in name and not name.startswith(_LEGACY_PREFIXES) and name[0].isupper()
    }
    return ("UTC", *sorted(names))


def utc_offset_text(name: str, at: datetime) -> str:
    """ "UTC+05:30" for the zone's offset at `at` (it changes with daylight saving)."""
    offset = at.astimezone(zone(name)).utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{rest:02d}"


def zone_label(name: str, at: datetime) -> str:
    return f"{name.replace('_', ' ')} ({utc_offset_text(name, at)})"


def _normalised(text: str) -> str:
    return text.casefold().replace("_", " ").strip()


def matching_zones(query: str, *, limit: int = MAX_OPTIONS) -> list[str]:
    """Zones whose name contains every word typed, best first: the city, then the region."""
    words = _normalised(query).split()
    found = [name for name in zone_names() if all(word in _normalised(name) for word in words)]
    if words:
        city_first = words[0]
        found.sort(
            key=lambda name: (not _normalised(name.rsplit("/", 1)[-1]).startswith(city_first), name)
        )
    return found[:limit]
