"""What every channel offers: the parts a notice becomes, and the delivery of one part."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ...engine.status import Overall
from ...model import SiteConfig
from ...model.notify import NotifyChannel
from ...outputs.i18n import Localizer
from ..content import Announcement
from ..events import Event
from ..targets import ExpandedTarget

#: Seconds to connect and to wait for an answer: a receiver that hangs must not hold the deploy.
CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 15.0


class DeliveryError(Exception):
    """A part was not delivered; the reason is already redacted and on one line."""


@dataclass(frozen=True)
class Notice:
    """One event to announce on one channel, in the channel's language; `event` is None for
    `balise notify --test`."""

    announcement: Announcement
    event: Event | None


@dataclass(frozen=True)
class Part:
    """One request a notice becomes; `suffix` tells parts of one notice apart in the ledger."""

    suffix: str
    payload: Any


@dataclass(frozen=True)
class Context:
    config: SiteConfig
    now: datetime
    overall: Overall  # the page's status now, for payloads that carry it
    localizer: Localizer


class Channel(ABC):
    def __init__(self, spec: NotifyChannel, target: ExpandedTarget, context: Context) -> None:
        self.spec = spec
        self.target = target
        self.context = context

    @abstractmethod
    def parts(self, notice: Notice) -> list[Part]:
        """The requests that announce `notice`, in the order they are sent."""

    @abstractmethod
    def deliver(self, part: Part) -> None:
        """Send one part; raises DeliveryError with a redacted reason."""

    def close(self) -> None:
        """Release connections; called once the channel's run is over."""
