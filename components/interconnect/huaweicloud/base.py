"""What every Huawei Cloud dynamic provider shares, written once: the VPN and Direct Connect modules hold only
what is their own (request bodies, outputs, input checks, the resource classes).

* :func:`is_unknown` — the preview's not-yet-known values;
* :class:`Service` — one service as its providers use it: its client (:meth:`Service.make_client`), how its
  calls fail (:meth:`Service.call`, :meth:`Service.show` with 404 as None, :meth:`Service.delete` with 404 as
  already gone), bounded waits for a status or for the resource to be gone, and the clean-up of a resource whose
  creation never finished. What differs between the services — the SDK client, the error class, whether SDK
  errors are translated, the words of the messages — is data on the instance each module makes;
* :class:`HuaweiCloudProvider` — the CRUD scaffolding of a provider: diff, create (wait, or delete again),
  read, update (what changed, then the module's own tail) and delete (then wait until gone).

Stack state records each provider by the import path of its *own* class (``components.interconnect.huaweicloud.vpn``
or ``.dc``), never this module's: providers may inherit from here, but must stay defined where they are. A
pickled provider is restored without ``__init__``, so nothing here may rely on an instance attribute that old
pickles lack: the scaffolding reads class attributes, and only the attributes a module's providers already kept.
"""

from __future__ import annotations

import math
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Literal, NoReturn

import pulumi
from huaweicloudsdkcore.exceptions.exceptions import ServiceResponseException  # type: ignore[import-untyped]
from pulumi.dynamic import CreateResult, DiffResult, ReadResult, ResourceProvider, UpdateResult
from pulumi.runtime.rpc import UNKNOWN

from inferline.components.interconnect.huaweicloud.credentials import credentials_from_environment, is_not_found

#: How waits pause between polls; the one place tests replace it.
sleep: Callable[[float], None] = time.sleep

#: The largest 4-byte BGP ASN.
MAX_ASN = 4_294_967_295

Operation = Literal["create", "update", "delete"]


# --- values ----------------------------------------------------------------------------------------------------------


def is_unknown(value: Any) -> bool:
    """During preview an input not yet known arrives as the engine's unknown sentinel (also inside lists/maps)."""
    if isinstance(value, str):
        return value == UNKNOWN
    if isinstance(value, list | tuple):
        return any(is_unknown(item) for item in value)
    if isinstance(value, dict):
        return any(is_unknown(item) for item in value.values())
    return False


def optional_int(value: Any) -> int | None:
    """Numbers cross the engine as floats (``65010.0``); the API wants integers."""
    return None if value is None else int(value)


def _normalised(value: Any, unordered: bool) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list | tuple):
        items = [_normalised(item, False) for item in value]
        return sorted(items, key=str) if unordered else items
    if isinstance(value, Mapping):
        return {key: _normalised(item, False) for key, item in value.items()}
    return value


def differs(old: Any, new: Any, *, unordered: bool = False, subset: bool = False) -> bool:
    """Whether ``new`` (an input) differs from ``old`` (the recorded output). Unknown counts as different.

    Integral floats equal integers; ``unordered`` lists compare as sorted; ``subset`` compares only the keys a map
    ``new`` sets (the API reports more fields than an input names).
    """
    if is_unknown(new):
        return True
    if subset and isinstance(new, Mapping):
        old_map = old if isinstance(old, Mapping) else {}
        return any(differs(old_map.get(key), value) for key, value in new.items())
    return bool(_normalised(old, unordered) != _normalised(new, unordered))


# --- one service: client, calls, waits, clean-up ---------------------------------------------------------------------


@dataclass(frozen=True)
class Wording:
    """How a service's errors read. Templates for :meth:`str.format`; the fields each one gets are listed."""

    #: what, ready (the ready statuses joined by "/")
    disappeared: str
    #: what, status, ready, reason (": <the resource's reason>" or "")
    failed: str
    #: what, status, ready, timeout_s
    timed_out: str
    #: what, status, timeout_s
    still_exists: str
    #: error (the wait's), what
    cleaned_up: str
    #: error, what, cleanup (the deletion's error); None: log the deletion's error as a warning and raise
    #: ``cleaned_up``
    cleanup_failed: str | None
    #: what, status
    failed_deleting: str = "{what} went to {status} while being deleted"


