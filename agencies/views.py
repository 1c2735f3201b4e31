from django.shortcuts import render
from django.views.decorators.http import require_GET

from .access import capabilities


@require_GET
def home(request):
    return render(request, "home.html", {"capabilities": capabilities(request.user)})
