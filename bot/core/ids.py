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
CIRCLE_CHECKIN_MET = "circle_checkin_met"
CIRCLE_CHECKIN_NOT_YET = "circle_checkin_not_yet"
CHECKIN_NEED_HELP = "checkin_need_help"
CHECKIN_END = "checkin_end"
CHECKIN_NOTE = "checkin_note"
CHECKIN_NOTE_MODAL = "checkin_note_modal"
SHARE_FEEDBACK = "ending_share_feedback"
FEEDBACK_MODAL = "ending_feedback_modal"
FIRST_MEETING_MODAL = "pair_first_meeting_modal"
CHECKIN_HELP_MODAL = "checkin_help_modal"
# Buttons on the admins' DM about a help request.
HELP_TAKE = "help_take"
HELP_OPEN_PAIRING = "help_open_pairing"
HELP_END_AND_REMATCH = "help_end_and_rematch"

# Blocks (and their single inputs) of the weekly cycle's modals.
EXPECTATIONS_OBJECTIVE = "expectations_objective"
EXPECTATIONS_CADENCE = "expectations_cadence"
EXPECTATIONS_FIRST_MEETING = "expectations_first_meeting"
EXPECTATIONS_DURATION = "expectations_duration"
EXPECTATIONS_SUCCESS = "expectations_success"
EXPECTATIONS_CONFIDENTIAL = "expectations_confidential"
NOT_A_FIT_REASON = "not_a_fit_reason"
FIRST_MEETING_AT = "first_meeting_at"
CHECKIN_HELP_TEXT = "checkin_help_text"
CHECKIN_NOTE_TEXT = "checkin_note_text"
FEEDBACK_LEARNED = "feedback_learned"
FEEDBACK_TAUGHT = "feedback_taught"
FEEDBACK_DECISION = "feedback_decision"
# Modals (callback ids), their input blocks and the elements inside them.
OFFER_MODAL = "offer_modal"
REQUEST_MODAL = "request_modal"
PROFILE_MODAL = "profile_modal"

OFFER_SKILLS_BLOCK = "offer_skills"
OFFER_SKILLS_INPUT = "offer_skills_input"
OFFER_LEVEL_BLOCK = "offer_level"
OFFER_LEVEL_INPUT = "offer_level_input"
OFFER_CAPACITY_BLOCK = "offer_capacity"
OFFER_CAPACITY_INPUT = "offer_capacity_input"
OFFER_IN_RETURN_BLOCK = "offer_in_return"
OFFER_IN_RETURN_INPUT = "offer_in_return_input"
OFFER_CIRCLE_BLOCK = "offer_circle"
OFFER_CIRCLE_INPUT = "offer_circle_input"

REQUEST_SKILL_BLOCK = "request_skill"
REQUEST_SKILL_INPUT = "request_skill_input"
REQUEST_GOAL_BLOCK = "request_goal"
REQUEST_GOAL_INPUT = "request_goal_input"
REQUEST_FREQUENCY_BLOCK = "request_frequency"
REQUEST_FREQUENCY_INPUT = "request_frequency_input"
REQUEST_DURATION_BLOCK = "request_duration"
REQUEST_DURATION_INPUT = "request_duration_input"
REQUEST_SUCCESS_BLOCK = "request_success"
REQUEST_SUCCESS_INPUT = "request_success_input"
REQUEST_TEACH_BLOCK = "request_teach"
REQUEST_TEACH_INPUT = "request_teach_input"

PROFILE_STAGE_BLOCK = "profile_stage"
PROFILE_STAGE_INPUT = "profile_stage_input"
PROFILE_REVERSE_BLOCK = "profile_reverse"
PROFILE_REVERSE_INPUT = "profile_reverse_input"
PROFILE_DIRECTORY_BLOCK = "profile_directory"
PROFILE_DIRECTORY_INPUT = "profile_directory_input"
PROFILE_CIRCLE_BLOCK = "profile_circle"
PROFILE_CIRCLE_INPUT = "profile_circle_input"

# Buttons that open the modals (help message, App Home) and manage what a person has.
OPEN_OFFER_MODAL = "open_offer_modal"
OPEN_REQUEST_MODAL = "open_request_modal"
OPEN_PROFILE_MODAL = "open_profile_modal"
OFFER_MENU = "offer_menu"  # overflow on one offer in App Home: edit / remove
REQUEST_MENU = "request_menu"  # overflow on one request in App Home: edit / remove
PAUSE_MATCHING = "pause_matching"
RESUME_MATCHING = "resume_matching"

# Program admins: App Home buttons, the settings and round-preview modals.
ADMIN_OPEN_SETTINGS = "admin_open_settings"
ADMIN_OPEN_PREVIEW = "admin_open_preview"
ADMIN_RUN_NOW = "admin_run_now"
ADMIN_SKIP_NEXT = "admin_skip_next"
ADMIN_UNSKIP_NEXT = "admin_unskip_next"
ADMIN_SEND_CHART = "admin_send_chart"
ADMIN_SEND_EXPORT = "admin_send_export"
ADMIN_PREVIEW_PREVIOUS = "admin_preview_previous"
ADMIN_PREVIEW_NEXT = "admin_preview_next"
ADMIN_SETTINGS_MODAL = "admin_settings_modal"
ADMIN_PREVIEW_MODAL = "admin_preview_modal"
ADMIN_NOTICE_MODAL = "admin_notice_modal"
ADMIN_RUN_CONFIRM_MODAL = "admin_run_confirm_modal"  # "Run now?" over the preview

# Blocks (and their single inputs) of the settings modal.
ADMIN_WEEKDAY = "admin_weekday"
ADMIN_TIME = "admin_time"
ADMIN_TIMEZONE = "admin_timezone"
ADMIN_CADENCE = "admin_cadence"
ADMIN_COOLDOWN = "admin_cooldown_weeks"
ADMIN_TZ_GAP = "admin_max_tz_gap"
ADMIN_NUDGE_AFTER = "admin_nudge_after"
ADMIN_CLOSE_AFTER = "admin_close_after"
ADMIN_TWO_WAY_WEIGHT = "admin_two_way_weight"
ADMIN_ANNOUNCE_CHANNEL = "admin_announce_channel"
ADMIN_ANNOUNCE_PAIRS = "admin_announce_pairs"

# `/mentor forget-me`: the buttons on its confirmation message.
FORGET_ME_CONFIRM = "forget_me_confirm"
FORGET_ME_CANCEL = "forget_me_cancel"
