"""The Volcano Engine trail provider against a fake Cloud Trail client that fails on any unexpected call."""

from __future__ import annotations

import pickle
from typing import Any

import pytest
import volcenginesdkcloudtrail as cloudtrail  # type: ignore[import-untyped]
from volcenginesdkcore.rest import ApiException  # type: ignore[import-untyped]

from inferline.components.security.volcengine import trail as module
from inferline.components.security.volcengine.trail import TrailError, TrailProvider

REGION = "cn-beijing"
NAME = "inferline-test-site-a-audit-trail"
PROPS: dict[str, Any] = {
    "region": REGION,
    "name": NAME,
    "tos_bucket_name": "inferline-test-site-a-audit-key-1",
    "tos_key_prefix": "inferline-test-site-a-audit",
    "tos_sse_algorithm": "kms",
    "tos_kms_key_trn": "trn:kms:cn-beijing:2100:keyrings/ring/keys/key",
    "event_rw": "All",
    "logging_status": None,
}
DELIVERY = {
    "trail_name": NAME,
    "tos_bucket_name": "inferline-test-site-a-audit-key-1",
    "tos_bucket_region": REGION,
    "tos_key_prefix": "inferline-test-site-a-audit",
    "tos_sse_algorithm": "kms",
    "tos_ssekms_key_id": "trn:kms:cn-beijing:2100:keyrings/ring/keys/key",
    "event_rw": "All",
    "include_all_event_sources": True,
}


def _live(**overrides: Any) -> Any:
    fields = {key: value for key, value in DELIVERY.items() if key != "include_all_event_sources"}
    return cloudtrail.TrailForDescribeTrailsOutput(**{**fields, "logging_status": "Enable", **overrides})


def _listed(*trails: Any) -> Any:
    return cloudtrail.DescribeTrailsResponse(trails=list(trails))


def _not_found() -> ApiException:
    error = ApiException(status=404, reason="Not Found")
    error.body = b'{"ResponseMetadata": {"Error": {"Code": "TrailNotFound", "Message": "no such trail"}}}'
    return error


class FakeClient:
    """Answers the scripted calls in order; anything else fails the test. Requests are compared whole."""

    def __init__(self, *script: tuple[str, dict[str, Any], Any]) -> None:
        self.script = list(script)

    def _answer(self, method: str, request: Any) -> Any:
        assert self.script, f"unexpected call {method}({request.to_dict()})"
        expected_method, expected_request, answer = self.script.pop(0)
        assert (method, request.to_dict()) == (expected_method, _full(request, expected_request))
        if isinstance(answer, Exception):
            raise answer
        return answer

    def __getattr__(self, method: str) -> Any:
        if method not in {"create_trail", "start_logging", "describe_trails", "update_trail", "delete_trail"}:
            raise AssertionError(f"unexpected client method {method}")
        return lambda request: self._answer(method, request)


def _full(request: Any, fields: dict[str, Any]) -> dict[str, Any]:
    """The whole request dict: every model field, None unless set."""
    return {**dict.fromkeys(type(request).swagger_types), **fields}


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    slept: list[float] = []
    monkeypatch.setattr(module, "sleep", slept.append)
    return slept


@pytest.fixture
def client(monkeypatch: pytest.MonkeyPatch, sleeps: list[float]) -> list[FakeClient]:
    """Install a fake client per test: ``clients.append(FakeClient(...))``."""
    clients: list[FakeClient] = []

    def make_client(region: str) -> FakeClient:
        assert region == REGION
        return clients[-1]

    monkeypatch.setattr(module, "make_client", make_client)
    return clients


def _done(fake: FakeClient) -> None:
    assert fake.script == [], f"calls never made: {fake.script}"


def test_create_creates_starts_logging_and_waits_until_listed(client: list[FakeClient], sleeps: list[float]) -> None:
    fake = FakeClient(
        ("create_trail", DELIVERY, cloudtrail.CreateTrailResponse()),
        ("start_logging", {"trail_name": NAME}, cloudtrail.StartLoggingResponse()),
        ("describe_trails", {"trail_names": [NAME]}, _listed()),
        ("describe_trails", {"trail_names": [NAME]}, _listed(_live(trail_name="other"), _live())),
    )
    client.append(fake)
    result = TrailProvider(poll_interval_s=2).create(dict(PROPS))
    assert result.id == NAME
    assert result.outs == {**{k: v for k, v in PROPS.items() if k != "logging_status"}, "logging_status": "Enable"}
    assert sleeps == [2]
    _done(fake)


