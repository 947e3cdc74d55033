"""Every callback, action and block id the app uses: one definition shared by listeners,
UI builders and tests, so a rename can't leave a listener deaf."""

from __future__ import annotations

SLASH_COMMAND = "/mentor"

# Actions on messages (help, lists).
SHOW_MY_LIST = "show_my_list"

# The weekly cycle: buttons on intros, check-ins and endings, and their modals.
SET_EXPECTATIONS = "pair_set_expectations"
FIRST_MEETING_SCHEDULED = "pair_first_meeting_scheduled"
NOT_A_FIT = "pair_not_a_fit"
EXPECTATIONS_MODAL = "pair_expectations_modal"
NOT_A_FIT_MODAL = "pair_not_a_fit_modal"
CHECKIN_MET = "checkin_met"
CHECKIN_NOT_YET = "checkin_not_yet"
CHECKIN_NEED_HELP = "checkin_need_help"
CHECKIN_END = "checkin_end"
CHECKIN_NOTE = "checkin_note"
CHECKIN_NOTE_MODAL = "checkin_note_modal"
SHARE_FEEDBACK = "ending_share_feedback"
FEEDBACK_MODAL = "ending_feedback_modal"

# Blocks (and their single inputs) of the weekly cycle's modals.
EXPECTATIONS_OBJECTIVE = "expectations_objective"
EXPECTATIONS_CADENCE = "expectations_cadence"
EXPECTATIONS_FIRST_MEETING = "expectations_first_meeting"
EXPECTATIONS_DURATION = "expectations_duration"
EXPECTATIONS_SUCCESS = "expectations_success"
EXPECTATIONS_CONFIDENTIAL = "expectations_confidential"
NOT_A_FIT_REASON = "not_a_fit_reason"
CHECKIN_NOTE_TEXT = "checkin_note_text"
FEEDBACK_LEARNED = "feedback_learned"
FEEDBACK_TAUGHT = "feedback_taught"
FEEDBACK_DECISION = "feedback_decision"
