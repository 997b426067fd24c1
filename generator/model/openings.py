"""Which openings are current: those listed from their ``posted`` day through their ``valid_through`` day on the
day the site is built; the others are in no file of any site, and make check warns about them."""

from __future__ import annotations

import datetime
import os
from dataclasses import replace

from ..errors import DataError, HandbookError
from .org import OrgModel
from .records import Opening

SOON = 14
"""Days before valid_through from which ``make check`` warns that an opening is about to close."""


def build_date(environ: dict[str, str] | None = None) -> datetime.date:
    """Return the day the site is built for: $HANDBOOK_TODAY (YYYY-MM-DD), else $SOURCE_DATE_EPOCH, else today.

    Which openings are current depends on it, so tests and reproducible builds fix it.
    """
    env = os.environ if environ is None else environ
    fixed = env.get("HANDBOOK_TODAY", "").strip()
    if fixed:
        try:
            return datetime.date.fromisoformat(fixed)
        except ValueError:
            raise HandbookError(f"HANDBOOK_TODAY: {fixed!r} is not a date (YYYY-MM-DD)") from None
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date()
        except (ValueError, OverflowError):
            raise HandbookError(f"SOURCE_DATE_EPOCH: {epoch!r} is not a number of seconds") from None
    return datetime.date.today()


def is_current(opening: Opening, today: datetime.date) -> bool:
    """Return whether an opening is listed on ``today``: posted, and not past its last day."""
    return datetime.date.fromisoformat(opening.posted) <= today <= datetime.date.fromisoformat(opening.valid_through)


def current_openings(model: OrgModel, today: datetime.date) -> OrgModel:
    """Return ``model`` with only the openings listed on ``today``: an expired one has no listing, no
    structured data and no line in the job description, on any site."""
    positions = {
        pid: replace(p, openings=tuple(o for o in p.openings if is_current(o, today))) if p.openings else p
        for pid, p in model.positions.items()
    }
    return replace(model, positions=positions)


def expiry_warnings(model: OrgModel, today: datetime.date) -> list[DataError]:
    """Return a warning per opening that has expired or closes within ``SOON`` days, located on its valid_through."""
    out = []
    for pos in model.positions.values():
        for o in pos.openings:
            left = (datetime.date.fromisoformat(o.valid_through) - today).days
            if left < 0:
                message = f"this opening closed on {o.valid_through} and is no longer listed; remove it or extend valid_through"
            elif left <= SOON and datetime.date.fromisoformat(o.posted) <= today:
                when = "today" if left == 0 else f"in {left} day{'s' if left != 1 else ''}"
                message = f"this opening closes {when} ({o.valid_through}); extend valid_through if it stays open"
            else:
                continue
            out.append(DataError(*o.at, message))
    return out


def unseen_warnings(model: OrgModel, today: datetime.date) -> list[DataError]:
    """Return a warning per current opening that no candidate will see: data/handbook.yml keeps openings internal
    and the position does not say otherwise (an opening kept internal on purpose says so with internal_fields)."""
    if "position.openings" in model.handbook.public_parts:
        return []
    return [
        DataError(*o.at, "this opening is current, but data/handbook.yml keeps openings internal, so the careers site does not list it; "
                  "add position.openings to public in data/handbook.yml (or openings to this position's internal_fields if it is meant to stay internal)")
        for pos in model.positions.values() if pos.internal is not True and not ({"openings"} & (pos.public_fields | pos.internal_fields))
        for o in pos.openings if is_current(o, today)
    ]