@dataclass(frozen=True)
class Service:
    """One Huawei Cloud service as its dynamic providers use it. Holds no client and no credential."""

    #: The name :meth:`make_client` answers to ("vpn", "dc").
    key: str
    #: How messages name the service ("VPN", "Direct Connect").
    label: str
    #: The SDK's client class and region class (``VpnClient``, ``VpnRegion``).
    client_class: Any
    region_class: Any
    #: What this service's providers raise.
    error: type[Exception]
    wording: Wording
    #: True: an SDK service error becomes ``error`` naming the call ("creating X failed: HTTP 400 ..."); False: it
    #: is raised as the SDK raised it.
    translate_sdk_errors: bool
    #: True: a wait polls once more when the timeout is reached (after ``timeout_s``, not before it).
    poll_at_deadline: bool

    # --- client

    def make_client(self, service: str, region: str) -> Any:
        """An SDK client for ``region`` with credentials read from the environment at call time, so they never
        enter a provider object, its pickle, inputs or outputs. ``service`` must be this service's key."""
        if service != self.key:
            raise ValueError(f"this module only builds {self.label} clients, not {service!r}")
        credentials = credentials_from_environment(self.error)
        try:
            endpoint = self.region_class.value_of(region)
        except KeyError as error:
            raise self.error(f"{self.label} has no endpoint for region {region!r}") from error
        return self.client_class.new_builder().with_credentials(credentials).with_region(endpoint).build()

    # --- calls

    def _failed(self, what: str, error: ServiceResponseException) -> NoReturn:
        if not self.translate_sdk_errors:
            raise error
        raise self.error(
            f"{what} failed: HTTP {error.status_code} {error.error_code}: {error.error_msg} (request id {error.request_id})"
        ) from error

    def call(self, what: str, method: Callable[[Any], Any], request: Any) -> Any:
        """``method(request)``; a service error fails naming ``what`` (the operation)."""
        try:
            return method(request)
        except ServiceResponseException as error:
            self._failed(what, error)

    def show(self, what: str, method: Callable[[Any], Any], request: Any, attribute: str) -> Any | None:
        """The resource a show call returns (the response's ``attribute``), or None when the API answers 404."""
        try:
            response = method(request)
        except ServiceResponseException as error:
            if is_not_found(error):
                return None
            self._failed(what, error)
        return getattr(response, attribute, None)

    def delete(self, what: str, method: Callable[[Any], Any], request: Any) -> bool:
        """Delete; False when the resource was already gone (a 404 is success for a delete)."""
        try:
            method(request)
        except ServiceResponseException as error:
            if is_not_found(error):
                return False
            self._failed(what, error)
        return True

    # --- waits

    def _polls(self, timeout_s: float, interval_s: float) -> int:
        polls = max(1, math.ceil(timeout_s / interval_s)) if interval_s > 0 else 1
        return polls + 1 if self.poll_at_deadline else polls

    def wait_for_status(
        self,
        fetch: Callable[[], Any | None],
        what: str,
        *,
        ready: frozenset[str],
        failed: frozenset[str] = frozenset(),
        pending: frozenset[str] | None = None,
        timeout_s: float,
        interval_s: float,
    ) -> Any:
        """Poll ``fetch`` until the resource's status is in ``ready``; return the resource.

        A status in ``failed``, or outside ``pending`` when ``pending`` is given, fails at once; so does the resource
        disappearing (``fetch`` returning None). After ``timeout_s`` worth of polls the wait fails.
        """
        polls = self._polls(timeout_s, interval_s)
        joined = "/".join(sorted(ready))
        status = None
        for poll in range(polls):
            resource = fetch()
            if resource is None:
                raise self.error(self.wording.disappeared.format(what=what, ready=joined))
            status = resource.status
            if status in ready:
                return resource
            if status in failed or (pending is not None and status not in pending):
                reason = getattr(resource, "reason", None)
                raise self.error(
                    self.wording.failed.format(what=what, status=status, ready=joined, reason=f": {reason}" if reason else "")
                )
            if poll < polls - 1:
                sleep(interval_s)
        raise self.error(self.wording.timed_out.format(what=what, status=status, ready=joined, timeout_s=timeout_s))

    def wait_until_gone(
        self,
        fetch: Callable[[], Any | None],
        what: str,
        *,
        gone: frozenset[str] = frozenset(),
        failed: frozenset[str] = frozenset(),
        timeout_s: float,
        interval_s: float,
    ) -> None:
        """Poll ``fetch`` until the API no longer knows the resource (None, or a status in ``gone``).

        A status in ``failed`` fails at once; after ``timeout_s`` worth of polls the wait fails.
        """
        polls = self._polls(timeout_s, interval_s)
        status = None
        for poll in range(polls):
            resource = fetch()
            status = None if resource is None else getattr(resource, "status", None)
            if resource is None or status in gone:
                return
            if status in failed:
                raise self.error(self.wording.failed_deleting.format(what=what, status=status))
            if poll < polls - 1:
                sleep(interval_s)
        raise self.error(self.wording.still_exists.format(what=what, status=status, timeout_s=timeout_s))

    # --- clean-up

    def wait_or_clean_up(self, wait: Callable[[], Any], delete: Callable[[], Any], what: str) -> Any:
        """Wait for a resource just created; if it never becomes ready, delete it before failing.

        Pulumi records nothing when ``create`` raises, so a resource left behind would be an orphan nobody manages.
        """
        try:
            return wait()
        except self.error as error:
            try:
                delete()
            except Exception as cleanup:  # report both failures, the first as the cause
                if self.wording.cleanup_failed is not None:
                    raise self.error(self.wording.cleanup_failed.format(error=error, what=what, cleanup=cleanup)) from error
                pulumi.log.warn(f"could not delete a {self.label} resource after its creation failed: {cleanup}")
            raise self.error(self.wording.cleaned_up.format(error=error, what=what)) from error


