"""The data every stage shares: the site's catalog, incidents and their updates, the Statuspage
vocabulary, public ids and times. Imports nothing from the rest of the package."""

from .catalog import Component, ComponentGroup, ReaderChannel, SiteConfig, SupportContact, Thresholds
from .incident import Incident, Update

__all__ = ["Component", "ComponentGroup", "Incident", "ReaderChannel", "SiteConfig", "SupportContact", "Thresholds", "Update"]
