"""What pairs keep for themselves never reaches an admin or another participant: goals,
skill levels and their change, learning-log entries, thanks words and fit or pair-again
answers. Each is written with a marker, then every surface that counts them is read:
`/mentor admin stats`, the admin's App Home, the CSV export, the round's announcement,
a program's stats and end report, and `/mentor find` (which shows "thanked by" counts).
"""

from __future__ import annotations

import json

from sqlalchemy import select

from bot.core import ids
from bot.db.models import FitRating, Goal, LearnerLevel, LogEntry, Member, Pair, Thanks
from bot.db.session import transaction
from tests.e2e.admin_helpers import (
    ADMIN,
    PRIVATE_TEXTS,
    add_admin_user,
    command,
    open_preview,
    published_home,
    reply_to,
    seed_program,
    settings_values,
    wait_for_view,
)
from tests.e2e.cycle_helpers import buttons, deliver, posts, tick_and_deliver
from tests.e2e.helpers import command_reply, visible_text
from tests.e2e.test_programs import NAME, click, create, people, the_program

GOAL_TEXT = "PRIVATE-GOAL-land-the-pitch"
ENDORSEMENT = "PRIVATE-ENDORSEMENT-patient-python-help"
LOG_TEXT = "PRIVATE-LOG-program-pair"
# A learner's levels, 1 then 5: the change must never be shown to anyone but the pair.
LEVEL_CHANGE = "1 → 5"
# Raw fit and pair-again answers, as stored: never in anything anyone else sees.
FIT_ANSWERS = ("good_fit", "not_sure", "again_yes", "again_no")
FIT_WORDS = ("Good fit", "Not sure", "pair again", "pair with them again")


def write_private_rows(deps, pair_id: int) -> None:
    """Everything a pair keeps to itself, for `pair_id`, markers included."""
    now = deps.clock()
    with transaction(deps.sessions) as session:
        pair = session.get(Pair, pair_id)
        session.add(Goal(team_id=pair.team_id, pair_id=pair.id, learner_id=pair.mentee_id,
                         position=1, text=GOAL_TEXT, status="done", updated_at=now))  # fmt: skip
        session.add(LearnerLevel(team_id=pair.team_id, pair_id=pair.id,
                                 learner_id=pair.mentee_id, skill_id=pair.skill_id,
                                 start_level=1, end_level=5, updated_at=now))  # fmt: skip
        session.add(LogEntry(team_id=pair.team_id, pair_id=pair.id, author_id=pair.mentee_id,
                             covered=LOG_TEXT, mentee_learned=LOG_TEXT, action_item=LOG_TEXT,
                             action_owner_id=pair.mentor_id, logged_at=now))  # fmt: skip
        session.add(Thanks(team_id=pair.team_id, sender_id=pair.mentee_id,
                           recipient_id=pair.mentor_id, pair_id=pair.id, message=ENDORSEMENT,
                           endorsed_skill_id=pair.skill_id, created_at=now))  # fmt: skip
        for rater, rated, stage, answer in (
            (pair.mentee_id, pair.mentor_id, "two_weeks", "good_fit"),
            (pair.mentor_id, pair.mentee_id, "two_weeks", "not_sure"),
            (pair.mentee_id, pair.mentor_id, "end", "again_yes"),
            (pair.mentor_id, pair.mentee_id, "end", "again_no"),
        ):
            session.add(FitRating(team_id=pair.team_id, pair_id=pair.id, rater_id=rater,
                                  rated_id=rated, stage=stage, answer=answer,
                                  answered_at=now))  # fmt: skip


def assert_private_stays_private(seen: str) -> None:
    for private in (*PRIVATE_TEXTS, GOAL_TEXT, ENDORSEMENT, LOG_TEXT, LEVEL_CHANGE, *FIT_ANSWERS):
        assert private not in seen, private
    lowered = seen.lower()
    for words in FIT_WORDS:
        assert words.lower() not in lowered, words