def test_create_deletes_the_trail_again_when_logging_cannot_start(client: list[FakeClient]) -> None:
    fake = FakeClient(
        ("create_trail", DELIVERY, cloudtrail.CreateTrailResponse()),
        ("start_logging", {"trail_name": NAME}, ApiException(status=400, reason="NoPermission")),
        ("delete_trail", {"trail_name": NAME}, cloudtrail.DeleteTrailResponse()),
    )
    client.append(fake)
    with pytest.raises(TrailError, match=f"starting logging of trail {NAME} failed: HTTP 400.*deleted again"):
        TrailProvider().create(dict(PROPS))
    _done(fake)


def test_create_that_never_lists_the_trail_times_out_and_cleans_up(client: list[FakeClient], sleeps: list[float]) -> None:
    fake = FakeClient(
        ("create_trail", DELIVERY, cloudtrail.CreateTrailResponse()),
        ("start_logging", {"trail_name": NAME}, cloudtrail.StartLoggingResponse()),
        *[("describe_trails", {"trail_names": [NAME]}, _listed())] * 3,
        ("delete_trail", {"trail_name": NAME}, _not_found()),
    )
    client.append(fake)
    with pytest.raises(TrailError, match=r"still not listed 30 s after its creation; trail .* was deleted again"):
        TrailProvider(timeout_s=30, poll_interval_s=10).create(dict(PROPS))
    assert sleeps == [10, 10]
    _done(fake)


def test_read_reports_the_live_trail(client: list[FakeClient]) -> None:
    fake = FakeClient(("describe_trails", {"trail_names": [NAME]}, _listed(_live(tos_key_prefix="moved"))))
    client.append(fake)
    result = TrailProvider().read(NAME, dict(PROPS))
    assert result.id == NAME
    assert result.outs["tos_key_prefix"] == "moved"
    assert result.outs["logging_status"] == "Enable"
    _done(fake)


@pytest.mark.parametrize("answer", [_listed(), _not_found()], ids=["not-listed", "404"])
def test_read_of_a_trail_that_is_gone(client: list[FakeClient], answer: Any) -> None:
    fake = FakeClient(("describe_trails", {"trail_names": [NAME]}, answer))
    client.append(fake)
    result = TrailProvider().read(NAME, dict(PROPS))
    assert result.id is None and result.outs == {}
    _done(fake)


def test_read_fails_on_other_errors(client: list[FakeClient]) -> None:
    client.append(FakeClient(("describe_trails", {"trail_names": [NAME]}, ApiException(status=500, reason="Internal"))))
    with pytest.raises(TrailError, match=f"reading trail {NAME} failed: HTTP 500 Internal"):
        TrailProvider().read(NAME, dict(PROPS))


def test_update_sends_the_whole_delivery_and_restarts_logging(client: list[FakeClient]) -> None:
    news = {**PROPS, "tos_key_prefix": "", "event_rw": "Write"}
    fake = FakeClient(
        ("update_trail", {**DELIVERY, "tos_key_prefix": None, "event_rw": "Write"}, cloudtrail.UpdateTrailResponse()),
        ("start_logging", {"trail_name": NAME}, cloudtrail.StartLoggingResponse()),
        ("describe_trails", {"trail_names": [NAME]}, _listed(_live(tos_key_prefix="", event_rw="Write"))),
    )
    client.append(fake)
    result = TrailProvider().update(NAME, dict(PROPS), news)
    assert result.outs["event_rw"] == "Write" and result.outs["tos_key_prefix"] == ""
    _done(fake)


