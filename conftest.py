"""Test-wide settings that must be in place before Django starts."""

import os

import pytest

os.environ.setdefault("SKANSE_DEMO", "true")
# Invitation emails and other tasks run at once in tests; one test runs the real DB worker.
os.environ.setdefault("SKANSE_TASK_BACKEND", "django.tasks.backends.immediate.ImmediateBackend")

# The personas fixture (tests/personas.py) serves the app test packages under skanse/ too.
pytest_plugins = ["tests.personas"]


IMMEDIATE_TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    """Run tasks at once. The environment default above comes too late: pytest-django loads
    the settings before this file, so without this the tests would queue into the database."""
    settings.TASKS = IMMEDIATE_TASKS


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path_factory):
    """Uploaded and generated files go to a temporary folder, never into var/."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _static_files_looked_up_per_request(settings):
    """Every test client builds the middleware anew, and WhiteNoise would then index every
    static file (node_modules included) each time — two thirds of a page test's time. Looking
    a file up when it is asked for serves the same files."""
    settings.WHITENOISE_AUTOREFRESH = True
