"""Pure admin builders: the zone list, reading the settings modal, previews and
announcements within Block Kit's limits."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, time

from bot.core import ids
from bot.cycle.schedule import Cadence
from bot.domain.program_settings import NextRound, ProgramSettings
from bot.domain.round_approval import ApprovalDraft
from bot.domain.round_preview import Direction, PreviewPair, PreviewUnserved, RoundPreview
from bot.matching import UnservedReason
from bot.parsing.settings_form import read_settings
from bot.ui.admin_announcement import announcement_message
from bot.ui.admin_home import PROGRAM_ROUNDS_SHOWN, admin_changes_text, program_rounds_blocks
from bot.ui.admin_preview import PAGE_SIZE, page_count, preview_modal
from bot.ui.admin_settings import settings_modal
from bot.ui.admin_zones import MAX_OPTIONS, matching_zones, zone_label, zone_names
from tests.e2e.admin_helpers import settings_values
from tests.support.blockkit import check_blocks, check_message, check_view
from tests.support.copy_check import check_copy

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
UPCOMING = NextRound("2026-W48", datetime(2026, 11, 23, 9, tzinfo=UTC), "Europe/London",
                     Cadence.WEEKLY, due_now=False, skipped=())  # fmt: skip


def test_zone_list_is_canonical_and_longer_than_one_select_allows():
    names = zone_names()
    assert len(names) > MAX_OPTIONS
    assert "Europe/London" in names and "Asia/Kolkata" in names and names[0] == "UTC"
    assert not [n for n in names if n.startswith(("Etc/", "US/"))]


def test_zones_are_filtered_by_every_word_typed_cities_first():
    assert matching_zones("london") == ["Europe/London"]
    assert matching_zones("new york") == ["America/New_York"]
    assert matching_zones("america new")[0] == "America/New_York"
    assert matching_zones("kolk") == ["Asia/Kolkata"]
    assert matching_zones("nowhere-at-all") == []
    assert len(matching_zones("")) == MAX_OPTIONS
    assert all(len(zone_label(name, NOW)) <= 75 for name in zone_names())


def test_reading_a_valid_submission():
    form, errors = read_settings(
        settings_values(
            weekday="6",
            at="18:45",
            timezone="Asia/Kolkata",
            cadence="monthly",
            cooldown="0",
            gap="5.5",
            weight="10",
            nudge="12",
            close="26",
            channel="C1",
            name_pairs=True,
        )
    )
    assert errors == {}
    assert form == ProgramSettings(
        weekday=6, at=time(18, 45), timezone="Asia/Kolkata", cadence=Cadence.MONTHLY,
        cooldown_weeks=0, max_tz_gap_hours=5.5, nudge_after=12, close_after=26,
        two_way_weight=10, announce_channel="C1", announce_pairs=True,
    )  # fmt: skip


def test_reading_missing_fields_names_each_one():
    _, errors = read_settings({})
    assert set(errors) == {
        ids.ADMIN_WEEKDAY, ids.ADMIN_TIME, ids.ADMIN_TIMEZONE, ids.ADMIN_CADENCE,
        ids.ADMIN_COOLDOWN, ids.ADMIN_TWO_WAY_WEIGHT, ids.ADMIN_NUDGE_AFTER,
        ids.ADMIN_CLOSE_AFTER,
    }  # fmt: skip


def test_settings_modal_fits_block_kit():
    current = ProgramSettings(0, time(9), "Europe/London", Cadence.WEEKLY, 26, None, 2, 4, 3,
                              "C1", True)  # fmt: skip
    check_view(settings_modal(current, UPCOMING, now=NOW).to_dict())


def _preview(pairs: int, unserved: int) -> RoundPreview:
    reasons = tuple(f"reason <{n}> & more " * 30 for n in range(5))
    made = tuple(
        PreviewPair(
            main=Direction(f"U{n}", f"V{n}", "Python", reasons),
            back=None,
            score=9,
            two_way=False,
            reverse=n % 2 == 0,
        )
        for n in range(pairs)
    )
    waiting = tuple(
        PreviewUnserved(f"W{n}", "Rust", UnservedReason.NO_OFFER) for n in range(unserved)
    )
    return RoundPreview(UPCOMING, "f" * 64, pairs * 2 + unserved, pairs + unserved, made,
                        waiting, optimal=True)  # fmt: skip


def test_every_page_of_a_big_preview_fits_block_kit_and_escapes_text():
    preview = _preview(pairs=900, unserved=400)
    assert page_count(preview) == -(-1300 // PAGE_SIZE)
    for page in (0, 1, page_count(preview) - 1):
        view = preview_modal(preview, page).to_dict()
        check_view(view)
        assert "reason <" not in str(view)
    assert "reason &lt;" in str(preview_modal(preview, 0).to_dict())


def test_announcements_fit_a_message_however_many_pairs_are_named():
    named = [(f"U{n}", f"V{n}", "Public <speaking>") for n in range(1000)]
    message = announcement_message(pairs=1000, two_way=10, reverse=5, still_waiting=0,
                                   named=named)  # fmt: skip
    payload = message.to_kwargs()
    check_message(payload)
    assert "Public &lt;speaking&gt;" in str(payload) and "and 800 more pairs" in str(payload)
    counts_only = announcement_message(pairs=1, two_way=0, reverse=0, still_waiting=1)
    assert "<@" not in str(counts_only.to_kwargs())
    assert "1 new pair." in counts_only.text and "1 request is still waiting" in counts_only.text


def test_the_approval_tick_box_is_read_and_shown_ticked():
    form, errors = read_settings(settings_values(approve=True))
    assert errors == {} and form is not None and form.approve_rounds
    form, _ = read_settings(settings_values())
    assert form is not None and not form.approve_rounds
    current = ProgramSettings(0, time(9), "Europe/London", Cadence.WEEKLY, 26, None, 2, 4, 3,
                              None, False, approve_rounds=True)  # fmt: skip
    view = settings_modal(current, UPCOMING, now=NOW).to_dict()
    check_view(view)
    [box] = [b for b in view["blocks"] if b.get("block_id") == ids.ADMIN_APPROVE_ROUNDS]
    assert box["element"]["initial_options"][0]["value"] == "approve_rounds"


def test_admin_stats_count_rounds_sent_after_approval():
    assert admin_changes_text({"send": 1}) == (
        ":memo: Admin changes to rounds: 1 (1 round sent after approval)"
    )
    assert admin_changes_text({"drop": 2, "send": 2}) == (
        ":memo: Admin changes to rounds: 4 (2 drops, 2 rounds sent after approval)"
    )


def test_app_home_shows_a_few_waiting_program_rounds_and_counts_the_rest():
    draft = ApprovalDraft(
        period="program=1:2026-W49", at=datetime(2026, 11, 30, 9, tzinfo=UTC),
        timezone="Europe/London", pairs=4, served=4, unserved=1, program="R&D <leads>",
    )  # fmt: skip
    drafts = [replace(draft, period=f"program={i}:2026-W49") for i in range(1, 6)]
    blocks = [block.to_dict() for block in program_rounds_blocks(drafts)]
    check_blocks(blocks, limit=PROGRAM_ROUNDS_SHOWN + 1)
    shown = [b for b in blocks if b["type"] == "section"]
    assert len(shown) == PROGRAM_ROUNDS_SHOWN
    assert [b["accessory"]["value"] for b in shown] == [d.period for d in drafts[:3]]
    assert "R&amp;D &lt;leads&gt;: the round of Monday 30 November" in shown[0]["text"]["text"]
    more = blocks[-1]["elements"][0]["text"]
    assert more.startswith("2 more program rounds wait too")
    check_copy("views.publish", {"view": {"type": "home", "blocks": blocks}})
    one_more = program_rounds_blocks(drafts[:4])[-1].to_dict()["elements"][0]["text"]
    assert one_more.startswith("1 more program round waits too")
    assert program_rounds_blocks([]) == []
