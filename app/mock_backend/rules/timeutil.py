"""Calendar helpers shared by the rules (month arithmetic, local days and weeks)."""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def add_months(moment: datetime, months: int) -> datetime:
    """Add calendar months, clamping the day to the end of a shorter month (31 Jan + 1 month = 28/29 Feb).

    Args:
        moment: The starting time.
        months: Months to add (may be negative).

    Returns:
        The same wall-clock time ``months`` calendar months later.
    """
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def zone(name: str) -> ZoneInfo:
    """Return the time zone called ``name``, falling back to UTC for unknown names."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def local_date(moment: datetime, time_zone: str) -> date:
    """The calendar date of ``moment`` in the member's time zone."""
    return moment.astimezone(zone(time_zone)).date()


def week_start(day: date) -> date:
    """The Monday of the ISO week containing ``day``."""
    return day - timedelta(days=day.weekday())
