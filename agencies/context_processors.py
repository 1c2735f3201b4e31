from .access import agency_of, role_of


def user_role(request):
    user = getattr(request, "user", None)
    if user is None:
        return {}
    return {"user_role": role_of(user), "user_agency": agency_of(user)}
