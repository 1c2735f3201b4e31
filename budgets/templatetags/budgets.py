"""The budget on the submission's own page: `{% submission_budget submission as budget %}`."""

from django import template

from ..summary import submission_budget as _submission_budget

register = template.Library()


@register.simple_tag
def submission_budget(submission):
    return _submission_budget(submission)
