from skanse.api import audit, campaigns, library, privacy, tenancy
from skanse.api import commons as commons_api
from skanse.api import inventory as inventory_api
from skanse.api.base import make_api

api = make_api()
api.add_router("/", tenancy.router)
api.add_router("/", audit.router)
api.add_router("/", library.router)
api.add_router("/", campaigns.router)
api.add_router("/", privacy.router)
api.add_router("/", commons_api.router)
api.add_router("/", inventory_api.router)
