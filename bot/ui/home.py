"""The App Home tab: a person's own dashboard (pure builder).

However much someone offers and requests, the view stays within Slack's 100-block limit:
past what fits, the rest is summarised with a pointer to `/mentor list`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    BlockElement,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    Option,
    OverflowMenuElement,
    PlainTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.core import ids
from bot.db.models import RequestStatus
from bot.domain.home import (
    AwayState,
    HomeDashboard,
    OfferItem,
    PairingItem,
    PauseState,
    ProfileSummary,
    RequestItem,
)
from bot.ui.away import day_text
from bot.ui.circles import home_circles
from bot.ui.escape import escape_mrkdwn
from bot.ui.first_meeting import meeting_time
from bot.ui.learning_log import log_session_actions
from bot.ui.people import clip, mention_or
from bot.ui.texts import text
from bot.vocabulary import CAREER_STAGE_LABELS

MAX_HOME_BLOCKS = 100
MAX_PAIRINGS_SHOWN = 6  # capacity is at most 5, plus one pairing as a learner
MAX_ECHO = 280  # characters of what someone typed shown back on Home
# Blocks around the lists: header, status, profile, buttons, two list headings, three
# dividers, "how it works", and a "more" line under each list.
FIXED_BLOCKS = 12

EDIT, REMOVE = "edit", "remove"


def menu_value(verb: str, record_id: int) -> str:
    return f"{verb}:{record_id}"


def read_menu_value(value: str) -> tuple[str, int] | None:
    """(verb, id) from an overflow option value; None for anything we never sent."""
    verb, _, raw_id = value.partition(":")
    if verb not in (EDIT, REMOVE) or not raw_id.isascii() or not raw_id.isdigit():
        return None
    return verb, int(raw_id)


def slack_date(moment: datetime) -> str:
    """A date Slack shows in each reader's own time zone (with a plain fallback)."""
    fallback = f"{moment.day} {moment:%b %Y}"
    return f"<!date^{int(moment.timestamp())}^{{date_short}}|{fallback}>"


def _section(markdown: str, accessory: BlockElement | None = None) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=markdown), accessory=accessory)


def _button(label: str, action_id: str, *, primary: bool = False) -> ButtonElement:
    return ButtonElement(
        text=label, action_id=action_id, value=action_id, style="primary" if primary else None
    )


def _menu(action_id: str, record_id: int, *, removable: bool) -> OverflowMenuElement:
    options = [Option(value=menu_value(EDIT, record_id), text=PlainTextObject(text="Edit"))]
    if removable:
        options.append(
            Option(value=menu_value(REMOVE, record_id), text=PlainTextObject(text="Remove"))
        )
    return OverflowMenuElement(action_id=action_id, options=options)


def away_sentence(away: AwayState, tz: str | None) -> str:
    """Why rounds leave someone out while their Slack status says away (one sentence)."""
    day = day_text(away.until, tz=tz, now=away.as_of)
    if away.until_known:
        return f":palm_tree: *You're away until {day}:* rounds skip you and check-ins wait."
    return (
        f":palm_tree: *Your Slack status says you're away:* rounds skip you and check-ins "
        f"wait until {day}. Set an expiry on your status to say exactly when you're back."
    )


def _status_block(
    pause: PauseState,
    requests: Sequence[RequestItem],
    away: AwayState | None = None,
    tz: str | None = None,
) -> SectionBlock:
    if away is not None and not pause.paused:
        # Away says more than "taking part": the status block says that instead.
        return _section(away_sentence(away, tz), _button("Pause", ids.PAUSE_MATCHING))
    if not pause.paused:
        waiting = any(r.status == RequestStatus.OPEN for r in requests)
        paired = any(r.status == RequestStatus.MATCHED for r in requests)
        if waiting:
            next_round = "The next weekly round looks for a mentor for what you asked."
        elif paired:
            next_round = "You're in a pairing now; ask to learn something else to be matched again."
        else:
            next_round = "Ask to learn something and the next weekly round looks for a mentor."
        return _section(
            f":large_green_circle: *You're taking part.* {next_round} "
            "Need a break? Pause here, or `/mentor pause 2` for two weeks.",
            _button("Pause", ids.PAUSE_MATCHING),
        )
    until = f" until {slack_date(pause.until)}" if pause.until else " until you resume"
    return _section(
        f":double_vertical_bar: *Paused{until}.* You won't be matched meanwhile; "
        "your offers and requests are kept.",
        _button("Resume", ids.RESUME_MATCHING, primary=True),
    )


