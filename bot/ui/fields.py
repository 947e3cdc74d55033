"""Building the modal inputs our forms repeat: a box for a few lines of text, a single
tick box, a menu. Reading them back is bot.parsing.view_state's job.

Arguments left as None stay out of the payload, exactly as if InputBlock had been
written out by hand. The action id is the block id unless a form names both.
"""

from __future__ import annotations

from collections.abc import Sequence

from slack_sdk.models.blocks import (
    CheckboxesElement,
    InputBlock,
    Option,
    PlainTextInputElement,
    StaticSelectElement,
)


def text_box(
    block_id: str,
    label: str,
    *,
    max_length: int,
    initial: str | None = None,
    optional: bool | None = None,
    hint: str | None = None,
    placeholder: str | None = None,
    action_id: str | None = None,
) -> InputBlock:
    """A multi-line text input, filled with `initial` when there is one."""
    return InputBlock(
        block_id=block_id,
        label=label,
        optional=optional,
        hint=hint,
        element=PlainTextInputElement(
            action_id=action_id or block_id,
            multiline=True,
            max_length=max_length,
            initial_value=initial or None,
            placeholder=placeholder,
        ),
    )


def tick_box(
    block_id: str,
    label: str,
    option: Option,
    *,
    ticked: bool,
    optional: bool | None = None,
    hint: str | None = None,
    action_id: str | None = None,
) -> InputBlock:
    """Checkboxes with the one `option`, already ticked when `ticked`."""
    return InputBlock(
        block_id=block_id,
        label=label,
        optional=optional,
        hint=hint,
        element=CheckboxesElement(
            action_id=action_id or block_id,
            options=[option],
            initial_options=[option] if ticked else None,
        ),
    )


def select_box(
    block_id: str,
    label: str,
    options: Sequence[Option],
    *,
    initial: Option | None,
    optional: bool | None = None,
    hint: str | None = None,
    placeholder: str | None = None,
    action_id: str | None = None,
) -> InputBlock:
    """A menu of `options` with `initial` chosen (none chosen when it is None)."""
    return InputBlock(
        block_id=block_id,
        label=label,
        optional=optional,
        hint=hint,
        element=StaticSelectElement(
            action_id=action_id or block_id,
            options=list(options),
            initial_option=initial,
            placeholder=placeholder,
        ),
    )
