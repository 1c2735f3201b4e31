"""The plan as data: Annex 3 of Mexico's National Action Plan on UNSCR 1325, or any other plan.

Plan -> areas -> strategic goals -> lines of action, with the goal's activities, indicators and
targets (and their earlier terms), and the revisions that changed them from a year on. Every
object has a natural key so fixtures never depend on database ids, and its texts in Spanish and
English. `source_note` records where Annex 3 is unreadable or where a text was completed
from another source, so nothing is silently invented.
"""

from .base import Bilingual, PlanScopedQuerySet, roman, scoped
from .imports import PlanImport
from .measures import Indicator, Responsibility, Target, TargetVersion
from .plans import Area, LineOfAction, Plan, PlanActivity, StrategicGoal
from .revisions import PlanRevision, RevisionChange

__all__ = [
    "Area",
    "Bilingual",
    "Indicator",
    "LineOfAction",
    "Plan",
    "PlanActivity",
    "PlanImport",
    "PlanRevision",
    "PlanScopedQuerySet",
    "Responsibility",
    "RevisionChange",
    "StrategicGoal",
    "Target",
    "TargetVersion",
    "roman",
    "scoped",
]