def _yes_no(flag: bool) -> str:
    return "yes" if flag else "no"


def _profile_block(profile: ProfileSummary, *, offers: int) -> SectionBlock:
    edit = _button("Edit profile", ids.OPEN_PROFILE_MODAL)
    stage = CAREER_STAGE_LABELS.get(profile.career_stage or "", "not given")
    lines = [
        "*Your profile*" + ("" if profile.completed else " — not set up yet"),
        f"Career stage: {stage} · Open to reverse mentoring: {_yes_no(profile.open_to_reverse)}"
        f" · Listed in the directory: {_yes_no(profile.listed_in_directory)}",
    ]
    if offers:
        lines.append(
            f"You can mentor up to {profile.mentor_capacity} "
            f"{'person' if profile.mentor_capacity == 1 else 'people'} at once."
        )
    if profile.wants_in_return:
        wanted = escape_mrkdwn(clip(profile.wants_in_return, MAX_ECHO))
        lines.append(f"You'd like to learn in return: {wanted}")
    return _section("\n".join(lines), edit)


_RHYTHM = {1: "every week", 2: "every two weeks", 4: "every four weeks"}


def _pairing_block(pairing: PairingItem) -> SectionBlock:
    partner = mention_or(pairing.partner, "your partner")
    role = "you teach" if pairing.you_teach else "you learn"
    agreed = (
        f"_Agreed:_ {escape_mrkdwn(clip(pairing.objective, MAX_ECHO))}"
        if pairing.objective
        else "_Nothing agreed yet:_ set your objective and rhythm together."
    )
    rhythm = _RHYTHM.get(pairing.checkin_weeks, f"every {pairing.checkin_weeks} weeks")
    checkins = f"Check-ins come {rhythm} in your group message"
    checkins += (
        f"; the next one on {slack_date(pairing.next_checkin)}."
        if pairing.next_checkin is not None
        else "."
    )
    if pairing.first_meeting_at is not None:
        checkins = f"First meeting: {meeting_time(pairing.first_meeting_at)}.\n{checkins}"
    return _section(
        f"*{escape_mrkdwn(pairing.skills)}* with {partner} ({role})\n{agreed}\n{checkins}",
        ButtonElement(
            text="Edit expectations" if pairing.objective else "Set expectations",
            action_id=ids.SET_EXPECTATIONS,
            value=str(pairing.pair_id),
        ),
    )


def _pairings(pairings: Sequence[PairingItem]) -> list[Block]:
    if not pairings:
        return []
    shown: list[Block] = []
    for pairing in pairings[:MAX_PAIRINGS_SHOWN]:
        shown += [_pairing_block(pairing), log_session_actions(pairing.pair_id)]
    return [_section("*Your pairings*"), *shown, DividerBlock()]


def _offer_block(offer: OfferItem) -> SectionBlock:
    return _section(
        f"*{escape_mrkdwn(offer.label)}* · level {offer.level} of 5"
        + (f" · a circle of up to {offer.circle_size}" if offer.circle_size else ""),
        _menu(ids.OFFER_MENU, offer.offer_id, removable=True),
    )


def _request_status(request: RequestItem, paused: bool) -> str:
    if request.status == RequestStatus.MATCHED:
        if request.matched_with:
            return f"matched with {mention_or(request.matched_with, 'your mentor')}"
        return "matched"
    if paused:
        return f"paused (open since {slack_date(request.since)})"
    return f"open since {slack_date(request.since)}"


