"""Every reply builder produces Block Kit that slack_sdk's models accept, within limits."""

from __future__ import annotations

from bot.domain.records import MemberRecords, OfferView, RequestView, SavedOffer, SavedRequest
from bot.parsing.commands import Invalid
from bot.ui import replies
from bot.ui.escape import escape_mrkdwn
from tests.support.blockkit import check_message

HOSTILE = "<!channel> & <@U123> <https://evil|click>"


def test_escape_replaces_only_the_three_control_characters():
    assert escape_mrkdwn("a & b < c > d *e*") == "a &amp; b &lt; c &gt; d *e*"
    assert escape_mrkdwn("&lt;") == "&amp;lt;"


def every_reply():
    many = MemberRecords(
        offers=[OfferView(f"skill-{i}", "L" * 75, 5) for i in range(500)],
        requests=[RequestView(f"skill-{i}", "L" * 75, "open") for i in range(500)],
    )
    yield replies.help_reply()
    yield replies.invalid_reply(Invalid(HOSTILE * 20, "/mentor " + HOSTILE))
    yield replies.refusal_reply(HOSTILE)
    yield replies.offers_saved_reply([SavedOffer(HOSTILE, 3, False)] * 10)
    yield replies.requests_saved_reply([SavedRequest(HOSTILE, True)] * 10)
    yield replies.removed_reply("offer", HOSTILE, True)
    yield replies.removed_reply("request", HOSTILE, False)
    yield replies.records_reply(many)
    yield replies.records_reply(MemberRecords(offers=[], requests=[]))
    yield replies.error_reply()


def test_all_replies_are_valid_and_never_broadcast():
    for reply in every_reply():
        payload = reply.to_kwargs()
        check_message(payload)
        assert "<!" not in str(payload) and "<@U123>" not in str(payload)
