"""A durable mock backend (`python -m app.mock_backend --db PATH`): every write is in SQLite before it is answered.

The in-memory records (``store.py``, ``records.py``) stay the working set and the rules do not change. Durability is
a *unit of work* around each request (``Store.unit_of_work``): under the store lock the request changes the records
in memory, then ``Journal.flush`` writes what changed to SQLite in one transaction and commits it (WAL,
``synchronous=FULL``) before the response leaves. A process killed at any moment restarts with every answered write,
idempotency records included.

Only what changed is written, so a write costs the same with 10 or 10,000 activity entries:

* a member is one JSON document (``docs``, kind ``member``) without their long lists, rewritten when it differs from
  what was last written; only members the request touched (``Store.touched``) or created are looked at;
* a member's long lists (activity entries, events, purchase visits, batches) are *logs* (``logs``): new items are
  appended; items of a list that mutates in place (a batch's ``remaining``) are compared by a cheap version;
* store-level collections are registered below: *records* are written once per key (gifts, redemptions,
  idempotency records, token hashes) and diffed by their key sets; *values* are small and compared whole (stock,
  challenges, offers, counters).

The file holds JSON text only, decoded into an allow-list of data classes (never pickle, nothing executable); a
file this backend did not write (another SQLite file, garbage, a tampered row) is refused with ``StateFileError``.
Tokens are kept as SHA-256 hashes (``auth.TokenBook``), so the file hands out no live session. The file and its
``-wal``/``-shm`` companions are created 0600.

Adding a record type (see docs/mock-backend-persistence.md): a new dataclass kept on a ``Member`` needs only
``register_type(TheClass)``; a new collection on the ``Store`` needs one ``register_records(...)`` (write-once
records) or ``register_values(...)`` (small, changing) line; a new long list on a member ``register_member_log``.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import os
import sqlite3
import stat
from collections.abc import Callable, Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from operator import attrgetter
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from app.api import models as api_models
from app.i18n.languages import is_supported
from app.mock_backend import auth, texts
from app.mock_backend.records import (
    AskRecord,
    Entry,
    EventRecord,
    FriendRequestRecord,
    GiftRecord,
    HeldGiftRecord,
    MailRecord,
    Member,
    Participation,
    PendingCode,
    PendingSignup,
    PoolRecord,
    RedemptionRecord,
    ThanksRecord,
)
from app.mock_backend.rules.challenges import ChallengeDef
from app.mock_backend.rules.daily_game import Play
from app.mock_backend.rules.history import History
from app.mock_backend.rules.ledger import Batch
from app.mock_backend.rules.pools import Lot
from app.mock_backend.rules.refusals import Refusal
from app.mock_backend.services import idempotency
from app.mock_backend.store import Store

APPLICATION_ID = 0x53544252  # "STBR": set in the SQLite header of every file this backend writes
SCHEMA_VERSION = 1
SCHEMA = """
CREATE TABLE docs (kind TEXT NOT NULL, key TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (kind, key)) WITHOUT ROWID;
CREATE TABLE logs (
    member TEXT NOT NULL, log TEXT NOT NULL, pos INTEGER NOT NULL, body TEXT NOT NULL,
    PRIMARY KEY (member, log, pos)
) WITHOUT ROWID;
"""


class StateFileError(Exception):
    """The --db file was not written by this backend, or was changed by something else."""


# ---------------------------------------------------------------- the JSON codec (an allow-list, nothing executable)

_TYPES: dict[str, type] = {}
_MODELS: dict[str, type[BaseModel]] = {
    name: value
    for name, value in vars(api_models).items()
    if isinstance(value, type) and issubclass(value, BaseModel) and value.__module__ == api_models.__name__
}


def register_type(cls: type) -> type:
    """Allow a dataclass in the file (its fields are encoded by name; decoding calls ``cls(**fields)``)."""
    if not dataclasses.is_dataclass(cls):
        raise TypeError(f"{cls!r} is not a dataclass")
    _TYPES[cls.__name__] = cls
    return cls


for _cls in (Member, Participation, RedemptionRecord, GiftRecord, Batch, History, ChallengeDef):
    register_type(_cls)
register_type(auth.AccessRecord)
register_type(auth.RefreshRecord)
register_type(idempotency.IdempotencyRecord)
register_type(PoolRecord)  # Star Pools and gifts held for newcomers
register_type(Lot)
register_type(HeldGiftRecord)
for _text_type in (texts.Texts, texts.Said, texts.Stars, texts.Money):  # texts in every language (issue 16)
    register_type(_text_type)
register_type(Entry)  # activity entries and events keep their sentences as texts.Said (issue 16)
register_type(EventRecord)


def _upgraded(value: BaseModel) -> Any:
    """A record a file from before issue 16 kept as its wire model, with its English as written."""
    if isinstance(value, api_models.ActivityEntry):
        return Entry(**{**value.model_dump(), "reason": texts.say("as_written", text=value.reason)})
    if isinstance(value, api_models.Event):
        fields = value.model_dump()
        title, body = texts.say("as_written", text=value.title), texts.say("as_written", text=value.body)
        return EventRecord(**{**fields, "title": title, "body": body})
    return value


def encode(value: Any) -> Any:
    """A JSON-ready form of ``value``; every non-JSON type is a tagged object (plain dicts are ``$map``)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list):
        return list(value) if _all_ints(value) else [encode(v) for v in value]
    if isinstance(value, datetime):
        return {"$dt": value.isoformat()}
    if isinstance(value, date):
        return {"$d": value.isoformat()}
    if isinstance(value, tuple):
        return {"$t": list(value) if _all_ints(value) else [encode(v) for v in value]}
    if isinstance(value, set | frozenset):
        return {"$set": sorted((encode(v) for v in value), key=json.dumps)}
    if isinstance(value, dict):
        return {"$map": [[encode(k), encode(v)] for k, v in value.items()]}
    if isinstance(value, bytes):
        return {"$b": base64.b64encode(value).decode()}
    if isinstance(value, Refusal):
        params = encode(value.params)
        return {"$refusal": [value.code, value.detail, value.field, value.status, params, value.language]}
    if isinstance(value, BaseModel):
        name = type(value).__name__
        if _MODELS.get(name) is not type(value):
            raise TypeError(f"{name} is not a model of app.api.models")
        return {"$m": name, "v": value.model_dump(mode="json")}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _encode_fields(value, {})
    raise TypeError(f"cannot store a {type(value).__name__}; register it with persistence.register_type")


