"""The program admin's part of App Home, and the health summary it shares with
`/mentor admin stats` (pure builders: counts in, blocks out)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ConfirmObject,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.core import ids
from bot.domain.admin_home import FailedAnnouncement
from bot.domain.goals import GoalsOverview
from bot.domain.program_health import TREND_PERIODS, PairCounts, ProgramHealth
from bot.domain.program_settings import NextRound
from bot.domain.round_approval import ApprovalDraft
from bot.ui.admin_common import local_time_text, next_round_text, pair_kinds, section
from bot.ui.escape import escape_mrkdwn
from bot.ui.people import plural
from bot.ui.replies import Reply, footnote
from bot.ui.round_approval import send_button, waiting_text

PRIVACY_NOTE = (
    ":lock: Counts only: check-in answers are counted, and private notes, feedback and "
    "reasons for ending a pairing are never shown to admins."
)


def _pairs_text(counts: PairCounts) -> str:
    return f"{counts.total}{pair_kinds(two_way=counts.two_way, reverse=counts.reverse)}"


def _percent(share: float | None) -> str:
    return "—" if share is None else f"{round(share * 100)}%"


def _waiting_text(health: ProgramHealth) -> str:
    waiting = health.waiting
    if waiting.total == 0:
        return "*Open requests*\nNone: nobody is waiting."
    spans = [
        (waiting.under_a_week, "under a week"),
        (waiting.one_to_four_weeks, "1 to 4 weeks"),
        (waiting.over_four_weeks, "over 4 weeks"),
    ]
    parts = ", ".join(f"{count} waiting {span}" for count, span in spans if count)
    longest = ""
    if waiting.longest_days:
        longest = f"; the longest for {plural(waiting.longest_days, 'day')}"
    return f"*Open requests*\n{waiting.total}: {parts}{longest}"


def health_fields(health: ProgramHealth) -> SectionBlock:
    fields = [
        f"*People taking part*\n{health.active} active, {health.paused} paused"
        + (f", {health.away} away" if health.away else ""),
        _waiting_text(health),
        f"*Active pairs*\n{_pairs_text(health.active_pairs)}",
        f"*Pairs this quarter*\n{_pairs_text(health.quarter_pairs)}",
        f"*Met at least once*\n{_percent(health.met_share)} "
        f"({health.pairs_met} of {plural(health.pairs_checked_in, 'pair')} with a check-in)",
    ]
    if health.active_circles:
        fields.append(
            f"*Active circles*\n{health.active_circles} with "
            f"{plural(health.circle_learners, 'learner')}"
        )
    return SectionBlock(fields=[MarkdownTextObject(text=field) for field in fields])


def gaps_text(health: ProgramHealth) -> str:
    if not health.gaps:
        return (
            "*Skills in short supply*\nNone: every requested skill has enough people offering it."
        )
    lines = [
        f"• *{escape_mrkdwn(gap.label)}*: {gap.requests} "
        f"{'wants' if gap.requests == 1 else 'want'} to learn it, "
        + (f"{gap.offers} offer it" if gap.offers > 1 else f"{gap.offers or 'nobody'} offers it")
        for gap in health.gaps
    ]
    return "*Skills in short supply*\n" + "\n".join(lines)


def trend_heading(count: int) -> str:
    """What the rounds in the table or chart are: the same words above both."""
    if count == 0:
        return "No round yet"
    if count == 1:
        return "The first round"
    if count < TREND_PERIODS:
        return f"All {count} rounds so far"
    return f"Last {count} rounds"


def trend_text(health: ProgramHealth) -> str:
    if not health.trend:
        return "*Rounds*\nNo round has run yet."
    rows = [f"{'Round':<8}{'New pairs':>10}{'Met':>6}{'Left open':>11}"]
    rows += [
        f"{p.label:<8}{p.new_pairs:>10}{p.pairs_met:>6}{p.open_requests:>11}" for p in health.trend
    ]
    body = "\n".join(rows)
    return f"*{trend_heading(len(health.trend))}*\n```\n{body}\n```"


def goals_text(overview: GoalsOverview) -> str:
    """Learners' goals as aggregates; figures about too few learners are held back."""
    few = f"shown once at least {overview.min_group} learners have goals"
    done = (
        f"{_percent(overview.done_share)} of {plural(overview.goals, 'goal')} done"
        if overview.done is not None
        else f"{plural(overview.goals, 'goal')} set; the share done is {few}"
    )
    if overview.gains:
        gains = "\n".join(
            f"• *{escape_mrkdwn(gain.skill)}*: {gain.average_gain:+.1f} levels on average "
            f"({plural(gain.learners, 'learner')})"
            for gain in overview.gains
        )
    else:
        gains = (
            f"Level gains per skill appear once {overview.min_group} learners of a skill have "
            "rated their level at the start and the end."
        )
    return f"*Learners' goals*\n{done}\n{gains}"


