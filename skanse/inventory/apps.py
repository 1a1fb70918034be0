from django.apps import AppConfig


class InventoryConfig(AppConfig):
    name = "skanse.inventory"
    label = "inventory"