def _all_ints(values: list[Any] | tuple[Any, ...]) -> bool:
    """A fast path for long runs of plain ints (the random generator's state)."""
    return len(values) > 8 and all(type(v) is int for v in values)


def _encode_fields(value: Any, skip: Mapping[str, Any]) -> dict[str, Any]:
    """A dataclass's fields; ``skip`` maps a field to None (left out) or to the skip map of its own fields."""
    name = type(value).__name__
    if _TYPES.get(name) is not type(value):
        raise TypeError(f"{name} is not registered; call persistence.register_type({name})")
    out: dict[str, Any] = {}
    for f in dataclasses.fields(value):  # type: ignore[arg-type]
        if f.name in skip:
            inner = skip[f.name]
            if inner is None:
                continue
            out[f.name] = _encode_fields(getattr(value, f.name), inner)
        else:
            out[f.name] = encode(getattr(value, f.name))
    return {"$dc": name, "f": out}


def decode(data: Any) -> Any:
    """The inverse of ``encode``. Only allow-listed types are built; anything else raises ``StateFileError``."""
    if data is None or isinstance(data, bool | int | float | str):
        return data
    if isinstance(data, list):
        return [decode(v) for v in data]
    if not isinstance(data, dict) or len(data) not in (1, 2):
        raise StateFileError("unexpected value in the state file")
    try:
        if "$dt" in data:
            return datetime.fromisoformat(data["$dt"])
        if "$d" in data:
            return date.fromisoformat(data["$d"])
        if "$t" in data:
            return tuple(decode(v) for v in data["$t"])
        if "$set" in data:
            return {decode(v) for v in data["$set"]}
        if "$map" in data:
            return {decode(k): decode(v) for k, v in data["$map"]}
        if "$b" in data:
            return base64.b64decode(data["$b"], validate=True)
        if "$refusal" in data:
            code, detail, field_name, status, *said = data["$refusal"]  # files before issue 16: four items
            params, language = (decode(said[0]), said[1]) if len(said) == 2 else ({}, None)
            if not isinstance(status, int) or not isinstance(detail, str) or not isinstance(params, dict):
                raise StateFileError("bad refusal in the state file")
            if language is not None and not is_supported(language):
                raise StateFileError("bad refusal in the state file")
            refusal = Refusal(code, detail, field_name, status, params=params)
            refusal.language = language
            return refusal
        if "$m" in data:
            model = _MODELS.get(data["$m"])
            if model is None:
                raise StateFileError(f"unknown model {data['$m']!r} in the state file")
            return _upgraded(model.model_validate(data["v"]))
        if "$dc" in data:
            cls = _TYPES.get(data["$dc"])
            if cls is None or not isinstance(data["f"], dict):
                raise StateFileError(f"unknown record type {data['$dc']!r} in the state file")
            return cls(**{str(k): decode(v) for k, v in data["f"].items()})
    except StateFileError:
        raise
    except (ValueError, TypeError, KeyError, ValidationError) as exc:
        raise StateFileError(f"unreadable value in the state file: {type(exc).__name__}") from None
    raise StateFileError("unexpected value in the state file")


