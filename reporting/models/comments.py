"""Comments on one figure: a thread between the working group and the agency about one indicator
of one submission. Internal to the review, like the draft itself: only those who may read the
draft read them, never the public. A thread is open while it has a comment not yet resolved;
resolving closes every open comment of the thread at once, and a new comment opens it again."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.fields import ActorField
from core.fields import BoundedTextField
from indicators.models import Indicator

from .records import IN_PLAN
from .submissions import Submission


class FigureCommentQuerySet(IN_PLAN):
    def open(self):
        return self.filter(resolved_at__isnull=True)

    def threads(self):
        """(submission id, indicator id) of the threads with an open comment."""
        return self.open().values_list("submission", "indicator").distinct().order_by()


class FigureComment(models.Model):
    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="figure_comments"
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="figure_comments"
    )
    text = BoundedTextField(_("comment"))
    by = ActorField(_("by"))
    at = models.DateTimeField(_("at"), default=timezone.now)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = ActorField(_("resolved by"))

    objects = FigureCommentQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("comment on a figure")
        verbose_name_plural = _("comments on figures")
        indexes = [models.Index(fields=["submission", "indicator"], name="figure_comment_thread")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(resolved_at__isnull=True) | ~models.Q(resolved_by=""),
                name="figure_comment_resolved_by_someone",
            ),
        ]

    def __str__(self):
        return f"{self.submission} {self.indicator.code}: {self.text[:40]}"

    @property
    def is_open(self):
        return self.resolved_at is None
