"""A budget line saved at the moment the submission is submitted and approved (real threads, own
database connections): nothing lands after the approval, and a save that was acknowledged is part
of what was approved."""

from collections import Counter
from decimal import Decimal

from budgets.models import BudgetLine
from indicators.models import LineOfAction
from reporting.models import Submission
from tests.project.test_races import (  # noqa: F401  (race is a fixture)
    approved_state,
    back_to_draft,
    client_for,
    race,
    submit_and_approve,
    together,
)

URL = "/reporting/2023/SEDENA/budget/"


def test_a_budget_save_never_lands_after_an_approval(race, capsys):  # noqa: F811
    submission = race["submission"]
    line = LineOfAction.objects.get(goal__number=4, number=1)
    counts = Counter()
    for trial in range(40):
        back_to_draft(submission)
        amount = 1000 + trial
        data = {
            "line": line.pk,
            "source": "own",
            "marker": "2",
            "approved": str(amount),
        }
        save = client_for(race["focal"])
        saved, (submitted, approved) = together(
            lambda save=save, data=data: save.post(URL, data).status_code,
            submit_and_approve(race),
        )
        counts[f"save {saved}"] += 1
        assert saved in (302, 409) and submitted == approved == 302, (trial, saved, submitted)
        approval, now = approved_state(submission)
        assert Submission.objects.get(pk=submission.pk).status == Submission.Status.APPROVED
        assert now == approval.snapshot, trial
        stored = BudgetLine.objects.filter(submission=submission, approved=Decimal(amount))
        assert stored.exists() == (saved == 302), (trial, saved)
        landed_after = BudgetLine.history.filter(
            submission_id=submission.pk, history_date__gt=approval.at
        ).count()
        assert landed_after == 0, trial
    with capsys.disabled():
        print(f"\nraces, budget save vs submit+approve: 40 trials, {dict(counts)}")