def dumps(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def loads(text: str) -> Any:
    try:
        return json.loads(text)
    except (ValueError, TypeError) as exc:
        raise StateFileError("a row of the state file is not JSON") from exc


# ---------------------------------------------------------------- registrations


@dataclass(frozen=True)
class Collection:
    """A store-level collection: a dict (or a set) of records.

    Attributes:
        name: Its ``docs.kind``.
        items: The live dict or set on the store.
        mutable: False: a record is written once per key (keys added and removed are diffed); True: records change
            in place, so each is compared with what was last written (keep such collections small).
        restore: Puts loaded records back (default: ``items(store).update(...)``).
    """

    name: str
    items: Callable[[Store], Mapping[Any, Any] | AbstractSet[Any]]
    mutable: bool = False
    restore: Callable[[Store, dict[Any, Any]], None] | None = None


@dataclass(frozen=True)
class MemberLog:
    """A long list on a member, stored as one row per item (appended, never rewritten whole).

    Attributes:
        name: Its ``logs.log``.
        path: Attribute path from the member, e.g. ``("history", "visits")``.
        version: For items that change in place: a cheap value that changes when the item does.
    """

    name: str
    path: tuple[str, ...]
    version: Callable[[Any], Any] | None = None


COLLECTIONS: list[Collection] = []
MEMBER_LOGS: list[MemberLog] = []


def register_records(name: str, items: Callable[[Store], Any], restore: Callable[..., None] | None = None) -> None:
    """Persist a store-level dict/set whose records never change once written (new keys are appended)."""
    COLLECTIONS.append(Collection(name, items, False, restore))


def register_values(name: str, items: Callable[[Store], Any], restore: Callable[..., None] | None = None) -> None:
    """Persist a small store-level dict whose values change in place (each is compared on every write)."""
    COLLECTIONS.append(Collection(name, items, True, restore))


def register_member_log(name: str, path: tuple[str, ...], version: Callable[[Any], Any] | None = None) -> None:
    """Persist a long list on every member as rows (see ``MemberLog``)."""
    MEMBER_LOGS.append(MemberLog(name, path, version))


def _restore_store_values(store: Store, values: dict[Any, Any]) -> None:
    store._counters.update(values.get("counters", {}))
    store._event_id = int(values.get("event_id", 0))
    rng = values.get("rng")
    if rng is not None:
        store.rng.setstate(rng)


def _restore_offers(store: Store, values: dict[Any, Any]) -> None:
    store.offers[:] = [values[i] for i in sorted(values)]


register_records("gift", lambda s: s.gifts)
register_values("redemption", lambda s: s.redemptions)  # a code changes once: used at the counter
register_records("idempotency", lambda s: s.idempotency)
register_records("access_token", lambda s: s.tokens.access)
register_records("refresh_token", lambda s: s.tokens.refresh)
register_records("spent_refresh_token", lambda s: s.tokens.spent)
register_records("revoked_family", lambda s: s.tokens.revoked)
register_values("stock", lambda s: s.stock)
register_values("challenge", lambda s: s.challenges)
register_values("offer", lambda s: dict(enumerate(s.offers)), _restore_offers)
register_values(
    "store",
    lambda s: {"counters": s._counters, "event_id": s._event_id, "rng": s.rng.getstate()},
    _restore_store_values,
)
# Star Pools, gifts held for newcomers and the demo outbox
register_values("pool", lambda s: s.pools)
register_values("held_gift", lambda s: s.held_gifts)
# Joining (app/mock_backend/services/joining.py): pending codes, throttling windows and the demo members change in
# place; the outbox only grows; Ada's story as seeded (the template of every demo member) is written once.
def _joining_values(store: Store) -> dict[str, Any]:
    book = store.joining
    return {
        "signups": book.signups,
        "resets": book.resets,
        "wrong_codes": book.wrong_codes,
        "windows": book.windows,
        "demo_members": book.demo_members,
    }


def _restore_joining(store: Store, values: dict[Any, Any]) -> None:
    for name, value in values.items():
        setattr(store.joining, name, value)


def _restore_outbox(store: Store, values: dict[Any, Any]) -> None:
    store.joining.outbox[:] = [values[i] for i in sorted(values)]


def _demo_template(store: Store) -> dict[str, Any]:
    book = store.joining
    return {} if book.demo_template is None else {"member": book.demo_template, "redemptions": book.demo_redemptions}


def _restore_demo_template(store: Store, values: dict[Any, Any]) -> None:
    if "member" in values:
        store.joining.demo_template = values["member"]
        store.joining.demo_redemptions = list(values.get("redemptions", []))


register_type(PendingCode)
register_type(PendingSignup)
register_type(MailRecord)
register_values("joining", _joining_values, _restore_joining)
register_records("outbox", lambda s: dict(enumerate(s.joining.outbox)), _restore_outbox)
register_records("demo_template", _demo_template, _restore_demo_template)

# Friends (services/friends.py, asks.py, thanks.py): requests and asks change status once answered; a thank-you is
# written once; failed friend-code look-ups (throttling) change in place.
register_type(FriendRequestRecord)
register_type(AskRecord)
register_type(ThanksRecord)
register_values("friend_request", lambda s: s.friend_requests)
register_values("ask", lambda s: s.asks)
register_records("thanks", lambda s: s.thanks)
register_values("code_guesses", lambda s: s.code_guesses)

# Habits (services/habits.py): a member's daily game plays are kept on the member (`Member.game_plays`).
register_type(Play)

register_member_log("entries", ("entries",), version=attrgetter("thanks"))  # a gift's entry gains its thank-you
register_member_log("events", ("events",))
register_member_log("visits", ("history", "visits"))
register_member_log("batches", ("batches",), version=attrgetter("remaining"))


def _member_skip() -> dict[str, Any]:
    skip: dict[str, Any] = {}
    for log in MEMBER_LOGS:
        level = skip
        for part in log.path[:-1]:
            level = level.setdefault(part, {})
        level[log.path[-1]] = None
    return skip


def _get_path(member: Member, path: tuple[str, ...]) -> list[Any]:
    value: Any = member
    for part in path:
        value = getattr(value, part)
    result: list[Any] = value
    return result


def _set_path(member: Member, path: tuple[str, ...], items: list[Any]) -> None:
    target: Any = member
    for part in path[:-1]:
        target = getattr(target, part)
    setattr(target, path[-1], items)


# ---------------------------------------------------------------- the journal


def _changed(now: list[Any], before: list[Any], chunk: int = 256) -> Iterable[int]:
    """Positions where ``now`` differs from ``before`` (as long), comparing slices first (10,000 items in ~40 steps)."""
    for start in range(0, len(before), chunk):
        if now[start : start + chunk] != before[start : start + chunk]:
            for pos in range(start, min(start + chunk, len(before))):
                if now[pos] != before[pos]:
                    yield pos


@dataclass
class _LogMark:
    length: int
    last: Any
    versions: list[Any] | None


@dataclass
class _MemberMark:
    doc: str
    logs: dict[str, _LogMark] = field(default_factory=dict)


Op = tuple[str, tuple[Any, ...]]


@dataclass
class FlushStats:
    """What the last flush wrote (tests read it: a write's cost must not grow with the history)."""

    rows: int = 0
    commits: int = 0


class Journal:
    """The SQLite file behind a store, and what was last written to it (to write only what changed)."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._db = connection
        self._members: dict[str, _MemberMark] = {}
        self._keys: dict[str, set[str]] = {}
        self._values: dict[str, dict[str, str]] = {}
        self.last = FlushStats()

    # ------------------------------------------------------------ diffing

    def _collect(self, store: Store, member_ids: Iterable[str]) -> tuple[list[Op], list[Callable[[], object]]]:
        ops: list[Op] = []
        marks: list[Callable[[], object]] = []
        for collection in COLLECTIONS:
            self._collect_collection(store, collection, ops, marks)
        known = set(self._members)
        current = store.members.keys()
        for member_id in sorted((set(member_ids) & current) | (current - known)):
            self._collect_member(store.members[member_id], ops, marks)
        for gone in sorted(known - current):
            ops.append(("DELETE FROM docs WHERE kind = 'member' AND key = ?", (gone,)))
            ops.append(("DELETE FROM logs WHERE member = ?", (gone,)))
            marks.append(partial(self._members.pop, gone, None))
        return ops, marks

    def _collect_collection(
        self, store: Store, collection: Collection, ops: list[Op], marks: list[Callable[[], object]]
    ) -> None:
        items = collection.items(store)
        if collection.mutable:
            assert isinstance(items, Mapping)
            written = self._values.setdefault(collection.name, {})
            now = {dumps(encode(k)): dumps(encode(v)) for k, v in items.items()}
            changed = {k: v for k, v in now.items() if written.get(k) != v}
            gone = written.keys() - now.keys()
            for key, body in changed.items():
                ops.append(("INSERT OR REPLACE INTO docs VALUES (?, ?, ?)", (collection.name, key, body)))
            for key in gone:
                ops.append(("DELETE FROM docs WHERE kind = ? AND key = ?", (collection.name, key)))
            if changed or gone:
                marks.append(lambda: self._values.__setitem__(collection.name, now))
            return
        keys = self._keys.setdefault(collection.name, set())
        live: AbstractSet[Any] = items if isinstance(items, AbstractSet) else items.keys()
        added = list(live - keys)
        removed = keys - set(live) if len(live) - len(added) != len(keys) else set()
        for key in added:
            body = "null" if isinstance(items, AbstractSet) else dumps(encode(items[key]))
            ops.append(("INSERT OR REPLACE INTO docs VALUES (?, ?, ?)", (collection.name, dumps(encode(key)), body)))
        for key in removed:
            ops.append(("DELETE FROM docs WHERE kind = ? AND key = ?", (collection.name, dumps(encode(key)))))
        if added or removed:

            def mark() -> None:
                keys.update(added)
                keys.difference_update(removed)

            marks.append(mark)

    def _collect_member(self, member: Member, ops: list[Op], marks: list[Callable[[], object]]) -> None:
        mark = self._members.get(member.id)
        doc = dumps(_encode_fields(member, _member_skip()))
        if mark is None or mark.doc != doc:
            ops.append(("INSERT OR REPLACE INTO docs VALUES ('member', ?, ?)", (member.id, doc)))
        new_logs: dict[str, _LogMark] = {}
        for log in MEMBER_LOGS:
            items = _get_path(member, log.path)
            old = mark.logs.get(log.name) if mark else None
            versions = list(map(log.version, items)) if log.version else None
            whole = old is None or len(items) < old.length or (old.length > 0 and items[old.length - 1] is not old.last)
            if whole:
                ops.append(("DELETE FROM logs WHERE member = ? AND log = ?", (member.id, log.name)))
                start = 0
            else:
                assert old is not None
                start = old.length
                if versions is not None and old.versions is not None and versions[:start] != old.versions:
                    for pos in _changed(versions, old.versions):
                        body = dumps(encode(items[pos]))
                        ops.append(("UPDATE logs SET body = ? WHERE member = ? AND log = ? AND pos = ?",
                                    (body, member.id, log.name, pos)))  # fmt: skip
            for pos in range(start, len(items)):
                ops.append(
                    ("INSERT INTO logs VALUES (?, ?, ?, ?)", (member.id, log.name, pos, dumps(encode(items[pos]))))
                )
            new_logs[log.name] = _LogMark(len(items), items[-1] if items else None, versions)
        marks.append(lambda: self._members.__setitem__(member.id, _MemberMark(doc, new_logs)))

    # ------------------------------------------------------------ writing

    def flush(self, store: Store, everything: bool = False) -> None:
        """Write what changed since the last flush in one transaction and commit it (call with the lock held)."""
        ops, marks = self._collect(store, store.members.keys() if everything else store.touched)
        stats = FlushStats(rows=len(ops))
        if ops:
            try:
                self._db.execute("BEGIN IMMEDIATE")
                for sql, params in ops:
                    self._db.execute(sql, params)
                self._db.execute("COMMIT")
            except BaseException:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise
            stats.commits = 1
        for apply in marks:
            apply()
        self.last = stats

    def prime(self, store: Store) -> None:
        """Remember a just-loaded store as written (nothing is rewritten on the next flush)."""
        _, marks = self._collect(store, store.members.keys())
        for apply in marks:
            apply()

    def close(self) -> None:
        self._db.close()


# ---------------------------------------------------------------- opening a file


def _secure(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            if stat.S_IMODE(candidate.stat().st_mode) & 0o077:
                candidate.chmod(0o600)
        except FileNotFoundError:
            pass


def _connect(path: Path) -> sqlite3.Connection:
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    _secure(path)
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    try:
        db.execute("PRAGMA journal_mode = WAL").fetchone()
        db.execute("PRAGMA synchronous = FULL")
        db.execute("PRAGMA trusted_schema = OFF")
        application_id = db.execute("PRAGMA application_id").fetchone()[0]
        tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        db.close()
        raise StateFileError(f"{path} is not a Starboard mock backend database ({exc})") from None
    _secure(path)  # SQLite gives -wal/-shm the database's mode; make sure
    if application_id == 0 and tables == 0:
        db.executescript(
            f"BEGIN; {SCHEMA} PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;"
        )
        return db
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if application_id != APPLICATION_ID or version != SCHEMA_VERSION:
        db.close()
        raise StateFileError(f"{path} was not written by this mock backend (or by another version of it)")
    return db


def _load(db: sqlite3.Connection, store: Store) -> None:
    by_name = {c.name: c for c in COLLECTIONS}
    loaded: dict[str, dict[Any, Any]] = {name: {} for name in by_name}
    members: dict[str, Member] = {}
    for kind, key, body in db.execute("SELECT kind, key, body FROM docs ORDER BY kind, key"):
        if kind == "member":
            member = decode(loads(body))
            if not isinstance(member, Member) or member.id != key:
                raise StateFileError("a member row of the state file is not a member")
            members[key] = member
        elif kind in by_name:
            loaded[kind][decode(loads(key))] = decode(loads(body))
        else:
            raise StateFileError(f"unknown kind {kind!r} in the state file")
    logs = {log.name: log for log in MEMBER_LOGS}
    rows: dict[tuple[str, str], list[Any]] = {}
    for member_id, name, pos, body in db.execute("SELECT member, log, pos, body FROM logs ORDER BY member, log, pos"):
        items = rows.setdefault((member_id, name), [])
        if name not in logs or member_id not in members or pos != len(items):
            raise StateFileError("the logs of the state file do not fit its members")
        items.append(decode(loads(body)))
    for (member_id, name), items in rows.items():
        _set_path(members[member_id], logs[name].path, items)
    store.members.clear()
    store.members.update(sorted(members.items(), key=lambda kv: int(kv[0].rpartition("_")[2] or 0)))
    for name, collection in by_name.items():
        values = loaded[name]
        if collection.restore is not None:
            collection.restore(store, values)
            continue
        target = collection.items(store)
        if isinstance(target, set):
            target.update(values)
        elif isinstance(target, dict):
            target.clear()
            target.update(values)
        else:
            raise TypeError(f"collection {name} needs a restore function")


def open_store(path: Path, fresh: Callable[[], Store]) -> Store:
    """The store kept in the SQLite file at ``path`` with its journal attached.

    A new (or empty) file is filled from ``fresh()`` (the seeded demo world). Every later write through
    ``Store.unit_of_work`` is committed to the file before the request is answered.

    Raises:
        StateFileError: The file was not written by this backend or does not decode.
    """
    db = _connect(path)
    journal = Journal(path, db)
    try:
        has_rows = db.execute("SELECT 1 FROM docs LIMIT 1").fetchone() is not None
        if not has_rows:
            store = fresh()
            with store.lock:
                journal.flush(store, everything=True)
        else:
            store = Store()
            try:
                _load(db, store)
            except RecursionError:
                raise StateFileError("the state file nests too deep") from None
            journal.prime(store)
    except sqlite3.DatabaseError as exc:
        db.close()
        raise StateFileError(f"{path} is damaged ({exc})") from None
    except BaseException:
        db.close()
        raise
    store.journal = journal
    store.touched.clear()
    return store


def snapshot(store: Store) -> dict[str, Any]:
    """Everything the file would hold for ``store``, as plain JSON (tests compare a store with its reload)."""
    with store.lock:
        out: dict[str, Any] = {}
        for collection in COLLECTIONS:
            items = collection.items(store)
            if isinstance(items, AbstractSet):
                out[collection.name] = sorted(dumps(encode(k)) for k in items)
            else:
                out[collection.name] = {dumps(encode(k)): encode(v) for k, v in items.items()}
        for member in store.members.values():
            out[f"member {member.id}"] = _encode_fields(member, _member_skip())
            for log in MEMBER_LOGS:
                out[f"member {member.id} {log.name}"] = encode(_get_path(member, log.path))
        return out
