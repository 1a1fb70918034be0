"""The pick lists of the records of processing, processor agreements and supervision.

Multi-valued pick lists (legal bases, categories of data and of data subjects, recipients) are
stored as JSON lists of the codes below, so two records — or an organisation's copy and the
association's template — compare field by field. The codes are stable; the labels are
translated. Each list names its legal source (see docs/privacy.md).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    LOCAL = "local", _("Created in Skanse")
    KITOS = "kitos", _("KITOS (API)")
    FILE = "file", _("KITOS (file)")
    EXCEL = "excel", _("Excel import")
    COMMONS = "commons", _("Adopted template")


class Role(models.TextChoices):
    """Art. 30(1) (we are the controller) or Art. 30(2) (we process for another controller)."""

    CONTROLLER = "controller", _("Controller (Art. 30(1))")
    PROCESSOR = "processor", _("Processor (Art. 30(2))")


class ActivityStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    DRAFT = "draft", _("Draft")
    ENDED = "ended", _("Ended")


# --- Legal bases: GDPR Art. 6(1), 9(2), 10 and the Danish Data Protection Act §§ 6–14 --------

LEGAL_BASES = [
    ("art6_1_a", _("Art. 6(1)(a) consent")),
    ("art6_1_b", _("Art. 6(1)(b) contract with the data subject")),
    ("art6_1_c", _("Art. 6(1)(c) legal obligation")),
    ("art6_1_d", _("Art. 6(1)(d) vital interests")),
    ("art6_1_e", _("Art. 6(1)(e) task in the public interest or exercise of official authority")),
    # Art. 6(1), second subparagraph: (f) does not apply to public authorities' own tasks.
    ("art6_1_f", _("Art. 6(1)(f) legitimate interests (not for public authorities' tasks)")),
    ("art9_2_a", _("Art. 9(2)(a) explicit consent")),
    ("art9_2_b", _("Art. 9(2)(b) employment and social security law")),
    ("art9_2_c", _("Art. 9(2)(c) vital interests, data subject incapable of consent")),
    ("art9_2_d", _("Art. 9(2)(d) foundation, association or other not-for-profit body")),
    ("art9_2_e", _("Art. 9(2)(e) made public by the data subject")),
    ("art9_2_f", _("Art. 9(2)(f) legal claims or courts")),
    ("art9_2_g", _("Art. 9(2)(g) substantial public interest")),
    ("art9_2_h", _("Art. 9(2)(h) health or social care, preventive or occupational medicine")),
    ("art9_2_i", _("Art. 9(2)(i) public health")),
    ("art9_2_j", _("Art. 9(2)(j) archiving, research or statistics")),
    ("art10", _("Art. 10 criminal convictions and offences")),
    ("dbl_8", _("Data Protection Act § 8 criminal offences")),
    ("dbl_9", _("Data Protection Act § 9 legal information systems")),
    ("dbl_10", _("Data Protection Act § 10 statistics and scientific research")),
    ("dbl_11", _("Data Protection Act § 11 CPR numbers")),
    ("dbl_12", _("Data Protection Act § 12 employment")),
    ("dbl_13", _("Data Protection Act § 13 direct marketing")),
    ("dbl_14", _("Data Protection Act § 14 archives")),
]

# --- Categories of personal data (Art. 9, DBL § 11, Art. 10 / DBL § 8) ------------------------

DATA_CATEGORIES = [
    ("ordinary", _("Ordinary personal data")),
    ("racial_ethnic", _("Sensitive: racial or ethnic origin")),
    ("political", _("Sensitive: political opinions")),
    ("religious", _("Sensitive: religious or philosophical beliefs")),
    ("trade_union", _("Sensitive: trade union membership")),
    ("genetic", _("Sensitive: genetic data")),
    ("biometric", _("Sensitive: biometric data to identify a person")),
    ("health", _("Sensitive: health")),
    ("sex_life", _("Sensitive: sex life or sexual orientation")),
    ("cpr", _("CPR number")),
    ("criminal", _("Criminal convictions and offences")),
]
SENSITIVE_CATEGORIES = {
    "racial_ethnic",
    "political",
    "religious",
    "trade_union",
    "genetic",
    "biometric",
    "health",
    "sex_life",
}

# --- Categories of data subjects (Art. 30(1)(c)) ---------------------------------------------

SUBJECT_CATEGORIES = [
    ("citizens", _("Citizens")),
    ("children", _("Children and young people")),
    ("vulnerable_children", _("Vulnerable children and young people")),
    ("vulnerable_adults", _("Vulnerable adults")),
    ("pupils", _("Pupils")),
    ("parents", _("Parents and custodians")),
    ("relatives", _("Relatives")),
    ("patients", _("Patients and care recipients")),
    ("employees", _("Employees")),
    ("former_employees", _("Former employees")),
    ("job_applicants", _("Job applicants")),
    ("council_members", _("Members of the municipal council")),
    ("election_staff", _("Polling officials and nominators")),
    ("businesses", _("Contacts at businesses and suppliers")),
    ("volunteers", _("Volunteers")),
    ("other", _("Other")),
]

# --- Categories of recipients (Art. 30(1)(d)) ------------------------------------------------

RECIPIENTS = [
    ("internal", _("Other units of the organisation")),
    ("municipalities", _("Other municipalities")),
    ("regions", _("Regions")),
    ("state", _("State authorities")),
    ("police_courts", _("Police, prosecution and courts")),
    ("health", _("Doctors, hospitals and health services")),
    ("processors", _("Data processors")),
    ("private", _("Private companies")),
    ("unemployment_funds", _("Unemployment funds and trade unions")),
    ("pension_insurance", _("Pension funds and insurers")),
    ("data_subject", _("The data subject and their representatives")),
    ("third_country", _("Recipients in third countries or international organisations")),
    ("none", _("No recipients")),
]

# --- Transfers to third countries (Chapter V) ------------------------------------------------


class TransferBasis(models.TextChoices):
    NONE = "none", _("No transfer to third countries")
    ADEQUACY = "adequacy", _("Adequacy decision (Art. 45)")
    DPF = "dpf", _("EU–US Data Privacy Framework (Art. 45)")
    SCC = "scc", _("Standard contractual clauses (Art. 46(2)(c))")
    BCR = "bcr", _("Binding corporate rules (Art. 47)")
    DEROGATION = "derogation", _("Derogation for a specific situation (Art. 49)")
    OTHER = "other", _("Other safeguard (Art. 46)")
    UNCLEAR = "unclear", _("To be clarified")


# --- Erasure (Art. 30(1)(f)) -----------------------------------------------------------------


class Erasure(models.TextChoices):
    UNDECIDED = "", _("Not decided")
    KLE = "kle", _("As the KLE recommendation for the subject")
    M1 = "1m", _("1 month")
    M6 = "6m", _("6 months")
    M12 = "12m", _("12 months")
    M13 = "13m", _("13 months")
    Y2 = "2y", _("2 years")
    Y3 = "3y", _("3 years")
    Y5 = "5y", _("5 years")
    Y10 = "10y", _("10 years")
    ON_REQUEST = "on_request", _("Until the data subject asks for erasure")
    ARCHIVE = "archive", _("Transferred to the archive (archives act)")
    OTHER = "other", _("Other (described)")


class SubjectCount(models.TextChoices):
    """Number of data subjects; also the first parameter of the supervision point model."""

    UNKNOWN = "", _("Not stated")
    UNDER_1000 = "lt1000", _("Fewer than 1,000")
    UP_TO_10000 = "lt10000", _("1,000–10,000")
    OVER_10000 = "gt10000", _("More than 10,000")


class InformationDuty(models.TextChoices):
    """Art. 13/14: is the duty to inform the data subjects met?"""

    UNDECIDED = "", _("Not assessed")
    MET = "met", _("Met")
    PARTLY = "partly", _("Partly met")
    NOT_MET = "not_met", _("Not met")
    EXEMPT = "exempt", _("Exemption applies (Art. 14(5))")


class DpiaNeed(models.TextChoices):
    UNDECIDED = "", _("Not assessed")
    REQUIRED = "required", _("Required")
    NOT_REQUIRED = "not_required", _("Not required")


# --- Processor agreements (Art. 28) ----------------------------------------------------------


class AgreementStatus(models.TextChoices):
    # KITOS isAgreementConcluded: Yes, No, Irrelevant, Undecided.
    CONCLUDED = "concluded", _("Concluded")
    IN_PROGRESS = "in_progress", _("In progress")
    MISSING = "missing", _("Not concluded")
    NOT_RELEVANT = "not_relevant", _("Not relevant")


class AgreementTemplate(models.TextChoices):
    DT_SCC = "dt_scc", _("Danish SA's standard contractual clauses (Art. 28(8), 2019)")
    DBS = "dbs", _("DBS template (based on the standard contractual clauses)")
    KL_KOMBIT = "kl_kombit", _("KL/KOMBIT template for municipalities (2018)")
    SUPPLIER = "supplier", _("The supplier's own template")
    OWN = "own", _("Our own template")
    OTHER = "other", _("Other")


class BreachNotice(models.TextChoices):
    """Clause 10.2 of the standard clauses: the processor notifies within [24/48] hours."""

    UNSTATED = "", _("Not stated")
    H24 = "24", _("Within 24 hours")
    H48 = "48", _("Within 48 hours")
    H72 = "72", _("Within 72 hours")
    UNDUE = "undue", _("Without undue delay (no hours stated)")


# --- Supervision (Datatilsynet's guidance of 29 October 2021) --------------------------------


class Interval(models.TextChoices):
    # KITOS oversightInterval: BiYearly, Yearly, EveryOtherYear, Other, Undecided.
    UNDECIDED = "", _("Not decided")
    HALF_YEARLY = "half_yearly", _("Every six months")
    YEARLY = "yearly", _("Every year")
    EVERY_OTHER_YEAR = "every_other_year", _("Every other year")
    EVERY_THIRD_YEAR = "every_third_year", _("Every third year")
    DBS = "dbs", _("Follows DBS's supervision")
    OTHER = "other", _("Other")


INTERVAL_MONTHS = {
    Interval.HALF_YEARLY: 6,
    Interval.YEARLY: 12,
    Interval.EVERY_OTHER_YEAR: 24,
    Interval.EVERY_THIRD_YEAR: 36,
}


class Method(models.TextChoices):
    SELF_DECLARATION = "self_declaration", _("Self-declaration by the processor")
    MANAGEMENT_STATEMENT = "management_statement", _("Management statement")
    WRITTEN = "written", _("Written supervision (questionnaire and documentation)")
    ISAE3000_1 = "isae3000_1", _("ISAE 3000 statement, type 1")
    ISAE3402_1 = "isae3402_1", _("ISAE 3402 statement, type 1")
    SOC2_1 = "soc2_1", _("SOC 2 report, type 1")
    ISRS4400 = "isrs4400", _("ISRS 4400 agreed-upon procedures")
    ISAE3000_2 = "isae3000_2", _("ISAE 3000 statement, type 2")
    ISAE3402_2 = "isae3402_2", _("ISAE 3402 statement, type 2")
    SOC2_2 = "soc2_2", _("SOC 2 report, type 2")
    PHYSICAL = "physical", _("Physical inspection")
    PHYSICAL_STATEMENT = "physical_statement", _("Physical inspection and a type 2 statement")
    DBS = "dbs", _("Supervision by DBS")


class StatementType(models.TextChoices):
    NONE = "", _("No statement")
    ISAE3000_1 = "isae3000_1", _("ISAE 3000, type 1")
    ISAE3000_2 = "isae3000_2", _("ISAE 3000, type 2")
    ISAE3402_1 = "isae3402_1", _("ISAE 3402, type 1")
    ISAE3402_2 = "isae3402_2", _("ISAE 3402, type 2")
    SOC2_1 = "soc2_1", _("SOC 2, type 1")
    SOC2_2 = "soc2_2", _("SOC 2, type 2")
    ISRS4400 = "isrs4400", _("ISRS 4400")
    MANAGEMENT = "management", _("Management statement")
    OTHER = "other", _("Other")


class Opinion(models.TextChoices):
    NONE = "", _("Not applicable")
    UNQUALIFIED = "unqualified", _("Unqualified")
    QUALIFIED = "qualified", _("Qualified")
    ADVERSE = "adverse", _("Adverse or disclaimed")


class Assessment(models.TextChoices):
    GREEN = "green", _("Green: no remarks")
    YELLOW = "yellow", _("Yellow: remarks to follow up")
    RED = "red", _("Red: serious remarks")


class ProcessingKind(models.TextChoices):
    """Third parameter of the point model: the kind of processing."""

    ORDINARY = "ordinary", _("Ordinary administrative processing")
    EXTENSIVE = "extensive", _("Extensive or systematic (profiling, monitoring, combining)")
    NEW_TECH = "new_tech", _("New technology, AI or automated decisions")


def labels(pairs) -> dict:
    return dict(pairs)


def codes(pairs) -> set[str]:
    return {code for code, _label in pairs}