def health_blocks(health: ProgramHealth) -> list[Block]:
    goals = [section(goals_text(health.goals))] if health.goals is not None else []
    return [
        HeaderBlock(text="Program health"),
        health_fields(health),
        section(gaps_text(health)),
        *goals,
        section(trend_text(health)),
        ContextBlock(elements=[MarkdownTextObject(text=PRIVACY_NOTE)]),
    ]


def _buttons(upcoming: NextRound) -> ActionsBlock:
    run_confirm = ConfirmObject(
        title="Run the round now?",
        text="People are paired and their intros go out right away. "
        "Preview next round shows what it would do.",
        confirm="Run now",
        deny="Cancel",
    )
    elements: list[ButtonElement] = []
    if upcoming.waiting_for_setup:
        elements.append(
            ButtonElement(
                text="Start rounds",
                action_id=ids.ADMIN_START_ROUNDS,
                value=upcoming.period,
                style="primary",
                confirm=ConfirmObject(
                    title="Start rounds?",
                    text=f"The first round runs {local_time_text(upcoming.at, upcoming.timezone)}"
                    " and rounds follow on the schedule in the settings.",
                    confirm="Start rounds",
                    deny="Cancel",
                ),
            )
        )
    if upcoming.awaiting_approval:
        elements.append(send_button(upcoming.period))
    elements += [
        ButtonElement(text="Settings", action_id=ids.ADMIN_OPEN_SETTINGS, value="settings"),
        ButtonElement(
            text="Preview next round",
            action_id=ids.ADMIN_OPEN_PREVIEW,
            value=upcoming.period,
            # One primary button: Start rounds or Send when there is one.
            style=None if upcoming.waiting_for_setup or upcoming.awaiting_approval else "primary",
        ),
    ]
    if not upcoming.awaiting_approval:  # Send is the way to run a waiting round
        elements.append(
            ButtonElement(
                text="Run now",
                action_id=ids.ADMIN_RUN_NOW,
                value=upcoming.period,
                confirm=run_confirm,
            )
        )
    if upcoming.skipped:
        elements.append(
            ButtonElement(
                text="Undo skip", action_id=ids.ADMIN_UNSKIP_NEXT, value=upcoming.skipped[0].key
            )
        )
    elements.append(
        ButtonElement(
            text="Skip next round",
            action_id=ids.ADMIN_SKIP_NEXT,
            value=upcoming.period,
            confirm=ConfirmObject(
                title="Skip the next round?",
                text=f"The round of {local_time_text(upcoming.at, upcoming.timezone)} won't run; "
                "the one after it will.",
                confirm="Skip it",
                deny="Cancel",
            ),
        )
    )
    elements += [
        ButtonElement(text="Post chart", action_id=ids.ADMIN_SEND_CHART, value="chart"),
        ButtonElement(text="Export CSV", action_id=ids.ADMIN_SEND_EXPORT, value="export"),
    ]
    return ActionsBlock(block_id="admin_home_actions", elements=elements)


# What to do when Slack refused the round announcement, by Slack's error.
_ANNOUNCEMENT_FIXES = {
    "not_in_channel": "mentorbot isn't a member of that channel. Invite it there "
    "(`/invite @mentorbot`), or pick another channel in the settings.",
    "channel_not_found": "Slack can't find that channel for mentorbot: it was deleted, or it "
    "is private and mentorbot isn't in it. Invite mentorbot there, or pick another channel "
    "in the settings.",
    "is_archived": "that channel is archived. Pick another channel in the settings.",
}


