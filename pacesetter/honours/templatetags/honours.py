"""Template helpers of the honours pages."""
from django import template

register = template.Library()


@register.filter
def get_label(labels: dict, key) -> str:
    """`labels[key]`, or the key itself when it has no label (a sector since renamed)."""
    return labels.get(key, key) or "—"
