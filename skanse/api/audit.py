"""API: the organisation's audit trail (read)."""

from datetime import date, datetime
from uuid import UUID

from ninja import Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from skanse.api.base import need
from skanse.auditlog.selectors import audit_event_list
from skanse.tenancy.roles import Cap

router = Router(tags=["audit trail"])


class AuditEventOut(Schema):
    uuid: UUID
    created_at: datetime
    actor: str
    action: str
    object_type: str
    object_uuid: UUID | None
    object_repr: str
    changes: dict
    via: str

    @staticmethod
    def resolve_actor(obj):
        return obj.actor_label


@router.get("/audit-events", response=list[AuditEventOut])
@paginate(PageNumberPagination, page_size=100)
def list_audit_events(
    request, object_type: str = "", date_from: date | None = None, date_to: date | None = None
):
    need(request, Cap.AUDIT_VIEW)
    return audit_event_list(
        request.organisation, object_type=object_type or None, date_from=date_from, date_to=date_to
    ).select_related(None)
