from django.db import transaction


@transaction.atomic
def user_update_profile(*, user, name: str) -> None:
    user.name = name.strip()
    user.full_clean(exclude=["password"])
    user.save(update_fields=["name"])