def test_delete_waits_until_the_trail_is_no_longer_listed(client: list[FakeClient], sleeps: list[float]) -> None:
    fake = FakeClient(
        ("delete_trail", {"trail_name": NAME}, cloudtrail.DeleteTrailResponse()),
        ("describe_trails", {"trail_names": [NAME]}, _listed(_live())),
        ("describe_trails", {"trail_names": [NAME]}, _listed()),
    )
    client.append(fake)
    TrailProvider(poll_interval_s=3).delete(NAME, dict(PROPS))
    assert sleeps == [3]
    _done(fake)


def test_delete_of_a_trail_already_gone_is_success(client: list[FakeClient]) -> None:
    fake = FakeClient(("delete_trail", {"trail_name": NAME}, _not_found()))
    client.append(fake)
    TrailProvider().delete(NAME, dict(PROPS))
    _done(fake)


def test_not_found_is_read_from_the_error_code_of_an_http_200_error() -> None:
    error = ApiException(status=200, reason="{'Code': 'TrailNotExist', 'Message': 'x'}")
    assert module.is_not_found(error)
    assert not module.is_not_found(ApiException(status=200, reason="{'Code': 'InvalidParameter'}"))


def test_diff_replaces_on_region_or_name_and_updates_the_rest() -> None:
    provider = TrailProvider()
    assert not provider.diff(NAME, dict(PROPS), {**PROPS, "tos_key_prefix": "inferline-test-site-a-audit"}).changes
    renamed = provider.diff(NAME, dict(PROPS), {**PROPS, "name": "other"})
    assert renamed.replaces == ["name"] and renamed.delete_before_replace
    moved = provider.diff(NAME, dict(PROPS), {**PROPS, "tos_bucket_name": "other"})
    assert moved.changes and moved.replaces == []
    # The API reports an absent prefix as "".
    assert not provider.diff(NAME, {**PROPS, "tos_key_prefix": ""}, {**PROPS, "tos_key_prefix": None}).changes


@pytest.mark.parametrize("name", ["", "-leading", "has space", "dots.not.allowed", "x" * 65, 7])
def test_check_refuses_bad_names(name: Any) -> None:
    failures = TrailProvider().check({}, {**PROPS, "name": name}).failures
    assert [failure.property for failure in failures] == ["name"]


def test_check_accepts_the_inputs_and_unknowns() -> None:
    assert TrailProvider().check({}, dict(PROPS)).failures == []
    unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"
    assert TrailProvider().check({}, {**PROPS, "name": unknown, "tos_kms_key_trn": unknown}).failures == []


def test_check_refuses_kms_without_a_key_and_unknown_values() -> None:
    news = {**PROPS, "tos_kms_key_trn": None, "event_rw": "Some", "tos_sse_algorithm": "kms"}
    assert [f.property for f in TrailProvider().check({}, news).failures] == ["tos_kms_key_trn", "event_rw"]


@pytest.mark.parametrize("missing", ["VOLCENGINE_ACCESS_KEY", "VOLCENGINE_SECRET_KEY"])
def test_missing_credentials_fail_clearly(monkeypatch: pytest.MonkeyPatch, missing: str) -> None:
    monkeypatch.setenv("VOLCENGINE_ACCESS_KEY", "AK")
    monkeypatch.setenv("VOLCENGINE_SECRET_KEY", "SK")
    monkeypatch.delenv(missing)
    with pytest.raises(TrailError, match="Volcano Engine credentials are missing: set VOLCENGINE_ACCESS_KEY and VOLCENGINE_SECRET_KEY"):
        module.make_client(REGION)


def test_credentials_come_from_the_environment_and_never_reach_the_provider(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VOLCENGINE_ACCESS_KEY", "AK-from-env")
    monkeypatch.setenv("VOLCENGINE_SECRET_KEY", "SK-from-env")
    monkeypatch.setenv("VOLCENGINE_SESSION_TOKEN", "token-from-env")
    configuration = module.configuration_from_environment(REGION)
    assert (configuration.ak, configuration.sk, configuration.session_token, configuration.region) == (
        "AK-from-env",
        "SK-from-env",
        "token-from-env",
        REGION,
    )
    assert isinstance(module.make_client(REGION), cloudtrail.CLOUDTRAILApi)
    pickled = pickle.dumps(TrailProvider())
    assert b"from-env" not in pickled
