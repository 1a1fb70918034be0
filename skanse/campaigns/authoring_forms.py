"""Forms for questionnaire authoring: input shape only (the rules are in `authoring`)."""

import contextlib
import re

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from skanse.campaigns.models import QuestionType

TRACK_CHOICES = [
    ("baseline", _("Baseline")),
    ("awareness", _("Awareness")),
    ("iso27001", _("ISO 27001")),
    ("architecture", _("Architecture")),
    ("gdpr", _("GDPR")),
]


def _area(label, rows=3, **kwargs):
    return forms.CharField(
        label=label, required=False, widget=forms.Textarea(attrs={"rows": rows}), **kwargs
    )


class VersionForm(forms.Form):
    version = forms.CharField(
        label=_("Version"),
        max_length=20,
        help_text=_("E.g. “2”. Unique within the questionnaire."),
    )
    name = forms.CharField(label=_("Name (English)"), max_length=255)
    name_da = forms.CharField(label=_("Name (Danish)"), max_length=255, required=False)
    description = _area(_("Description (English)"))
    description_da = _area(_("Description (Danish)"))


class QuestionnaireCreateForm(VersionForm):
    key = forms.SlugField(
        label=_("Key"),
        max_length=60,
        help_text=_("Stable across versions, e.g. “baseline”: letters, digits and hyphens."),
    )
    field_order = ["key", "version", "name", "name_da", "description", "description_da"]


class ScaleForm(forms.Form):
    """The maturity scale, with a label and a description per level in both languages."""

    minimum = forms.IntegerField(label=_("Lowest level"), min_value=0, max_value=99)
    maximum = forms.IntegerField(label=_("Highest level"), min_value=1, max_value=100)
    target = forms.FloatField(
        label=_("Target level"), help_text=_("The norm the results are held against.")
    )

    def __init__(self, *args, scale: dict, **kwargs):
        super().__init__(*args, **kwargs)
        low, high = scale["min"], scale["max"]
        if self.is_bound:
            with contextlib.suppress(KeyError, TypeError, ValueError):
                low, high = int(self.data["minimum"]), int(self.data["maximum"])
        low, high = max(0, low), min(100, high)
        self.level_values = list(range(low, high + 1))
        for value in self.level_values:
            self.fields[f"level_{value}_label"] = forms.CharField(
                label=_("Label (English)"), max_length=200, required=False
            )
            self.fields[f"level_{value}_label_da"] = forms.CharField(
                label=_("Label (Danish)"), max_length=200, required=False
            )
            self.fields[f"level_{value}_description"] = _area(_("Description (English)"), 2)
            self.fields[f"level_{value}_description_da"] = _area(_("Description (Danish)"), 2)

    def levels(self):
        """(value, [bound fields]) per level, for the template."""
        return [
            (
                v,
                [self[f"level_{v}_{part}"] for part in ("label", "label_da")]
                + [self[f"level_{v}_{part}"] for part in ("description", "description_da")],
            )
            for v in self.level_values
        ]

    def level_data(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {
                "value": v,
                "label": data.get(f"level_{v}_label", ""),
                "label_da": data.get(f"level_{v}_label_da", ""),
                "description": data.get(f"level_{v}_description", ""),
                "description_da": data.get(f"level_{v}_description_da", ""),
            }
            for v in self.level_values
        ]


def scale_initial(scale: dict) -> dict:
    initial = {"minimum": scale["min"], "maximum": scale["max"], "target": scale["target"]}
    for level in scale.get("levels", []):
        da = level.get("translations", {}).get("da", {})
        v = level["value"]
        initial[f"level_{v}_label"] = level.get("label", "")
        initial[f"level_{v}_label_da"] = da.get("label", "")
        initial[f"level_{v}_description"] = level.get("description", "")
        initial[f"level_{v}_description_da"] = da.get("description", "")
    return initial


class SectionForm(forms.Form):
    key = forms.CharField(
        label=_("Key"),
        max_length=60,
        help_text=_("Letters, digits, hyphens or underscores, e.g. “governance”."),
    )
    name = forms.CharField(label=_("Title (English)"), max_length=255)
    name_da = forms.CharField(label=_("Title (Danish)"), max_length=255, required=False)
    track = forms.ChoiceField(label=_("Track"), choices=TRACK_CHOICES)


class QuestionForm(forms.Form):
    key = forms.CharField(
        label=_("Key"),
        max_length=30,
        help_text=_(
            "Unique in the questionnaire, without spaces, e.g. “GOV-1”. Follow-ups match "
            "answers by it."
        ),
    )
    type = forms.ChoiceField(label=_("Type"), choices=QuestionType.choices)
    name = forms.CharField(label=_("Question (English)"), widget=forms.Textarea(attrs={"rows": 2}))
    name_da = _area(_("Question (Danish)"), 2)
    description = _area(_("Help text (English)"))
    description_da = _area(_("Help text (Danish)"))
    weight = forms.IntegerField(label=_("Weight"), min_value=1, max_value=10, initial=1)
    required = forms.BooleanField(label=_("Required"), required=False, initial=True)
    evidence = forms.BooleanField(label=_("Evidence requested"), required=False)
    options = _area(
        _("Options (choice questions)"),
        5,
        help_text=_(
            "One option per line: key | label in English | label in Danish | score from 0 to "
            "1, e.g. “monthly | Monthly | Månedligt | 1”."
        ),
    )
    requirements = _area(
        _("Requirements in the library"),
        3,
        help_text=_(
            "URNs of library requirements, one per line, e.g. "
            "“urn:skanse:framework:iso27001-2022:5.1”."
        ),
    )

    def clean_options(self):
        options = []
        lines = [line for line in self.cleaned_data["options"].splitlines() if line.strip()]
        for number, line in enumerate(lines, start=1):
            parts = [part.strip() for part in line.split("|")]
            if len(parts) != 4:
                raise forms.ValidationError(
                    _("Line %(n)d: give key | label | Danish label | score.") % {"n": number}
                )
            try:
                score = float(parts[3].replace(",", "."))
            except ValueError:
                raise forms.ValidationError(
                    _("Line %(n)d: the score must be a number from 0 to 1.") % {"n": number}
                ) from None
            options.append(
                {
                    "key": parts[0],
                    "label": parts[1],
                    "score": int(score) if score.is_integer() else score,
                    "translations": {"da": {"name": parts[2]}} if parts[2] else {},
                }
            )
        return options

    def clean_requirements(self):
        return [u for u in re.split(r"[\s,;]+", self.cleaned_data["requirements"]) if u]


def question_initial(question) -> dict:
    da = (question.translations or {}).get("da", {})
    return {
        "key": question.key,
        "type": question.type,
        "name": question.name,
        "name_da": da.get("name", ""),
        "description": question.description,
        "description_da": da.get("description", ""),
        "weight": question.weight,
        "required": question.required,
        "evidence": question.evidence,
        "options": "\n".join(
            " | ".join(
                [
                    o["key"],
                    o["label"],
                    o.get("translations", {}).get("da", {}).get("name", ""),
                    str(o["score"]),
                ]
            )
            for o in question.options or []
        ),
        "requirements": "\n".join(r.urn for r in question.requirements.all()),
    }


class WorkbookUploadForm(forms.Form):
    file = forms.FileField(label=_("Edited workbook (.xlsx)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.LIBRARY_IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)d MB.")
                % {"mb": settings.LIBRARY_IMPORT_MAX_BYTES // 1_000_000}
            )
        return upload


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("Up")), ("down", _("Down"))])
