"""The shared base of the Huawei Cloud dynamic providers, against fakes (no SDK client, no network, no sleeping)."""

from __future__ import annotations

import dataclasses
import re
from types import SimpleNamespace
from typing import Any

import pytest
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException, SdkError, ServerResponseException  # type: ignore[import-untyped]
from pulumi.runtime.rpc import UNKNOWN

from inferline.components.interconnect.huaweicloud import base


class BaseTestError(RuntimeError):
    """What the test service raises."""


WORDING = base.Wording(
    disappeared="{what} vanished, wanted {ready}",
    failed="{what} failed in {status}{reason} (wanted {ready})",
    timed_out="{what} still {status} after {timeout_s:g} s",
    still_exists="{what} still {status} {timeout_s:g} s after deletion",
    cleaned_up="{error}; {what} deleted again",
    cleanup_failed="{error}; deleting {what} failed ({cleanup})",
)


SERVICE = base.Service(
    key="test",
    label="Test",
    client_class=None,
    region_class=None,
    error=BaseTestError,
    wording=WORDING,
    translate_sdk_errors=True,
    poll_at_deadline=False,
)


def service(**changes: Any) -> base.Service:
    return dataclasses.replace(SERVICE, **changes)


class Script:
    """A fetch (show) that answers the scripted resources in order; polling past the script fails the test."""

    def __init__(self, *statuses: str | None, **attributes: Any) -> None:
        self._answers = [None if status is None else SimpleNamespace(status=status, **attributes) for status in statuses]
        self.polls = 0

    def __call__(self) -> Any:
        assert self._answers, "polled after the scripted answers ran out"
        self.polls += 1
        return self._answers.pop(0)


def not_found() -> ClientRequestException:
    return ClientRequestException(404, SdkError("req-404", "TEST.0404", "resource not found"))


def server_error() -> ServerResponseException:
    return ServerResponseException(503, SdkError("req-503", "TEST.0503", "busy"))


def raising(error: Exception) -> Any:
    def method(request: Any) -> Any:
        raise error

    return method


# --- unknowns and comparisons -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "unknown"),
    [
        (UNKNOWN, True),
        (["10.0.0.0/16", UNKNOWN], True),
        (("a", ("b", UNKNOWN)), True),
        ({"key": UNKNOWN}, True),
        ({"outer": [UNKNOWN]}, True),
        ("10.0.0.0/16", False),
        (["10.0.0.0/16"], False),
        ({"key": "value"}, False),
        (None, False),
        (65010.0, False),
    ],
)
def test_is_unknown_finds_the_sentinel_at_any_depth(value: Any, unknown: bool) -> None:
    assert base.is_unknown(value) is unknown


def test_differs_normalises_numbers_order_and_subsets() -> None:
    assert not base.differs(65010, 65010.0)
    assert base.differs(["a", "b"], ["b", "a"])
    assert not base.differs(["a", "b"], ["b", "a"], unordered=True)
    assert not base.differs({"x": 1, "reported": 2}, {"x": 1.0}, subset=True)
    assert base.differs({"x": 1}, {"x": 2}, subset=True)
    assert base.differs("same", UNKNOWN)


# --- calls ----------------------------------------------------------------------------------------------------


def test_show_returns_the_resource_and_none_for_404() -> None:
    answer = SimpleNamespace(thing=SimpleNamespace(status="ACTIVE"))

    assert service().show("reading thing 1", lambda request: answer, "request", "thing") is answer.thing
    assert service().show("reading thing 1", raising(not_found()), "request", "thing") is None


def test_show_names_the_operation_in_other_errors_or_passes_them_on() -> None:
    with pytest.raises(BaseTestError, match=re.escape("reading thing 1 failed: HTTP 503 TEST.0503: busy (request id req-503)")):
        service().show("reading thing 1", raising(server_error()), "request", "thing")
    with pytest.raises(ServerResponseException):
        service(translate_sdk_errors=False).show("reading thing 1", raising(server_error()), "request", "thing")


def test_delete_treats_404_as_already_gone() -> None:
    assert service().delete("deleting thing 1", lambda request: None, "request") is True
    assert service().delete("deleting thing 1", raising(not_found()), "request") is False
    with pytest.raises(BaseTestError, match="deleting thing 1 failed: HTTP 503"):
        service().delete("deleting thing 1", raising(server_error()), "request")


