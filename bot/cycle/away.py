"""Whether a Slack status says someone is away (vacation, out of office, sick, leave), and
until when: pure, so the list of signs is documented and tested in one place.

Only the status is read — its text, its emoji and its expiration — never anything else in
the profile. A status with an expiration is away until then; one without is taken as one
week away, after which the person is matched again unless Slack tells us otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

# How long a status without an expiration keeps someone out of rounds and check-ins.
AWAY_WITHOUT_EXPIRY = timedelta(weeks=1)

# Emoji Slack suggests or people commonly use for time off, travel and sick days. Emoji that
# also mean "working elsewhere" (:house_with_garden: for working from home, :train: for a
# commute, :spiral_calendar_pad: for "in a meeting", :no_entry: for "do not disturb") are
# deliberately left out.
AWAY_EMOJI = frozenset(
    {
        ":palm_tree:",
        ":desert_island:",
        ":beach_with_umbrella:",
        ":airplane:",
        ":airplane_departure:",
        ":luggage:",
        ":face_with_thermometer:",
        ":thermometer:",
        ":mask:",
        ":sneezing_face:",
        ":face_with_head_bandage:",
        ":baby_bottle:",
    }
)

# Phrases, matched as whole words and case-insensitively, in English and a few of the other
# languages people write statuses in (French, German, Spanish, Dutch, Portuguese, Italian).
AWAY_PHRASES = (
    "ooo",
    "out of office",
    "out of the office",
    "on leave",
    "annual leave",
    "parental leave",
    "maternity leave",
    "paternity leave",
    "sick leave",
    "sabbatical",
    "vacation",
    "on holiday",
    "on holidays",
    "holiday",
    "holidays",
    "pto",
    "off sick",
    "out sick",
    "sick day",
    "time off",
    "away until",
    # French
    "en congé",
    "en conge",
    "en vacances",
    "congés",
    "absent",
    # German
    "urlaub",
    "im urlaub",
    "abwesend",
    "elternzeit",
    "krank",
    # Spanish
    "de vacaciones",
    "vacaciones",
    "de baja",
    # Dutch
    "op vakantie",
    "vakantie",
    "verlof",
    # Portuguese, Italian
    "de férias",
    "férias",
    "in ferie",
    "ferie",
)

_PHRASE_PATTERN = re.compile(
    r"(?<!\w)(?:"
    + "|".join(re.escape(p) for p in sorted(AWAY_PHRASES, key=len, reverse=True))
    + r")(?!\w)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class AwayStatus:
    """Away until `until`; `from_expiry` is False when Slack gave no expiration."""

    until: datetime
    from_expiry: bool


def status_says_away(text: str | None, emoji: str | None) -> bool:
    """True when the status text or emoji is one commonly used for time away."""
    if emoji and emoji.strip().lower() in AWAY_EMOJI:
        return True
    return bool(text and _PHRASE_PATTERN.search(text))


def away_from_status(
    *,
    text: str | None,
    emoji: str | None,
    expiration: int | None,
    now: datetime,
    current: AwayStatus | None = None,
) -> AwayStatus | None:
    """The away state a status gives at `now`, or None when it doesn't say away.

    `expiration` is Slack's `status_expiration` (Unix seconds; 0 or None for none). An
    expiration already past means the status is stale: not away. Without one, an existing
    open-ended away state still running is kept, so a profile read again doesn't push
    someone's return further out each time.
    """
    if not status_says_away(text, emoji):
        return None
    if expiration:
        until = datetime.fromtimestamp(expiration, UTC)
        return AwayStatus(until=until, from_expiry=True) if until > now else None
    if current is not None and not current.from_expiry and current.until > now:
        return current
    return AwayStatus(until=now + AWAY_WITHOUT_EXPIRY, from_expiry=False)


def is_away(until: datetime | None, now: datetime) -> bool:
    """True while a stored away state runs."""
    return until is not None and now < until
