"""Small scenarios built in code for engine tests (no files)."""

from __future__ import annotations

from typing import Any

from wargame.scenario.models import Scenario

P5 = ["cn", "fr", "ru", "uk", "us"]
ELECTED = ["dz", "dk", "gr", "gy", "pk", "pa", "kr", "si", "sl", "so"]


def council(
    seats: dict[str, str] | None = None, dispositions: dict[str, Any] | None = None
) -> dict[str, Any]:
    """A 15-member council; `seats` maps member id to the seat that votes for it."""
    seats = seats or {}
    dispositions = dispositions or {}
    members = []
    for mid in P5 + ELECTED:
        m: dict[str, Any] = {"id": mid, "name": mid.upper(), "permanent": mid in P5}
        if mid in seats:
            m["seat"] = seats[mid]
        else:
            m.update(dispositions.get(mid, {"default_vote": "yes"}))
        members.append(m)
    return {"members": members}


def scenario(**overrides: Any) -> Scenario:
    """A five-seat scenario close to the flagship, small enough to reason about."""
    data: dict[str, Any] = {
        "id": "test",
        "title": "Test",
        "rounds": 4,
        "roles": {"host": "ua", "parties": ["ua", "ru"], "secretariat": "un"},
        "assets": [
            {"id": "troops", "name": "Troops", "strength": 1, "per": 1000},
            {"id": "jets", "name": "Jet squadrons", "strength": 2},
            {"id": "air_defence", "name": "Air defence", "strength": 2},
        ],
        "tags": [
            {"id": t}
            for t in [
                "un_peacekeeping",
                "nato_troops",
                "ceasefire",
                "troop_ceiling",
                "non_nato",
                "dmz",
                "sanctions_relief",
                "air_policing",
            ]
        ],
        "tracks": [
            {"id": "tension", "name": "Tension", "start": 50},
            {"id": "cohesion", "name": "Coalition cohesion", "start": 50},
        ],
        "seats": [
            {
                "id": "fr",
                "name": "France",
                "pc": 10,
                "income": 3,
                "assets": {"troops": 10000, "jets": 2},
            },
            {
                "id": "uk",
                "name": "United Kingdom",
                "pc": 10,
                "income": 3,
                "assets": {"troops": 8000, "jets": 4},
            },
            {"id": "ua", "name": "Ukraine", "pc": 8, "income": 2, "assets": {"troops": 50000}},
            {"id": "ru", "name": "Russia", "pc": 10, "income": 3, "assets": {"troops": 90000}},
            {"id": "un", "name": "UN Secretariat", "pc": 8, "income": 3},
        ],
        "council": council({"fr": "fr", "uk": "uk", "ru": "ru"}),
        "drafts": [
            {"id": "pk", "title": "UN peacekeeping mission", "tags": ["un_peacekeeping"]},
            {
                "id": "cf",
                "title": "Call for a ceasefire",
                "procedural": True,
                "tags": ["ceasefire"],
            },
        ],
        "guarantee_types": [
            {"id": "air_policing", "name": "Air policing", "tags": ["air_policing"]}
        ],
        "force": {"requirement": {"troops": 10000, "jets": 2}, "mission_tags": ["un_peacekeeping"]},
        "endings": [
            {"id": "mission", "title": "UN mission", "when": "un_mission()", "final_only": True}
        ],
        "default_ending": {"id": "frozen", "title": "Frozen conflict"},
    }
    data.update(overrides)
    return Scenario.model_validate(data)


# -- Real Security Council memberships (for the golden votes) -----------------

PERMANENT_MEMBERS = [
    ("chn", "China"),
    ("fra", "France"),
    ("rus", "Russia"),
    ("gbr", "United Kingdom"),
    ("usa", "United States"),
]
ELECTED_2022 = [
    ("alb", "Albania"),
    ("bra", "Brazil"),
    ("gab", "Gabon"),
    ("gha", "Ghana"),
    ("ind", "India"),
    ("irl", "Ireland"),
    ("ken", "Kenya"),
    ("mex", "Mexico"),
    ("nor", "Norway"),
    ("are", "United Arab Emirates"),
]
"""The elected members in February 2022."""
ELECTED_2025 = [
    ("dza", "Algeria"),
    ("dnk", "Denmark"),
    ("grc", "Greece"),
    ("guy", "Guyana"),
    ("pak", "Pakistan"),
    ("pan", "Panama"),
    ("kor", "Republic of Korea"),
    ("sle", "Sierra Leone"),
    ("svn", "Slovenia"),
    ("som", "Somalia"),
]
"""The elected members in February 2025."""
SEAT_OF_MEMBER = {"fra": "fr", "gbr": "uk", "rus": "ru"}
"""Which builder seat votes for which real member."""


def real_council(
    year: int, votes: dict[str, str], seats: dict[str, str] | None = None, **switches: Any
) -> dict[str, Any]:
    """The real council of `year` (2022 or 2025): members in `seats` (member id →
    seat) are played; every other member votes `votes[member]` (default abstain)."""
    seats = SEAT_OF_MEMBER if seats is None else seats
    elected = ELECTED_2022 if year == 2022 else ELECTED_2025
    members = []
    for mid, name in PERMANENT_MEMBERS + elected:
        m: dict[str, Any] = {"id": mid, "name": name, "permanent": (mid, name) in PERMANENT_MEMBERS}
        if mid in seats:
            m["seat"] = seats[mid]
        else:
            m["default_vote"] = votes.get(mid, "abstain")
        members.append(m)
    return {"members": members, **switches}
