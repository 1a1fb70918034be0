"""Test-wide settings that must be in place before Django starts."""

import os

os.environ.setdefault("SKANSE_DEMO", "true")
# Invitation emails and other tasks run at once in tests; one test runs the real DB worker.
os.environ.setdefault("SKANSE_TASK_BACKEND", "django.tasks.backends.immediate.ImmediateBackend")
