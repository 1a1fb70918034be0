"""Signals between domain apps that sit on one layer and so may not import each other."""

from django.dispatch import Signal

# Sent (inside the sender's transaction) when an incident — e.g. a personal data breach —
# comes to involve IT systems: kwargs `actor`, `organisation`, `systems`, `reference` (what
# the incident is called, for the receiver's notes) and `via`.
incident_involves_systems = Signal()
