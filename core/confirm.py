"""Steps that cannot be undone with a click (submit, approve, reopen, close a year, delete) ask
first. With JavaScript the page's own form opens a dialog (static/js/confirm.js) and sends
`confirmed=yes`; without it, the first POST answers with a page that asks the same question and
sends the same fields again, confirmed. Nothing is done until the person says yes."""

from django.shortcuts import render

CONFIRMED = "confirmed"
NOT_REPEATED = ("csrfmiddlewaretoken", CONFIRMED)


def is_confirmed(request):
    return request.POST.get(CONFIRMED) == "yes"


def ask(request, question, button, cancel_url, explanation="", danger=False):
    """The page that asks `question` before the POST is done, with its fields kept."""
    fields = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in NOT_REPEATED
        for value in values
    ]
    return render(
        request,
        "includes/confirm_page.html",
        {
            "question": question,
            "explanation": explanation,
            "button": button,
            "cancel_url": cancel_url,
            "fields": fields,
            "danger": danger,
            "action": request.path,
        },
    )
