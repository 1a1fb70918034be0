"""The reference lists a screening is made against, and the parts of a DPIA (Art. 35(7)).

WP248 rev.01's nine criteria and Datatilsynet's Art. 35(4) list are facts; the criteria link to
the library's `wp248-dpia-criteria` catalogue and the cases to the `gdpr` catalogue by URN, so a
screening page can show the library's description next to the box that is ticked."""

from django.db import models
from django.utils.translation import gettext_lazy as _

WP248 = "urn:skanse:framework:wp248-dpia-criteria"
GDPR = "urn:skanse:framework:gdpr"

# WP248 rev.01: two or more criteria met → a DPIA is likely required.
RULE_OF_THUMB = 2

# (code, label, library requirement URN)
CRITERIA = (
    ("c1", _("Evaluation or scoring, including profiling and predicting"), f"{WP248}:c1"),
    ("c2", _("Automated decision-making with legal or similar significant effect"), f"{WP248}:c2"),
    ("c3", _("Systematic monitoring"), f"{WP248}:c3"),
    ("c4", _("Sensitive data or data of a highly personal nature"), f"{WP248}:c4"),
    ("c5", _("Data processed on a large scale"), f"{WP248}:c5"),
    ("c6", _("Matching or combining datasets"), f"{WP248}:c6"),
    ("c7", _("Data concerning vulnerable data subjects"), f"{WP248}:c7"),
    (
        "c8",
        _("Innovative use or applying new technological or organisational solutions"),
        f"{WP248}:c8",
    ),
    (
        "c9",
        _("The processing prevents data subjects from exercising a right or using a service"),
        f"{WP248}:c9",
    ),
)

# Art. 35(3): a DPIA is always required.
ART35_3 = (
    (
        "a",
        _(
            "Systematic and extensive evaluation, including profiling, with legal or similarly "
            "significant effects (Art. 35(3)(a))"
        ),
    ),
    (
        "b",
        _(
            "Processing on a large scale of special categories of data (Art. 9) or of criminal "
            "convictions and offences (Art. 10) (Art. 35(3)(b))"
        ),
    ),
    (
        "c",
        _("Systematic monitoring of a publicly accessible area on a large scale (Art. 35(3)(c))"),
    ),
)

# Datatilsynet's list under Art. 35(4) (28 January 2019). Items marked True count only together
# with at least one of the WP248 criteria ("+ ≥1 criterion" in the list).
DANISH_LIST = (
    ("biometric", _("Biometric data to identify a person uniquely"), True),
    ("genetic", _("Genetic data"), True),
    ("location", _("Location data"), True),
    ("innovative", _("New or innovative technology"), True),
    (
        "access_decision",
        _(
            "A decision on access to a product, service, opportunity or benefit based on "
            "automated decision-making, including profiling"
        ),
        False,
    ),
    ("profiling", _("Profiling of individuals on a large scale"), False),
    (
        "vulnerable",
        _(
            "Processing of data about vulnerable persons or of highly personal "
            "data, as the list describes"
        ),
        False,
    ),
)


def codes(pairs) -> list[str]:
    return [row[0] for row in pairs]


def pairs(rows) -> list[tuple[str, str]]:
    return [(row[0], row[1]) for row in rows]


def labels(values, rows) -> list[str]:
    known = {row[0]: row[1] for row in rows}
    return [str(known[v]) for v in values if v in known]


class Outcome(models.TextChoices):
    REQUIRED = "required", _("A DPIA is required")
    NOT_REQUIRED = "not_required", _("A DPIA is not required")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    SUPERSEDED = "superseded", _("Superseded")


EDITABLE = (Status.DRAFT, Status.SUBMITTED)
# What management approved stays as it was approved.
FROZEN = (Status.APPROVED, Status.SUPERSEDED)

# Art. 5(1)–(2): the necessity and proportionality part asks one question per principle.
PRINCIPLES = (
    ("nec_lawfulness", _("Lawfulness, fairness and transparency (Art. 5(1)(a))")),
    ("nec_purpose", _("Purpose limitation (Art. 5(1)(b))")),
    ("nec_minimisation", _("Data minimisation (Art. 5(1)(c))")),
    ("nec_accuracy", _("Accuracy (Art. 5(1)(d))")),
    ("nec_storage", _("Storage limitation (Art. 5(1)(e))")),
    ("nec_security", _("Integrity and confidentiality (Art. 5(1)(f))")),
    ("nec_accountability", _("Accountability (Art. 5(2))")),
)

# Art. 35(7)(a): the systematic description.
DESCRIPTION = (
    ("purposes", _("Purposes of the processing")),
    ("data_flows", _("Data flows")),
    ("data_categories", _("Categories of personal data and data subjects")),
    ("recipients", _("Recipients")),
    ("technical_support", _("Technical support: systems, networks, people, paper")),
)

# The parts of a DPIA that can be assigned to a colleague.
SECTIONS = (
    ("description", _("Systematic description")),
    ("necessity", _("Necessity and proportionality")),
    ("risks", _("Risks to data subjects")),
    ("consultation", _("Consultation of the DPO")),
)

# The parts of the document's edit page, and the section whose assignee may edit each (the
# matrix is the method of the assessment: those who keep the registers set it).
PARTS = {"description": "description", "necessity": "necessity", "matrix": None}

MIN_LEVELS, MAX_LEVELS = 2, 6