def _request_block(request: RequestItem, paused: bool) -> SectionBlock:
    line = f"*{escape_mrkdwn(request.label)}* — {_request_status(request, paused)}"
    if request.goal:
        line += f"\n_Goal:_ {escape_mrkdwn(clip(request.goal, MAX_ECHO))}"
    return _section(
        line,
        _menu(ids.REQUEST_MENU, request.request_id, removable=request.status == RequestStatus.OPEN),
    )


def _more(hidden: int, what: str) -> list[Block]:
    if hidden <= 0:
        return []
    return [
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text=f"…and {hidden} more {what}. `/mentor list` shows them all."
                )
            ]
        )
    ]


def _shares(offers: int, requests: int, room: int) -> tuple[int, int]:
    """How many offers and requests fit in `room` blocks: each kind gets half, or more if
    the other is short."""
    shown_offers = min(offers, max(room // 2, room - requests))
    return shown_offers, min(requests, room - shown_offers)


def _list(heading: str, items: Sequence[Block], hidden: int, what: str, empty: str) -> list[Block]:
    blocks: list[Block] = [_section(f"*{heading}*")]
    blocks.extend(items or [_section(empty)])
    return blocks + _more(hidden, what)


def _starter_actions() -> ActionsBlock:
    return ActionsBlock(
        elements=[
            _button("Offer a skill", ids.OPEN_OFFER_MODAL, primary=True),
            _button("Ask to learn", ids.OPEN_REQUEST_MODAL),
        ]
    )


def home_view(dashboard: HomeDashboard | None, *, admin_section: Sequence[Block] = ()) -> View:
    """The person's dashboard; a welcome for someone who hasn't offered or asked yet.

    `admin_section` (program admins only) goes at the end; the person's own lists give up
    room for it, so the whole tab stays within Slack's block limit.
    """
    blocks: list[Block] = [HeaderBlock(text="Mentoring")]
    if dashboard is None:
        # The two ways to start come first; the reference follows for those who want it.
        blocks += [
            _section(
                ":wave: *Welcome!* Offer something you can teach, or ask to learn something: "
                "each week a round pairs people by skill."
            ),
            _starter_actions(),
            DividerBlock(),
            _section(text("how_it_works")),
            DividerBlock(),
            # The commands, without help's opening line: "How it works" just said it.
            _section(text("help").split("\n\n", 1)[-1]),
            *admin_section,
        ]
        return View(type="home", blocks=blocks)
    pairing_blocks = _pairings(dashboard.pairings) + home_circles(dashboard.circles)
    room = MAX_HOME_BLOCKS - FIXED_BLOCKS - len(admin_section) - len(pairing_blocks)
    shown_offers, shown_requests = _shares(len(dashboard.offers), len(dashboard.requests), room)
    paused = dashboard.pause.paused
    blocks += [
        _status_block(dashboard.pause, dashboard.requests, dashboard.away, dashboard.profile.tz),
        _profile_block(dashboard.profile, offers=len(dashboard.offers)),
        _starter_actions(),
        DividerBlock(),
        *pairing_blocks,
        *_list(
            "You can teach",
            [_offer_block(o) for o in dashboard.offers[:shown_offers]],
            len(dashboard.offers) - shown_offers,
            "offers",
            "Nothing yet. *Offer a skill* to be matched with someone who wants to learn it.",
        ),
        DividerBlock(),
        *_list(
            "You want to learn",
            [_request_block(r, paused) for r in dashboard.requests[:shown_requests]],
            len(dashboard.requests) - shown_requests,
            "requests",
            "Nothing yet. *Ask to learn* a skill and the weekly round will look for a mentor.",
        ),
        DividerBlock(),
        _section(text("how_it_works")),
        *admin_section,
    ]
    return View(type="home", blocks=blocks)
