"""Offers and requests as saved and as listed back to their member."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.db.models import RequestStatus


@dataclass(frozen=True, slots=True)
class SavedOffer:
    label: str
    level: int
    existed: bool


@dataclass(frozen=True, slots=True)
class SavedRequest:
    label: str
    existed: bool


@dataclass(frozen=True, slots=True)
class OfferView:
    slug: str
    label: str
    level: int


@dataclass(frozen=True, slots=True)
class RequestView:
    slug: str
    label: str
    status: str

    @property
    def status_text(self) -> str:
        return {
            RequestStatus.OPEN: "waiting for a match",
            RequestStatus.MATCHED: "matched",
        }.get(RequestStatus(self.status), self.status)


@dataclass(frozen=True, slots=True)
class MemberRecords:
    offers: Sequence[OfferView]
    requests: Sequence[RequestView]


@dataclass(frozen=True, slots=True)
class SavedRequestDetails:
    label: str
    created: bool
