"""Model objects as JSON records and back, for the cache of parsed files (source/cache.py).

The conversion follows each dataclass's declared field types, so a field added to the model
is stored with the others without anyone having to remember this module. Records are plain
data: reading one never runs code, and anything that does not match the declared types
raises RecordError (the cache then reads the file again).
"""

from __future__ import annotations

import json
import types
from collections.abc import Callable
from dataclasses import MISSING, fields, is_dataclass
from datetime import datetime
from enum import Enum
from functools import cache, partial
from pathlib import Path
from typing import Any, Union, get_args, get_origin, get_type_hints

from ..model import Incident


class RecordError(ValueError):
    """A record that does not describe a value of the expected type."""


def encode(value: Any) -> Any:
    """JSON-ready data for a model value."""
    if value is None or isinstance(value, bool | int | str) and not isinstance(value, Enum):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise RecordError("a time without a zone")
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if is_dataclass(value) and not isinstance(value, type):
        return {name: encode(getattr(value, name)) for name in _init_names(type(value))}
    if isinstance(value, tuple | list):
        return [encode(item) for item in value]
    if isinstance(value, dict):
        return {_key(k): encode(v) for k, v in value.items()}
    raise RecordError(f"cannot store a {type(value).__name__}")


def _key(key: Any) -> str:
    if isinstance(key, str):
        return key.value if isinstance(key, Enum) else key
    raise RecordError("mapping keys must be text")


def decode(kind: Any, data: Any) -> Any:
    """The value of declared type `kind` that `data` records."""
    return _decoder(kind)(data)


Decoder = Callable[[Any], Any]


@cache
def _decoder(kind: Any) -> Decoder:
    """A function reading records of declared type `kind`, made once per type."""
    origin = get_origin(kind)
    if origin in (Union, types.UnionType):
        options = get_args(kind)
        if len(options) == 2 and type(None) in options:  # `X | None`, the common case
            (other,) = [_decoder(option) for option in options if option is not type(None)]
            return partial(_optional, other)
        if all(isinstance(option, type) and issubclass(option, Enum) for option in options):
            members = [member for option in options for member in option]
            if len({member.value for member in members}) == len(members):  # no value names two members
                return partial(_lookup, {member.value: member for member in members}, str(kind))
        return partial(_one_of, tuple(_decoder(option) for option in options))
    if kind is type(None):
        return _nothing
    if origin in (tuple, list):
        item = _decoder(get_args(kind)[0])
        build = tuple if origin is tuple else list
        return lambda data: build(item(value) for value in _typed(list, data))
    if origin is dict:
        key, value = (_decoder(arg) for arg in get_args(kind))
        return lambda data: {key(k): value(v) for k, v in _typed(dict, data).items()}
    if isinstance(kind, type) and issubclass(kind, Enum):
        return partial(_lookup, {member.value: member for member in kind}, kind.__name__)
    if kind is datetime:
        return _moment
    if kind is Path:
        return lambda data: Path(_typed(str, data))
    if kind in (bool, str):
        return partial(_typed, kind)
    if kind is int:
        return _integer
    if isinstance(kind, type) and is_dataclass(kind):
        return partial(_dataclass, kind)
    raise RecordError(f"cannot read a {kind!r}")


def _typed(kind: type, data: Any) -> Any:
    if not isinstance(data, kind):
        raise RecordError(f"expected {kind.__name__}")
    return data


def _nothing(data: Any) -> None:
    if data is not None:
        raise RecordError("expected nothing")


def _integer(data: Any) -> int:
    if isinstance(data, bool) or not isinstance(data, int):
        raise RecordError("expected a number")
    return data


def _lookup(members: dict[Any, Enum], name: str, data: Any) -> Enum:
    if isinstance(data, str) and data in members:
        return members[data]
    raise RecordError(f"not a {name}")


def _optional(read: Decoder, data: Any) -> Any:
    return None if data is None else read(data)


def _moment(data: Any) -> datetime:
    moment = datetime.fromisoformat(_typed(str, data))
    if moment.tzinfo is None:
        raise RecordError("a time without a zone")
    return moment


def _one_of(options: tuple[Decoder, ...], data: Any) -> Any:
    """The one option `data` fits; a record two options could read is refused rather than guessed."""
    found = []
    for option in options:
        try:
            found.append(option(data))
        except (RecordError, ValueError, TypeError):
            continue
    if len(found) != 1:
        raise RecordError("the record fits none or several of the declared types")
    return found[0]


@cache
def _fields(kind: type) -> tuple[tuple[str, Decoder, bool], ...]:
    hints = get_type_hints(kind)
    return tuple(
        (f.name, _decoder(hints[f.name]), f.default is MISSING and f.default_factory is MISSING)
        for f in fields(kind)
        if f.init
    )


@cache
def _init_names(kind: type) -> tuple[str, ...]:
    """The fields a record stores for a dataclass, in its order: those its constructor takes."""
    return tuple(f.name for f in fields(kind) if f.init)


@cache
def _field_names(kind: type) -> frozenset[str]:
    return frozenset(name for name, _, _ in _fields(kind))


def _dataclass(kind: type, data: Any) -> Any:
    if not isinstance(data, dict) or not data.keys() <= _field_names(kind):
        raise RecordError(f"not a {kind.__name__}, or fields it does not have")
    values = {}
    for name, read, required in _fields(kind):
        if name in data:
            values[name] = read(data[name])
        elif required:
            raise RecordError(f"{kind.__name__} needs {name}")
    return kind(**values)


def incident_record(incident: Incident) -> str:
    return json.dumps(encode(incident), ensure_ascii=False, separators=(",", ":"))


def incident_from_record(record: str) -> Incident:
    """The incident a record stores; RecordError (or ValueError) when it does not store one."""
    try:
        data = json.loads(record)
    except (ValueError, RecursionError) as error:
        raise RecordError(str(error)) from None
    return decode(Incident, data)
