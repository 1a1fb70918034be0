"""Start Django for a benchmark on a throwaway database of its own."""

import os
import tempfile


def django_setup() -> None:
    os.environ.setdefault("SKANSE_DEMO", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "skanse.settings")
    if "DATABASE_URL" not in os.environ:
        os.environ["SKANSE_DATA_DIR"] = tempfile.mkdtemp(prefix="skanse-bench-")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def report(name: str, value: float, unit: str, budget: float | None = None) -> None:
    verdict = ""
    if budget is not None:
        verdict = "  within budget" if value <= budget else f"  OVER budget ({budget} {unit})"
    print(f"{name:<58} {value:>10.3f} {unit}{verdict}")
