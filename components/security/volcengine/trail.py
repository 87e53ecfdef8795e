"""A Volcano Engine Cloud Trail trail as a Pulumi dynamic provider over ``volcenginesdkcloudtrail``.

pulumi-volcengine 0.0.47 has no Cloud Trail resource; the official SDK has the trail API (version 2021-09-01).
The provider follows the Huawei Cloud providers (``inferline.components.interconnect.huaweicloud``): credentials
come from the environment at call time only (never inputs, never state), "not found" means gone, the waits are
bounded, and a trail whose creation did not finish is deleted again before the creation fails.

Calls and their SDK model fields:

- create: ``CreateTrail`` (``trail_name``, ``tos_bucket_name``, ``tos_bucket_region``, ``tos_key_prefix``,
  ``tos_sse_algorithm``, ``tos_ssekms_key_id``, ``event_rw``, ``include_all_event_sources``), then
  ``StartLogging`` (``trail_name``): a new trail does not log until started. Then ``DescribeTrails`` until the
  trail is listed.
- read: ``DescribeTrails`` (``trail_names``); a trail not listed is gone.
- update: ``UpdateTrail`` with the whole delivery configuration (same fields as create), then ``StartLogging``.
- delete: ``DeleteTrail`` (``trail_name``; "not found" is success), then ``DescribeTrails`` until not listed.

Region and name replace the trail (the name is its id); everything else changes in place.
"""

from __future__ import annotations

import json
import math
import os
import re
import time
from collections.abc import Callable, Mapping
from typing import Any, NoReturn

import pulumi
import volcenginesdkcloudtrail as cloudtrail  # type: ignore[import-untyped]
import volcenginesdkcore  # type: ignore[import-untyped]
from pulumi.dynamic import (
    CheckFailure,
    CheckResult,
    CreateResult,
    DiffResult,
    ReadResult,
    Resource,
    ResourceProvider,
    UpdateResult,
)
from volcenginesdkcore.rest import ApiException  # type: ignore[import-untyped]

from inferline.components.interconnect.huaweicloud.base import differs, is_unknown

__all__ = [
    "ACCESS_KEY_ENV",
    "SECRET_KEY_ENV",
    "SESSION_TOKEN_ENV",
    "Trail",
    "TrailError",
    "TrailProvider",
    "make_client",
]

#: The variables the Volcano Engine Pulumi and Terraform providers read; read here at call time so that
#: credentials never enter a provider object, its pickle, inputs or outputs.
ACCESS_KEY_ENV = "VOLCENGINE_ACCESS_KEY"
SECRET_KEY_ENV = "VOLCENGINE_SECRET_KEY"
SESSION_TOKEN_ENV = "VOLCENGINE_SESSION_TOKEN"

#: How waits pause between polls; the one place tests replace it.
sleep: Callable[[float], None] = time.sleep

#: Trail names: letters, digits, '-' and '_', starting with a letter or digit, at most 64 characters (the
#: console's rule; the API model does not state one).
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
_EVENT_RW = ("All", "Read", "Write")
#: What the SDK's model accepts for TosSSEAlgorithm.
_SSE_ALGORITHMS = ("AES256", "kms")

#: Properties whose change needs a new trail, and properties ``UpdateTrail`` changes in place.
_REPLACE = ("region", "name")
_UPDATE = ("tos_bucket_name", "tos_key_prefix", "tos_sse_algorithm", "tos_kms_key_trn", "event_rw")


class TrailError(RuntimeError):
    """A Cloud Trail call failed, the credentials are missing, or a trail did not settle."""


# --- client ----------------------------------------------------------------------------------------------------------


