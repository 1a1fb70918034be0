from skanse.api import audit, campaigns, library, tenancy
from skanse.api.base import make_api

api = make_api()
api.add_router("/", tenancy.router)
api.add_router("/", audit.router)
api.add_router("/", library.router)
api.add_router("/", campaigns.router)
