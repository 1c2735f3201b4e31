from django import forms, template

from audit.people import display_name

register = template.Library()


@register.filter
def bootstrap(bound_field, extra_class=""):
    """Render a form field's widget with Bootstrap classes and its errors announced to screen
    readers (aria-invalid, aria-describedby)."""
    widget = bound_field.field.widget
    if isinstance(widget, forms.CheckboxInput):
        css = "form-check-input"
    elif isinstance(widget, forms.Select | forms.SelectMultiple):
        css = "form-select"
    else:
        css = "form-control"
    attrs = {"class": f"{css} {extra_class}".strip()}
    described = []
    if bound_field.help_text:
        described.append(f"{bound_field.auto_id}_help")
    if bound_field.errors:
        attrs["class"] += " is-invalid"
        attrs["aria-invalid"] = "true"
        described.append(f"{bound_field.auto_id}_errors")
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return bound_field.as_widget(attrs=attrs)


@register.filter
def dash(value):
    """Empty values shown as a dash in tables."""
    return "—" if value in (None, "") else value


@register.filter
def percent(value, digits=1):
    if value is None:
        return "—"
    return f"{float(value):.{int(digits)}f} %"


@register.filter
def person(username, empty="—"):
    """Who did something, from the user name a record keeps: the full name while the account
    exists, else the user name; `empty` when no one is named (system imports)."""
    return display_name(username) or empty


@register.filter
def get_item(mapping, key):
    """mapping[key], or None: {{ threads|get_item:indicator.code }}."""
    if not mapping:
        return None
    return mapping.get(key)