def configuration_from_environment(region: str) -> Any:
    """An SDK configuration for ``region`` with AK/SK (and a session token, when set) from the environment."""
    access_key = os.environ.get(ACCESS_KEY_ENV)
    secret_key = os.environ.get(SECRET_KEY_ENV)
    if not access_key or not secret_key:
        raise TrailError(
            f"Volcano Engine credentials are missing: set {ACCESS_KEY_ENV} and {SECRET_KEY_ENV} "
            f"(and optionally {SESSION_TOKEN_ENV}) in the environment of `pulumi up`"
        )
    configuration = volcenginesdkcore.Configuration()
    configuration.ak = access_key
    configuration.sk = secret_key
    configuration.region = region
    token = os.environ.get(SESSION_TOKEN_ENV)
    if token:
        configuration.session_token = token
    return configuration


def make_client(region: str) -> Any:
    """A Cloud Trail client for ``region`` with credentials from the environment. Tests replace this function."""
    configuration = configuration_from_environment(region)
    return cloudtrail.CLOUDTRAILApi(volcenginesdkcore.ApiClient(configuration))


# --- errors ----------------------------------------------------------------------------------------------------------


def _error_code(error: ApiException) -> str:
    """The ``ResponseMetadata.Error.Code`` of a failed call, wherever the SDK left it (body or reason)."""
    for text in (getattr(error, "body", None), getattr(error, "reason", None)):
        if isinstance(text, bytes):
            text = text.decode("utf-8", "replace")
        if not isinstance(text, str):
            continue
        try:
            data = json.loads(text)
        except ValueError:
            match = re.search(r"""['"]Code['"]\s*:\s*['"]([^'"]+)['"]""", text)
            if match:
                return match.group(1)
            continue
        if isinstance(data, dict):
            code = (data.get("ResponseMetadata") or {}).get("Error", {}).get("Code") or data.get("Code")
            if isinstance(code, str):
                return code
    return ""


def is_not_found(error: Exception) -> bool:
    """HTTP 404, or an error code saying the trail does not exist."""
    if not isinstance(error, ApiException):
        return False
    if error.status == 404:
        return True
    code = _error_code(error).lower()
    return "notfound" in code or "notexist" in code


def _failed(what: str, error: ApiException) -> NoReturn:
    code = _error_code(error)
    raise TrailError(f"{what} failed: HTTP {error.status} {code or error.reason}") from error


def _call(what: str, method: Callable[[Any], Any], request: Any) -> Any:
    try:
        return method(request)
    except ApiException as error:
        _failed(what, error)


# --- values ----------------------------------------------------------------------------------------------------------


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _outputs(props: Mapping[str, Any], live: Any) -> dict[str, Any]:
    """The inputs as the API reports them, plus the trail's logging status. No credential ever appears here."""

    def pick(attribute: str, key: str) -> Any:
        value = getattr(live, attribute, None)
        return props.get(key) if value is None else value

    return {
        "region": props["region"],
        "name": pick("trail_name", "name"),
        "tos_bucket_name": pick("tos_bucket_name", "tos_bucket_name"),
        "tos_key_prefix": _text(pick("tos_key_prefix", "tos_key_prefix")),
        "tos_sse_algorithm": pick("tos_sse_algorithm", "tos_sse_algorithm"),
        "tos_kms_key_trn": pick("tos_ssekms_key_id", "tos_kms_key_trn"),
        "event_rw": pick("event_rw", "event_rw"),
        "logging_status": getattr(live, "logging_status", None),
    }


def _delivery(props: Mapping[str, Any]) -> dict[str, Any]:
    """The fields CreateTrail and UpdateTrail share: where the trail delivers, and what it records."""
    algorithm = props.get("tos_sse_algorithm")
    return {
        "trail_name": props["name"],
        "tos_bucket_name": props["tos_bucket_name"],
        "tos_bucket_region": props["region"],
        "tos_key_prefix": props.get("tos_key_prefix") or None,
        "tos_sse_algorithm": algorithm,
        "tos_ssekms_key_id": props.get("tos_kms_key_trn") if algorithm == "kms" else None,
        "event_rw": props.get("event_rw") or "All",
        # Every service's events: a trail that names sources misses the ones added later.
        "include_all_event_sources": True,
    }


# --- provider --------------------------------------------------------------------------------------------------------


