"""The copy gallery: every surface builds, validates, reads right, and is on the page."""

from __future__ import annotations

import html

import pytest

from tests.support.blockkit import check_call
from tests.support.copy_check import check_copy
from tools.gallery import gallery_html, mrkdwn_html, surfaces, write_gallery

EXPECTED = {
    "Sam (new)": {"App Home, first visit", "/mentor help", "Offer modal", "Request modal",
                  "Profile modal", "/mentor find, nobody listed", "/mentor skills",
                  "No match this round", "No match, every reason", "An unknown command",
                  "Admin command refused", "Away: skipped this round",
                  "Away, status without an end date", "App Home while away"},
    "Alice and Bob (two-way)": {"Alice's App Home", "Intro in their group DM",
                                "Set expectations (first time)", "Expectations summary",
                                "Not a good fit", "Check-in with a prompt",
                                "When is the first meeting?", "First meeting on the calendar",
                                "Need help",
                                "Check-in with a nudge, never met",
 "Check-in with a nudge, met before", "Planned end reached",
                                "How did it go?", "End pairing", "Private note",
                                "Log a session", "Session logged, in the intro's thread",
                                "Check-in with open action items", "Action item done",
                                "/mentor log", "/mentor log export",
                                "Two weeks in: good fit?", "Pair again?", "Send thanks",
                                "Thanks DM", "/mentor thanks, sent", "/mentor thanks, refused",
                                "Public thanks in a channel",
                                "Set expectations with goals", "Goal board",
                                "Check-in asking about goals", "Goal status saved",
                                "End pairing, with the learner's level",
                                "Ended, with level changes",
                                "Invitation to offer a learned skill",
                                "Find a time (Alice's view)", "Find a time: saved",
                                "Find a time: Bob picked a moment before",
                                "A time picked: both in their own time",
                                "First meeting as a calendar file (.ics)",
                                "Reminder an hour before",
                                "Alice's nudge after five working days",
                                "/mentor log export: the Markdown file"},
    "Linus and Margaret (London and Auckland)": {"Intro when working hours barely overlap",
                                                 "Find a time: only the compromise"},
    "Linus and Margaret (reverse)": {"Intro in their group DM", "Margaret's App Home (paused)",
                                     "Partner left", "/mentor forget-me"},
    "Priya (admin)": {"App Home with the admin section", "/mentor admin stats", "Round preview",
                      "Shaping: swap the mentor", "Shaping: a swap waiting for Re-solve",
                      "Shaping: re-solved, before and after",
                      "Shaping: the preview after the swap", "Shaping: add a pair",
                      "/mentor admin stats, with admin changes",
                      "/mentor admin stats, some people away",
                      "Settings", "Channel announcement", "Need help DM",
                      "The pairing, opened from a help request",
                      "Program round waiting for approval (DM)",
                      "Program round's approval DM once the program ended (edited in place)"},
    "Programs": {"New program (admin)", "New program, open to a user group (admin)",
                 "New program, user groups not readable (admin)", "Invitation",
                 "Reminder, once", "Joined as learner",
                 "Not now", "App Home with programs", "Program report (admins)",
                 "Program report, too few learners for goal figures",
                 "/mentor admin stats for one program"},
    "Circles": {"Circle intro in its group DM", "Peer circle intro in its group DM",
                "Priya's App Home (leads a circle)", "Sam's App Home (in a circle)",
                "Farah's App Home (in a peer circle)", "Round preview with circles",
                "Offer modal with a circle", "Profile modal, open to circles",
                "Round ran, with circles", "Circle check-in", "Circle at its planned end",
                "/mentor admin stats with circles"},
}  # fmt: skip


def test_the_gallery_page_shows_every_surface(tmp_path) -> None:
    out = tmp_path / "build" / "gallery.html"
    count = write_gallery(out)
    page = out.read_text(encoding="utf-8")
    built = surfaces()
    assert count == len(built) > 50
    for group, titles in EXPECTED.items():
        have = {s.title for s in built if s.group == group}
        assert titles <= have, (group, titles - have)
    for surface in built:
        assert f'data-title="{html.escape(surface.title)}"' in page
    assert "broken" not in page.split("</style>", 1)[1].replace("broken link", "")
    # Mentions read as names, never as ids.
    assert "@Alice Moreau" in page and "&lt;@U0" not in page and "<@U0" not in page


@pytest.mark.parametrize("surface", surfaces(), ids=lambda s: f"{s.group}: {s.title}")
def test_each_surface_is_valid_block_kit_with_clean_copy(surface) -> None:
    if surface.kind == "file":  # no blocks: the comment posted with it is read as copy
        check_copy("chat.postMessage", {"text": surface.payload["initial_comment"]})
        assert surface.payload["content"] and surface.payload["filename"]
        return
    method = "chat.postMessage" if surface.kind == "message" else "views.open"
    params = surface.payload if surface.kind == "message" else {"view": surface.payload}
    check_call(method, params)
    check_copy(method, params)


def test_mrkdwn_is_shown_roughly_as_slack_shows_it() -> None:
    shown = mrkdwn_html("*bold* _it_ `code` <@U0BOB> <https://x.example|site> &lt;b&gt; <skill>")
    assert "<b>bold</b>" in shown and "<i>it</i>" in shown and "<code>code</code>" in shown
    assert "@Bob Okafor" in shown and '<a href="https://x.example">site</a>' in shown
    assert "&lt;b&gt;" in shown and 'class="broken"' in shown  # a raw <skill> is flagged


def test_the_page_escapes_what_it_shows() -> None:
    from tools.gallery import Surface

    page = gallery_html([Surface("g", "t", "message", {"text": 'a "q" & b', "blocks": []})])
    assert "a &quot;q&quot; &amp; b" in page


def _inputs(payload: object):
    if isinstance(payload, dict):
        if payload.get("type") == "input":
            yield payload
        for value in payload.values():
            yield from _inputs(value)
    elif isinstance(payload, list):
        for value in payload:
            yield from _inputs(value)


@pytest.mark.parametrize("surface", surfaces(), ids=lambda s: f"{s.group}: {s.title}")
def test_optional_inputs_leave_saying_so_to_slack(surface) -> None:
    # Slack already writes "(optional)" after the label of an optional input.
    for block in _inputs(surface.payload):
        if block.get("optional"):
            words = block["label"]["text"] + " " + (block.get("hint") or {}).get("text", "")
            assert "optional" not in words.lower(), block
