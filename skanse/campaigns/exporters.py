"""The anonymised dataset of a campaign, as Excel: one row per submitted response.

No names, codes or CVR numbers; responses are in the order of a keyed hash of their id (not
alphabetical, so row order reveals nothing); the region is given only where at least the
minimum group of organisations answered from it; nothing at all under the minimum group.
"""

import hashlib
import io
from collections import Counter

from django.conf import settings
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled
from openpyxl import Workbook

from skanse.campaigns.models import Answer, Campaign, Question, Response
from skanse.campaigns.selectors import min_group
from skanse.core.errors import DomainError


def _anonymous_id(response: Response) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{response.uuid}".encode()).hexdigest()
    return f"R-{digest[:10]}"


def dataset_xlsx(campaign: Campaign) -> bytes:
    with scopes_disabled():
        responses = list(
            Response.objects.filter(
                campaign=campaign, status=Response.Status.SUBMITTED
            ).select_related("organisation__region")
        )
        if len(responses) < min_group():
            raise DomainError(
                _("Too few submitted responses to export without singling organisations out.")
            )
        questions = list(
            Question.objects.filter(section__version=campaign.questionnaire_version)
            .select_related("section")
            .order_by("section__order", "order")
        )
        answers = {
            (a.response_id, a.question_id): a
            for a in Answer.objects.filter(response__in=responses).only(
                "response_id", "question_id", "value", "not_relevant"
            )
        }
    regions = Counter(r.organisation.region_id for r in responses)
    scale = campaign.questionnaire_version.scale
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Responses"))
    sheet.append([_("Response"), _("Region"), *[q.key for q in questions]])
    rows = []
    for response in responses:
        region = response.organisation.region
        shown = region.name if region and regions[region.pk] >= min_group() else "–"
        values = []
        for question in questions:
            answer = answers.get((response.pk, question.pk))
            if answer is None:
                values.append(None)
            elif answer.not_relevant:
                values.append(_("not relevant"))
            elif question.type == "text":
                values.append(None)  # free text can name people or the organisation
            elif isinstance(answer.value, list):
                values.append(", ".join(answer.value))
            else:
                values.append(answer.value)
        rows.append([_anonymous_id(response), shown, *values])
    for row in sorted(rows):
        sheet.append(row)
    legend = workbook.create_sheet(_("Questions"))
    legend.append([_("Key"), _("Section"), _("Type"), _("Question")])
    for question in questions:
        legend.append(
            [question.key, question.section.name, question.get_type_display(), question.name]
        )
    about = workbook.create_sheet(_("About"))
    about.append([_("Campaign"), campaign.name])
    about.append([_("Submitted responses"), len(responses)])
    about.append([_("Scale"), f"{scale.get('min')}–{scale.get('max')}"])
    about.append(
        [
            _("Privacy"),
            _(
                "No names; free text left out; a region is shown only where "
                "at least %(k)d organisations answered from it."
            )
            % {"k": min_group()},
        ]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