class TrailProvider(ResourceProvider):
    """Creates, reads, updates and deletes one Cloud Trail trail, named by its id."""

    def __init__(self, timeout_s: float = 300.0, poll_interval_s: float = 5.0) -> None:
        super().__init__()
        # Plain numbers only: the provider is pickled into the stack state.
        self.timeout_s = timeout_s
        self.poll_interval_s = poll_interval_s

    # --- check and diff

    def check(self, _olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        failures: list[CheckFailure] = []

        def known(key: str) -> bool:
            return not is_unknown(news.get(key))

        if known("region") and (not isinstance(news.get("region"), str) or not news.get("region")):
            failures.append(CheckFailure("region", "is required"))
        name = news.get("name")
        if known("name") and (not isinstance(name, str) or not _NAME.match(name)):
            failures.append(CheckFailure("name", "must be 1-64 letters, digits, '-' or '_', starting with a letter or digit"))
        if known("tos_bucket_name") and (not isinstance(news.get("tos_bucket_name"), str) or not news.get("tos_bucket_name")):
            failures.append(CheckFailure("tos_bucket_name", "is required"))
        algorithm = news.get("tos_sse_algorithm")
        if known("tos_sse_algorithm") and algorithm is not None and algorithm not in _SSE_ALGORITHMS:
            failures.append(CheckFailure("tos_sse_algorithm", f"must be one of {', '.join(_SSE_ALGORITHMS)}"))
        if algorithm == "kms" and known("tos_kms_key_trn") and not news.get("tos_kms_key_trn"):
            failures.append(CheckFailure("tos_kms_key_trn", "is required when tos_sse_algorithm is kms"))
        rw = news.get("event_rw")
        if known("event_rw") and rw is not None and rw not in _EVENT_RW:
            failures.append(CheckFailure("event_rw", f"must be one of {', '.join(_EVENT_RW)}"))
        return CheckResult(news, failures)

    @staticmethod
    def _changed(olds: Mapping[str, Any], news: Mapping[str, Any]) -> list[str]:
        def comparable(key: str, value: Any) -> Any:
            # The API reports an absent prefix as "".
            return _text(value) if key == "tos_key_prefix" and not is_unknown(value) else value

        return [key for key in (*_REPLACE, *_UPDATE) if differs(comparable(key, olds.get(key)), comparable(key, news.get(key)))]

    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        changed = self._changed(olds, news)
        replaces = [key for key in changed if key in _REPLACE]
        # The name is the trail's id: the old and the new trail cannot both exist.
        return DiffResult(changes=bool(changed), replaces=replaces, delete_before_replace=True if replaces else None)

    # --- calls

    @staticmethod
    def _client(props: Mapping[str, Any]) -> Any:
        return make_client(props["region"])

    @staticmethod
    def _describe(client: Any, name: str) -> Any | None:
        """The trail ``name`` as DescribeTrails lists it, or None when it is not listed (or not found)."""
        request = cloudtrail.DescribeTrailsRequest(trail_names=[name])
        try:
            response = client.describe_trails(request)
        except ApiException as error:
            if is_not_found(error):
                return None
            _failed(f"reading trail {name}", error)
        for trail in getattr(response, "trails", None) or []:
            if getattr(trail, "trail_name", None) == name:
                return trail
        return None

    @staticmethod
    def _delete(client: Any, name: str) -> bool:
        """DeleteTrail; False when the trail was already gone."""
        try:
            client.delete_trail(cloudtrail.DeleteTrailRequest(trail_name=name))
        except ApiException as error:
            if is_not_found(error):
                return False
            _failed(f"deleting trail {name}", error)
        return True

    @staticmethod
    def _start_logging(client: Any, name: str) -> None:
        _call(f"starting logging of trail {name}", client.start_logging, cloudtrail.StartLoggingRequest(trail_name=name))

    def _polls(self) -> int:
        return max(1, math.ceil(self.timeout_s / self.poll_interval_s)) if self.poll_interval_s > 0 else 1

    def _wait_listed(self, client: Any, name: str) -> Any:
        polls = self._polls()
        for poll in range(polls):
            live = self._describe(client, name)
            if live is not None:
                return live
            if poll < polls - 1:
                sleep(self.poll_interval_s)
        raise TrailError(f"trail {name} is still not listed {self.timeout_s:g} s after its creation")

    def _wait_gone(self, client: Any, name: str) -> None:
        polls = self._polls()
        for poll in range(polls):
            if self._describe(client, name) is None:
                return
            if poll < polls - 1:
                sleep(self.poll_interval_s)
        raise TrailError(f"trail {name} is still listed {self.timeout_s:g} s after its deletion was requested")

    # --- CRUD

    def create(self, props: dict[str, Any]) -> CreateResult:
        client = self._client(props)
        name = props["name"]
        _call(f"creating trail {name}", client.create_trail, cloudtrail.CreateTrailRequest(**_delivery(props)))
        # Pulumi records nothing when create raises: a trail left behind would be an orphan nobody manages.
        try:
            self._start_logging(client, name)
            live = self._wait_listed(client, name)
        except TrailError as error:
            try:
                self._delete(client, name)
            except Exception as cleanup:  # report both failures, the first as the cause
                raise TrailError(f"{error}; deleting trail {name} again also failed: {cleanup}") from error
            raise TrailError(f"{error}; trail {name} was deleted again") from error
        return CreateResult(name, _outputs(props, live))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        live = self._describe(self._client(props), id_)
        if live is None:
            return ReadResult(None, {})
        return ReadResult(id_, _outputs(props, live))

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        client = self._client(news)
        _call(f"updating trail {id_}", client.update_trail, cloudtrail.UpdateTrailRequest(**_delivery(news)))
        # Logging may have been stopped outside the stack; the trail is declared to log.
        self._start_logging(client, id_)
        live = self._describe(client, id_)
        if live is None:
            raise TrailError(f"trail {id_} disappeared while being updated")
        return UpdateResult(_outputs(news, live))

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        client = self._client(props)
        if self._delete(client, id_):
            self._wait_gone(client, id_)


class Trail(Resource, module="volcengine", name="Trail"):
    """A Volcano Engine Cloud Trail trail delivering every service's events to a TOS bucket, and logging.

    ``tos_kms_key_trn`` is the KMS key's TRN when ``tos_sse_algorithm`` is ``kms``. Region and name replace the
    trail (deleting it first: the name is its id); the delivery settings change in place.

    Compared with a bridged provider's resource, this dynamic resource cannot be imported (``pulumi import``),
    has no schema in the Pulumi registry, sees drift only through its read on ``pulumi refresh``, takes no tags,
    and reads its credentials only from the environment (``VOLCENGINE_ACCESS_KEY``, ``VOLCENGINE_SECRET_KEY``,
    ``VOLCENGINE_SESSION_TOKEN``), never from stack configuration.
    """

    region: pulumi.Output[str]
    name: pulumi.Output[str]
    tos_bucket_name: pulumi.Output[str]
    tos_key_prefix: pulumi.Output[str]
    tos_sse_algorithm: pulumi.Output[str]
    tos_kms_key_trn: pulumi.Output[str]
    event_rw: pulumi.Output[str]
    #: As DescribeTrails reports it.
    logging_status: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        region: pulumi.Input[str],
        name: pulumi.Input[str],
        tos_bucket_name: pulumi.Input[str],
        tos_key_prefix: pulumi.Input[str] | None = None,
        tos_sse_algorithm: pulumi.Input[str] | None = None,
        tos_kms_key_trn: pulumi.Input[str] | None = None,
        event_rw: pulumi.Input[str] = "All",
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        props: dict[str, Any] = {
            "region": region,
            "name": name,
            "tos_bucket_name": tos_bucket_name,
            "tos_key_prefix": tos_key_prefix,
            "tos_sse_algorithm": tos_sse_algorithm,
            "tos_kms_key_trn": tos_kms_key_trn,
            "event_rw": event_rw,
            "logging_status": None,
        }
        super().__init__(TrailProvider(), resource_name, props, opts)