def test_workspace_admin_surfaces_and_find_show_counts_only(slack, fake_slack, deps, clock):
    seed_program(deps, fake_slack)
    add_admin_user(fake_slack)
    with deps.sessions() as session:
        # Ada mentors Grace in Python (a two-way pair): the pair the markers belong to.
        ada = session.scalar(select(Member).where(Member.slack_user_id == "UADA"))
        pair_id = session.scalar(select(Pair.id).where(Pair.mentor_id == ada.id))
    write_private_rows(deps, pair_id)
    with transaction(deps.sessions) as session:
        session.get(Member, ada.id).listed_in_directory = True  # so `/mentor find` shows her
    mark = len(fake_slack.calls)

    published_home(slack, fake_slack, ADMIN)
    stats = visible_text(reply_to(fake_slack, command(slack, fake_slack, "admin stats")))
    assert "Learners' goals" in stats  # the aggregates really were on screen
    command(slack, fake_slack, "admin")
    wait_for_view(fake_slack, "views.open", ids.ADMIN_SETTINGS_MODAL)
    slack.submit_view(ids.ADMIN_SETTINGS_MODAL, user_id=ADMIN,
                      values=settings_values(channel="CANNOUNCE", name_pairs=True))  # fmt: skip
    view = open_preview(slack, fake_slack)
    slack.submit_view(ids.ADMIN_PREVIEW_MODAL, values={}, user_id=ADMIN,
                      private_metadata=view["private_metadata"])  # fmt: skip
    slack.submit_view(ids.ADMIN_RUN_CONFIRM_MODAL, values={}, user_id=ADMIN,
                      private_metadata=view["private_metadata"])  # fmt: skip
    fake_slack.wait_for("views.update", where=lambda c: "round ran" in json.dumps(c.params))
    deliver(deps)
    command(slack, fake_slack, "admin export")
    fake_slack.wait_for("files.completeUploadExternal")
    published_home(slack, fake_slack, ADMIN)
    # A participant looking for a Python mentor: Ada's thanks show as a count, no words.
    found = visible_text(command_reply(slack, fake_slack, "find python", user_id="UFRANK"))
    assert "thanked by 1 learner" in found

    admin_saw = json.dumps([c.params for c in fake_slack.calls[mark:]], ensure_ascii=False)
    files = "".join(u.data.decode("utf-8", errors="replace") for u in fake_slack.uploads)
    seen = admin_saw + files
    assert "CANNOUNCE" in seen and "mentoring-pairs" in seen  # the surfaces really were seen
    assert_private_stays_private(seen)


def test_a_programs_stats_and_report_show_counts_only(slack, fake_slack, deps, clock):
    add_admin_user(fake_slack)
    people(deps, fake_slack)
    create(slack, ends="2026-11-29")
    program = the_program(deps)
    tick_and_deliver(deps)
    click(slack, fake_slack, ids.PROGRAM_JOIN_LEARNER, "ULEAD", program.id)
    click(slack, fake_slack, ids.PROGRAM_JOIN_TEACHER, "UJUN", program.id)
    clock.advance(hours=1)
    tick_and_deliver(deps)
    with deps.sessions() as session:
        pair_id = session.scalar(select(Pair.id).where(Pair.program_id == program.id))
    write_private_rows(deps, pair_id)
    mark = len(fake_slack.calls)

    stats = reply_to(fake_slack, command(slack, fake_slack, f"admin stats {NAME}"))
    assert "pairs that met" in visible_text(stats)
    clock.advance(days=7)
    tick_and_deliver(deps)
    [report] = [c for c in posts(fake_slack) if ids.PROGRAM_SEND_CHART in buttons(c)]
    assert fake_slack.calls.index(report) > mark
    # The report goes to the admins; the pair's own messages (their check-in may bring up
    # their action item) are theirs, and not read here.
    assert_private_stays_private(json.dumps([stats, report.params], ensure_ascii=False))
