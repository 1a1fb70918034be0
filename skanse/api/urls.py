from skanse.api import audit, tenancy
from skanse.api.base import make_api

api = make_api()
api.add_router("/", tenancy.router)
api.add_router("/", audit.router)