def failed_announcement_text(failed: FailedAnnouncement) -> str:
    error = failed.error.removeprefix("gave up: ")
    fix = _ANNOUNCEMENT_FIXES.get(
        error,
        f"Slack answered `{escape_mrkdwn(error)}`. Check the channel in the settings.",
    )
    return (
        f":warning: The last round announcement couldn't be posted in "
        f"<#{escape_mrkdwn(failed.channel)}>: {fix}"
    )


def setup_text(upcoming: NextRound) -> str:
    """The setup checklist of a new workspace: why no round has run, and what to do."""
    first = local_time_text(upcoming.at, upcoming.timezone)
    return (
        ":clipboard: *Set up the program before its first round.* No round has run yet: a new "
        "workspace waits for an admin, so nobody is paired before you're ready.\n"
        "1. *Settings*: the day, time and time zone of rounds, how often they run, and whether "
        "admins approve each round before anyone is messaged.\n"
        "2. *Preview next round*: who would be paired, and why.\n"
        f"3. *Start rounds* (saving the settings does it too): the first round is then {first}."
    )


# Programs' waiting rounds shown on App Home; the rest are counted (their DMs have Send).
PROGRAM_ROUNDS_SHOWN = 3


def program_rounds_blocks(drafts: Sequence[ApprovalDraft]) -> list[Block]:
    """Each program round waiting for approval, with its Send button (a few at most)."""
    blocks: list[Block] = [
        SectionBlock(
            text=MarkdownTextObject(text=waiting_text(draft)), accessory=send_button(draft.period)
        )
        for draft in drafts[:PROGRAM_ROUNDS_SHOWN]
    ]
    more = len(drafts) - PROGRAM_ROUNDS_SHOWN
    if more > 0:
        waits = "waits" if more == 1 else "wait"
        blocks.append(
            footnote(
                f"{plural(more, 'more program round')} {waits} too: the approval DMs have a "
                "Send button for each."
            )
        )
    return blocks


def admin_home_blocks(
    health: ProgramHealth,
    upcoming: NextRound,
    failed: FailedAnnouncement | None = None,
    *,
    program_rounds: Sequence[ApprovalDraft] = (),
) -> list[Block]:
    """The admin section appended to an admin's App Home (20 blocks at most)."""
    return [
        DividerBlock(),
        HeaderBlock(text="Program admin"),
        *([section(failed_announcement_text(failed))] if failed is not None else []),
        section(setup_text(upcoming) if upcoming.waiting_for_setup else next_round_text(upcoming)),
        _buttons(upcoming),
        *program_rounds_blocks(program_rounds),
        *health_blocks(health),
    ]


def stats_reply(
    health: ProgramHealth, upcoming: NextRound, admin_changes: Mapping[str, int] | None = None
) -> Reply:
    changes = admin_changes_text(admin_changes or {})
    return Reply(
        text=f"Program health: {plural(health.active, 'person', 'people')} active, "
        f"{plural(health.waiting.total, 'open request')}, "
        f"{plural(health.active_pairs.total, 'active pair')}.",
        blocks=(
            section(next_round_text(upcoming)),
            *health_blocks(health),
            *([section(changes)] if changes else []),
        ),
    )


# How each recorded admin change is counted in `admin stats`, in this order.
ADMIN_CHANGE_WORDS = (
    ("lock", "lock"),
    ("drop", "drop"),
    ("swap", "swap"),
    ("add", "added pair"),
    ("resolve", "re-solve"),
    ("send", "round sent after approval", "rounds sent after approval"),
)


def admin_changes_text(counts: Mapping[str, int]) -> str:
    """ "Admin changes to rounds: 3 (1 lock, 2 re-solves)"; empty when there were none."""
    total = sum(counts.values())
    if not total:
        return ""
    parts = ", ".join(
        plural(counts[action], *words)
        for action, *words in ADMIN_CHANGE_WORDS
        if counts.get(action)
    )
    return f":memo: Admin changes to rounds: {total} ({parts})"
