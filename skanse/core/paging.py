"""Pagination that never trusts the page number it is given."""

from django.core.paginator import Paginator


def paginate(request, queryset, per_page: int):
    paginator = Paginator(queryset, per_page)
    return paginator.get_page(request.GET.get("page"))
