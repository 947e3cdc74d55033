"""Plain-English reasons for pairs and unserved requests (shown in Slack: no markup, no ids).

A pair's reasons are written for no reader in particular: they name the two people with
the placeholders `MENTOR` and `MENTEE`, which `render_reason` fills in for whoever reads
them (names or mentions in the pair's own DM and for admins, "the mentor" in a CSV).
Building them stays a few string formats per pair, as cheap as the round needs.
"""

from __future__ import annotations

from collections.abc import Mapping

from .model import MatchSettings, Participant, UnservedReason
from .scoring import is_reverse, tz_gap


class Labels:
    """Skill slug -> what people see; falls back to the slug with hyphens as spaces."""

    def __init__(self, labels: Mapping[str, str] | None = None) -> None:
        self._labels = dict(labels or {})

    def __call__(self, slug: str) -> str:
        return self._labels.get(slug) or slug.replace("-", " ")


MENTOR = "{mentor}"
MENTEE = "{mentee}"
TWO_WAY = "two-way: "  # starts the reason saying the mentee can teach something back
REVERSE = "reverse mentoring: "  # starts the reason saying the mentor is earlier in career


def render_reason(reason: str, *, mentor: str, mentee: str) -> str:
    """`reason` with its placeholders replaced by how this reader knows the two people.

    Reasons stored before the placeholders existed have none and come back unchanged.
    """
    return reason.replace(MENTOR, mentor).replace(MENTEE, mentee)


def _plural(count: float, word: str) -> str:
    shown = f"{count:g}"
    return f"{shown} {word}" if shown == "1" else f"{shown} {word}s"


def _listing(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def pair_reasons(
    mentor: Participant,
    mentee: Participant,
    skill: str,
    two_way: tuple[str, ...],
    settings: MatchSettings,
    label: Labels,
) -> tuple[str, ...]:
    """Why this pair, strongest reason first."""
    reasons = [
        f"{MENTOR} offers {label(skill)} at level {mentor.offers[skill]} "
        f"and {MENTEE} asked to learn it"
    ]
    if two_way:
        back = _listing([label(s) for s in two_way])
        reasons.append(f"{TWO_WAY}{MENTEE} can teach {MENTOR} {back} in return")
    weeks = mentee.requests[skill]
    if weeks > 0:
        reasons.append(f"{MENTEE}'s request has waited {_plural(weeks, 'week')}")
    gap = tz_gap(mentor.tz_offset_hours, mentee.tz_offset_hours)
    reasons.append("same time zone" if gap == 0 else f"time zones {_plural(gap, 'hour')} apart")
    if is_reverse(mentor, mentee):
        reasons.append(f"{REVERSE}{MENTOR} is at an earlier career stage")
    return tuple(reasons)


def unserved_text(reason: UnservedReason, skill_label: str) -> str:
    """One sentence for the person whose request was not served this round."""
    texts = {
        UnservedReason.PAUSED: f"You are paused, so {skill_label} waits until you are back.",
        UnservedReason.NO_OFFER: f"Nobody offers {skill_label} yet.",
        UnservedReason.COOLDOWN: (
            f"Everyone who offers {skill_label} has been paired with you recently."
        ),
        # Deliberately vague: a person must not learn that someone blocked them.
        UnservedReason.BLOCKED: f"Nobody who offers {skill_label} is available to you right now.",
        UnservedReason.TIMEZONE: (
            f"Everyone who offers {skill_label} is outside your time-zone limit."
        ),
        UnservedReason.CAPACITY: (f"Everyone who offers {skill_label} is fully booked this round."),
    }
    return texts[reason]
