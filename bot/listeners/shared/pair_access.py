"""Acting on a pair or check-in for the person who clicked or submitted: one transaction,
and a clear refusal when they are not in that pair or the pair has ended."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.orm import Session

from bot.core.deps import Deps
from bot.db.session import transaction
from bot.services import pairs
from bot.services.pairs import NotYours, PairAccess

T = TypeVar("T")


def for_pair_member(
    deps: Deps, refuse: Callable[[str], None], decide: Callable[[Session], T]
) -> T | None:
    """Run `decide` in one transaction; when it finds the person outside the pair (or the
    pair over), nothing is stored, `refuse` gets the words to show and the answer is None."""
    try:
        with transaction(deps.sessions) as session:
            return decide(session)
    except NotYours as refusal:
        refuse(str(refusal))
        return None


def still_active(access: PairAccess) -> PairAccess:
    """The same access, or a refusal when the pairing has already ended."""
    if not access.pair.active:
        raise NotYours(pairs.PAIR_OVER)
    return access
