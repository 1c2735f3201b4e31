"""Yearly reporting: what each agency did for each indicator, and its review.

A `ReportingYear` is opened by the working group with a deadline. Each implementing agency then has
one `Submission` for that year, holding its `IndicatorValue`s, `LineNarrative`s, `Evidence` and
`Activity` records. The submission moves draft -> submitted -> approved, or returned -> submitted
again; every step is a `SubmissionEvent` (who, when, why), announced by the `step_taken` signal
(the e-mail notices listen to it). Figures, narratives, evidence and activities keep their full
history (django-simple-history).
"""

from .comments import FigureComment
from .counts import ActivityCount
from .imports import ImportBatch
from .records import (
    Activity,
    Evidence,
    IndicatorValue,
    LineNarrative,
    evidence_path,
    new_reference,
)
from .submissions import Submission, SubmissionEvent, SubmissionLocked, step_taken
from .years import ReportingYear, WorkflowError

__all__ = [
    "Activity",
    "ActivityCount",
    "Evidence",
    "FigureComment",
    "ImportBatch",
    "IndicatorValue",
    "LineNarrative",
    "ReportingYear",
    "Submission",
    "SubmissionEvent",
    "SubmissionLocked",
    "WorkflowError",
    "evidence_path",
    "new_reference",
    "step_taken",
]
