"""12345 hotline bodies beyond filing: the published knowledge base, the classification of
matters with their deadline tiers, the tourist-complaint place types, and the repeat-request check.

Kept apart from ``contract.wire`` so the hotline's wire types read in one place. The terminal
pulls the knowledge base and the classification like the catalog (ETag, cached offline); the
repeat check is the one online call made before filing (the central service decides again when
the ``hotline.created`` record arrives: the terminal may have filed offline).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from contract import codes
from contract.wire import Answer, Request

# Response tiers of the county's 12345 (a matter's tier is how soon the hotline answers it:
# 30 minutes for emergencies of daily life and tourist complaints, 2 hours for nuisances,
# 24 hours for everything else). Minutes per tier.
Tier = Literal["30m", "2h", "24h"]
TIER_MINUTES: dict[str, int] = {"30m": 30, "2h": 120, "24h": 24 * 60}

# Where a visitor's complaint happened (投诉即办); the central publishes the list with labels.
PlaceType = Literal["scenic", "hotel", "restaurant", "shop", "transport"]
PLACE_TYPES: tuple[str, ...] = ("scenic", "hotel", "restaurant", "shop", "transport")

MATTER_CODE = r"^[0-9]{2}([0-9]{2})?$"  # "05" a branch, "0501" a matter under it


# -- pulled: knowledge base ---------------------------------------------------------------------
class KbAnswer(Answer):
    """One answer a citizen may read instead of filing a request."""

    id: str = Field(description="stable id, e.g. KB0001")
    category: str = Field(pattern=MATTER_CODE, description="matter code of the classification")
    title: str = Field(description="the question as a citizen would ask it")
    body: str = Field(description="the answer in a few sentences (policy, what to do)")
    where: str = Field("", description="where to go: window, office, phone")
    bring: list[str] = Field(default_factory=list, description="what to bring")
    fees: str = ""
    hours: str = ""
    keywords: list[str] = Field(default_factory=list)


class KnowledgeBase(Answer):
    """``GET /api/v1/hotline/kb`` (ETag / If-None-Match)."""

    version: str
    sample: bool = Field(
        False, description="true for the reference service's generated sample content"
    )
    answers: list[KbAnswer]


# -- pulled: classification, tiers, places -------------------------------------------------------
class Matter(Answer):
    """A node of the tree of matters (after GB/T 39666-2020: branches and the matters in them)."""

    code: str = Field(pattern=MATTER_CODE)
    parent: str | None = Field(None, description="the branch's code; None for a branch")
    label: str = Field(description="plain words, Chinese: what the citizen picks")
    label_en: str = ""
    tier: Tier
    hotline: str = Field(description="the hotline's category name the request is filed under")
    handler: str = Field("", description="who handles it (the slip names them)")
    tourist: bool = Field(False, description="a visitor's complaint (投诉即办)")


class PlaceKind(Answer):
    code: PlaceType
    label: str
    label_en: str


class TierInfo(Answer):
    code: Tier
    minutes: int
    label: str
    label_en: str


class Classification(Answer):
    """``GET /api/v1/hotline/classification`` (ETag / If-None-Match)."""

    version: str
    matters: list[Matter]
    place_types: list[PlaceKind]
    tiers: list[TierInfo]


# -- online: the repeat-request check ------------------------------------------------------------
class RepeatCheck(Request):
    """Before filing: does this person, or this matter at this place, already have an order?"""

    category: str = Field(pattern=MATTER_CODE, description="matter code")
    phone: str = Field(pattern=codes.PHONE)
    place: str = Field("", max_length=200)


class RepeatMatch(Answer):
    """What the request would join; ``number`` None when it opens a new work order."""

    number: str | None = Field(
        None,
        description="the open work order it joins; for 'same_caller' only its last 4 digits "
        "(a typed phone must not reveal a stranger's order number)",
    )
    reason: Literal["same_caller", "same_matter"] | None = None
    filed_at: str | None = Field(None, description="when that order was opened")
    people: int = Field(0, description="requests already in that order (一事多人)")
    tier: Tier = "24h"