def test_make_client_refuses_another_service_and_an_unknown_region(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HW_ACCESS_KEY", "AK-TEST")
    monkeypatch.setenv("HW_SECRET_KEY", "SK-TEST")

    class NoRegions:
        @staticmethod
        def value_of(region: str) -> Any:
            raise KeyError(region)

    with pytest.raises(ValueError, match="only builds Test clients, not 'vpn'"):
        service().make_client("vpn", "cn-north-4")
    with pytest.raises(BaseTestError, match="Test has no endpoint for region 'mars-1'"):
        service(region_class=NoRegions).make_client("test", "mars-1")


# --- waiting for a status --------------------------------------------------------------------------------------


def wait(svc: base.Service, fetch: Script, **changes: Any) -> Any:
    arguments: dict[str, Any] = {"ready": frozenset({"ACTIVE", "DOWN"}), "timeout_s": 30.0, "interval_s": 10.0}
    arguments.update(changes)
    return svc.wait_for_status(fetch, "thing 1", **arguments)


def test_wait_for_status_returns_the_ready_resource(sleeps: list[float]) -> None:
    fetch = Script("PENDING_CREATE", "BUILD", "DOWN")

    assert wait(service(), fetch).status == "DOWN"
    assert sleeps == [10.0, 10.0]


def test_wait_for_status_times_out_naming_the_resource(sleeps: list[float]) -> None:
    fetch = Script("BUILD", "BUILD", "BUILD")

    with pytest.raises(BaseTestError, match=r"^thing 1 still BUILD after 30 s$"):
        wait(service(), fetch)
    assert (fetch.polls, sleeps) == (3, [10.0, 10.0])


def test_wait_for_status_can_poll_once_more_at_its_deadline(sleeps: list[float]) -> None:
    fetch = Script("BUILD", "BUILD", "BUILD", "BUILD")

    with pytest.raises(BaseTestError, match="thing 1 still BUILD after 30 s"):
        wait(service(poll_at_deadline=True), fetch)
    assert (fetch.polls, sleeps) == (4, [10.0, 10.0, 10.0])


def test_wait_for_status_polls_once_without_an_interval(sleeps: list[float]) -> None:
    fetch = Script("BUILD")

    with pytest.raises(BaseTestError, match="thing 1 still BUILD after 30 s"):
        wait(service(), fetch, interval_s=0)
    assert (fetch.polls, sleeps) == (1, [])


def test_wait_for_status_fails_at_once_on_a_failed_status_with_its_reason(sleeps: list[float]) -> None:
    fetch = Script("BUILD", "ERROR", reason="vlan in use")

    with pytest.raises(BaseTestError, match=re.escape("thing 1 failed in ERROR: vlan in use (wanted ACTIVE/DOWN)")):
        wait(service(), fetch, failed=frozenset({"ERROR"}), timeout_s=600.0)
    assert (fetch.polls, sleeps) == (2, [10.0])


def test_wait_for_status_fails_on_a_status_outside_pending() -> None:
    fetch = Script("PENDING_CREATE", "FREEZED")

    with pytest.raises(BaseTestError, match=r"thing 1 failed in FREEZED \(wanted ACTIVE/DOWN\)"):
        wait(service(), fetch, pending=frozenset({"PENDING_CREATE"}), timeout_s=600.0)


def test_wait_for_status_fails_when_the_resource_disappears() -> None:
    with pytest.raises(BaseTestError, match="thing 1 vanished, wanted ACTIVE/DOWN"):
        wait(service(), Script("BUILD", None))


# --- waiting until gone ---------------------------------------------------------------------------------------


def test_wait_until_gone_returns_on_404_or_a_gone_status(sleeps: list[float]) -> None:
    service().wait_until_gone(Script("PENDING_DELETE", None), "thing 1", timeout_s=30.0, interval_s=10.0)
    service().wait_until_gone(Script("DELETED"), "thing 1", gone=frozenset({"DELETED"}), timeout_s=30.0, interval_s=10.0)
    assert sleeps == [10.0]


def test_wait_until_gone_times_out_naming_the_resource(sleeps: list[float]) -> None:
    fetch = Script("PENDING_DELETE", "PENDING_DELETE")

    with pytest.raises(BaseTestError, match=r"^thing 1 still PENDING_DELETE 20 s after deletion$"):
        service().wait_until_gone(fetch, "thing 1", timeout_s=20.0, interval_s=10.0)
    assert (fetch.polls, sleeps) == (2, [10.0])


def test_wait_until_gone_fails_on_a_failed_status() -> None:
    with pytest.raises(BaseTestError, match="thing 1 went to ERROR while being deleted"):
        service().wait_until_gone(Script("ERROR"), "thing 1", failed=frozenset({"ERROR"}), timeout_s=30.0, interval_s=10.0)


# --- create clean-up -------------------------------------------------------------------------------------------


def failing_wait() -> Any:
    raise BaseTestError("thing 1 failed in ERROR")


def test_wait_or_clean_up_returns_what_the_wait_returns() -> None:
    deleted: list[bool] = []

    assert service().wait_or_clean_up(lambda: "ready", lambda: deleted.append(True), "thing 1") == "ready"
    assert deleted == []


def test_wait_or_clean_up_deletes_what_never_became_ready() -> None:
    deleted: list[bool] = []

    with pytest.raises(BaseTestError, match=r"^thing 1 failed in ERROR; thing 1 deleted again$") as raised:
        service().wait_or_clean_up(failing_wait, lambda: deleted.append(True), "thing 1")
    assert deleted == [True]
    assert isinstance(raised.value.__cause__, BaseTestError)


def test_wait_or_clean_up_reports_a_failed_deletion_too() -> None:
    with pytest.raises(BaseTestError, match=re.escape("thing 1 failed in ERROR; deleting thing 1 failed (HTTP 500)")):
        service().wait_or_clean_up(failing_wait, raising_now(RuntimeError("HTTP 500")), "thing 1")


def test_wait_or_clean_up_can_log_a_failed_deletion_instead(monkeypatch: pytest.MonkeyPatch) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(base.pulumi.log, "warn", warnings.append)
    quiet = service(wording=dataclasses.replace(WORDING, cleanup_failed=None))

    with pytest.raises(BaseTestError, match=r"^thing 1 failed in ERROR; thing 1 deleted again$"):
        quiet.wait_or_clean_up(failing_wait, raising_now(RuntimeError("HTTP 500")), "thing 1")
    assert warnings == ["could not delete a Test resource after its creation failed: HTTP 500"]


def raising_now(error: Exception) -> Any:
    def call() -> Any:
        raise error

    return call


# --- the provider scaffolding ----------------------------------------------------------------------------------


class ThingProvider(base.HuaweiCloudProvider):
    """The least a provider says; its calls are never made here."""

    SERVICE = SERVICE
    API = base.ResourceApi("thing", "thing", "thing_id", dict, dict)
    KIND = "thing"
    REPLACE = ("region", "size")
    UPDATE = ("name", "members")
    COMPUTED_WHEN_OMITTED = ("size",)
    UNORDERED = ("members",)

    def _client(self, props: Any) -> Any:
        raise AssertionError("diff must not build a client")

    def _timeout_s(self, operation: base.Operation) -> float:
        return 30.0

    @staticmethod
    def _outputs(props: Any, live: Any, /) -> dict[str, Any]:
        return dict(props)

    def _create_request(self, props: Any) -> Any:
        return {}

    def _update_request(self, id_: str, news: Any, changed: list[str]) -> Any:
        return {}

    def _update_in_place(self, client: Any, id_: str, olds: Any, news: Any, changed: list[str]) -> Any:
        return None


OLDS = {"region": "cn-north-4", "size": 2, "name": "thing", "members": ["a", "b"]}


@pytest.mark.parametrize(
    ("changes", "changed", "replaces"),
    [
        ({}, [], []),
        ({"size": None, "members": ["b", "a"], "region": "cn-north-4"}, [], []),
        ({"name": "renamed"}, ["name"], []),
        ({"size": 3.0, "name": UNKNOWN}, ["size", "name"], ["size"]),
        ({"region": UNKNOWN}, ["region"], ["region"]),
    ],
)
def test_diff_skips_omitted_computed_inputs_and_marks_replacements(
    changes: dict[str, Any], changed: list[str], replaces: list[str]
) -> None:
    provider = ThingProvider()

    result = provider.diff("thing-1", dict(OLDS), {**OLDS, "size": 2.0, **changes})

    assert provider.changed_keys(OLDS, {**OLDS, "size": 2.0, **changes}) == changed
    assert (result.changes, result.replaces, result.delete_before_replace) == (bool(changed), replaces, None)


def test_diff_asks_for_delete_first_replacement_when_the_provider_says_so() -> None:
    class DeleteFirst(ThingProvider):
        DELETE_BEFORE_REPLACE = True

    assert DeleteFirst().diff("thing-1", dict(OLDS), {**OLDS, "region": "cn-east-3"}).delete_before_replace is True
    assert DeleteFirst().diff("thing-1", dict(OLDS), {**OLDS, "name": "renamed"}).delete_before_replace is None
