def organisation(request):
    return {
        "org": getattr(request, "organisation", None),
        "membership": getattr(request, "membership", None),
        "caps": getattr(request, "capabilities", frozenset()),
    }
