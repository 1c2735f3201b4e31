"""The annual report's records: the working group's own words (introduction, conclusions), the
versions it published with their files, and the jobs that produce previews and publications."""

from .base import Format, report_filename
from .jobs import ReportJob, job_path
from .published import PublicationConflict, PublishedFile, PublishedReport, published_path
from .texts import ReportConclusion, ReportIntroduction, paragraphs

__all__ = [
    "Format",
    "PublicationConflict",
    "PublishedFile",
    "PublishedReport",
    "ReportConclusion",
    "ReportIntroduction",
    "ReportJob",
    "job_path",
    "paragraphs",
    "published_path",
    "report_filename",
]