# --- the provider scaffolding ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResourceApi:
    """How the SDK names one kind of resource: client methods ``create_<name>``, ``show_<name>``,
    ``update_<name>`` and ``delete_<name>``; the resource's ``field`` in request bodies and responses; the
    ``id_field`` that carries its id in show, update and delete requests."""

    name: str
    field: str
    id_field: str
    show_request: Any
    delete_request: Any


class HuaweiCloudProvider(ResourceProvider, ABC):
    """CRUD over one kind of Huawei Cloud resource. A subclass names its service, its resource and SDK calls,
    how its properties diff and which statuses its waits look for; it builds the create and update requests.
    """

    SERVICE: ClassVar[Service]
    API: ClassVar[ResourceApi]
    #: How messages name the resource ("VPN gateway").
    KIND: ClassVar[str]

    #: Properties whose change needs a new resource, and properties the update API changes in place.
    REPLACE: ClassVar[tuple[str, ...]] = ()
    UPDATE: ClassVar[tuple[str, ...]] = ()
    #: Optional inputs the API fills in when absent: leaving them out is not a change.
    COMPUTED_WHEN_OMITTED: ClassVar[tuple[str, ...]] = ()
    #: Lists compared without regard to order; maps compared only on the keys the input sets.
    UNORDERED: ClassVar[tuple[str, ...]] = ()
    SUBSET: ClassVar[tuple[str, ...]] = ()
    #: Whether a replacement deletes the old resource before creating the new one.
    DELETE_BEFORE_REPLACE: ClassVar[bool] = False

    #: Whether create, update and delete finish with the call, so nothing is waited for.
    SYNCHRONOUS: ClassVar[bool] = False
    #: Statuses a create or update wait ends on, fails on, and (per operation) may pass through.
    READY: ClassVar[frozenset[str]] = frozenset({"ACTIVE"})
    FAILED: ClassVar[frozenset[str]] = frozenset()
    PENDING: ClassVar[Mapping[Operation, frozenset[str]]] = {}
    #: Statuses that count as deleted, and statuses that fail a deletion wait.
    GONE: ClassVar[frozenset[str]] = frozenset()
    DELETE_FAILED: ClassVar[frozenset[str]] = frozenset()

    poll_interval_s: float = 5.0

    # --- what a subclass says

    @abstractmethod
    def _client(self, props: Mapping[str, Any]) -> Any:
        """A client for the resource's region, from its module's ``make_client`` (which tests replace)."""

    @abstractmethod
    def _timeout_s(self, operation: Operation) -> float:
        """How long ``operation`` may wait for the resource."""

    @staticmethod
    @abstractmethod
    def _outputs(props: Mapping[str, Any], live: Any, /) -> dict[str, Any]:
        """The outputs Pulumi records: the inputs as the API reports them, plus computed attributes."""

    @abstractmethod
    def _create_request(self, props: Mapping[str, Any]) -> Any:
        """The SDK request that creates the resource."""

    @abstractmethod
    def _update_request(self, id_: str, news: Mapping[str, Any], changed: list[str]) -> Any:
        """The SDK request that changes the properties ``changed`` in place."""

    @abstractmethod
    def _update_in_place(self, client: Any, id_: str, olds: dict[str, Any], news: dict[str, Any], changed: list[str]) -> Any:
        """Apply the in-place ``changed`` properties (:meth:`_send_update`, and what else the service needs);
        return the live resource."""

    # --- diff

    def _differs(self, key: str, old: Any, new: Any) -> bool:
        return differs(old, new, unordered=key in self.UNORDERED, subset=key in self.SUBSET)

    def changed_keys(self, olds: Mapping[str, Any], news: Mapping[str, Any]) -> list[str]:
        return [
            key
            for key in (*self.REPLACE, *self.UPDATE)
            if not (key in self.COMPUTED_WHEN_OMITTED and news.get(key) is None)
            and self._differs(key, olds.get(key), news.get(key))
        ]

    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        changed = self.changed_keys(olds, news)
        replaces = [key for key in changed if key in self.REPLACE]
        delete_first = True if replaces and self.DELETE_BEFORE_REPLACE else None
        return DiffResult(changes=bool(changed), replaces=replaces, delete_before_replace=delete_first)

    # --- calls on one resource

    def _show(self, client: Any, id_: str) -> Any | None:
        return self.SERVICE.show(
            f"reading {self.KIND} {id_}",
            getattr(client, f"show_{self.API.name}"),
            self.API.show_request(**{self.API.id_field: id_}),
            self.API.field,
        )

    def _request_delete(self, client: Any, id_: str) -> bool:
        return self.SERVICE.delete(
            f"deleting {self.KIND} {id_}",
            getattr(client, f"delete_{self.API.name}"),
            self.API.delete_request(**{self.API.id_field: id_}),
        )

    def _send_update(self, client: Any, id_: str, news: Mapping[str, Any], changed: list[str]) -> None:
        self.SERVICE.call(f"updating {self.KIND} {id_}", getattr(client, f"update_{self.API.name}"), self._update_request(id_, news, changed))

    def _wait_ready(self, client: Any, id_: str, operation: Operation) -> Any:
        return self.SERVICE.wait_for_status(
            lambda: self._show(client, id_),
            f"{self.KIND} {id_}",
            ready=self.READY,
            failed=self.FAILED,
            pending=self.PENDING.get(operation),
            timeout_s=self._timeout_s(operation),
            interval_s=self.poll_interval_s,
        )

    # --- CRUD

    def create(self, props: dict[str, Any]) -> CreateResult:
        client = self._client(props)
        response = self.SERVICE.call(
            f"creating {self.KIND} {props['name']}", getattr(client, f"create_{self.API.name}"), self._create_request(props)
        )
        created = getattr(response, self.API.field)
        id_ = created.id
        if not self.SYNCHRONOUS:
            created = self.SERVICE.wait_or_clean_up(
                lambda: self._wait_ready(client, id_, "create"), lambda: self._request_delete(client, id_), f"{self.KIND} {id_}"
            )
        return CreateResult(id_, self._outputs(props, created))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        live = self._show(self._client(props), id_)
        if live is None:
            return ReadResult(None, {})
        return ReadResult(id_, self._outputs(props, live))

    def _in_place_changes(self, olds: Mapping[str, Any], news: Mapping[str, Any]) -> list[str]:
        """The in-place properties an update changes."""
        return [key for key in self.changed_keys(olds, news) if key in self.UPDATE]

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        changed = self._in_place_changes(olds, news)
        client = self._client(news)
        return UpdateResult(self._outputs(news, self._update_in_place(client, id_, olds, news, changed)))

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        client = self._client(props)
        if not self._request_delete(client, id_) or self.SYNCHRONOUS:
            return
        self.SERVICE.wait_until_gone(
            lambda: self._show(client, id_),
            f"{self.KIND} {id_}",
            gone=self.GONE,
            failed=self.DELETE_FAILED,
            timeout_s=self._timeout_s("delete"),
            interval_s=self.poll_interval_s,
        )
