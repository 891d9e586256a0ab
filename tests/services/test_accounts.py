"""Issue 16 item 3 on both backends: login throttle and lockout, bounded hashing, token expiry and revocation,
sessions ended by a password change."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from riso.errors import AccountLocked, NotAuthenticated, NotFound, ServerBusy, TooManyAttempts
from riso.services import accounts
from riso.store import Store

PASSWORD = "correct horse battery"


class Clock:
    """A wall clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1_900_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(accounts, "_now", fake)
    return fake


def _actions(store: Store) -> list[str]:
    return [str(a["action"]) for a in store.list_audit(limit=500)]


def test_issue16_failed_logins_wait_longer_and_longer_then_lock(store: Store, clock: Clock) -> None:
    accounts.add_user(store, "ana", "editor", PASSWORD)
    for _ in range(accounts.USER_FREE_FAILURES):
        with pytest.raises(NotAuthenticated):
            accounts.login(store, "ana", "wrong password", address="198.51.100.1")
    with pytest.raises(TooManyAttempts) as waited:  # even the right password must wait now
        accounts.login(store, "ana", PASSWORD, address="198.51.100.1")
    assert waited.value.status == 429 and waited.value.retry_after == pytest.approx(1.0)
    delays = []
    for failures in range(accounts.USER_FREE_FAILURES, accounts.LOCK_AFTER):
        delay = accounts.login_delay(failures, accounts.USER_FREE_FAILURES)
        delays.append(delay)
        clock.now += delay + 0.01
        with pytest.raises(NotAuthenticated):
            accounts.login(store, "ana", "wrong password", address=f"198.51.100.{failures}")
    assert delays == sorted(delays) and delays[-1] > delays[0]  # each wait longer than the one before
    clock.now += 10_000  # however long one waits: locked until an admin unlocks
    with pytest.raises(AccountLocked) as locked:
        accounts.login(store, "ana", PASSWORD)
    assert locked.value.status == 423 and "riso user unlock" in locked.value.hint
    assert [f.subject for f in accounts.locked_accounts(store)] == ["ana"]
    accounts.unlock_user(store, "ana", actor="boss")
    session_id, session = accounts.login(store, "ana", PASSWORD)
    assert session.user.name == "ana" and accounts.session_for(store, session_id) is not None
    actions = _actions(store)
    for action in ("session.login_failed", "session.login_throttled", "session.locked", "session.login_locked"):
        assert action in actions
    assert actions.count("session.login_failed") == accounts.LOCK_AFTER
    assert "user.unlock" in actions


def test_issue16_unknown_names_are_throttled_like_real_ones(store: Store, clock: Clock) -> None:
    for _ in range(accounts.USER_FREE_FAILURES):
        with pytest.raises(NotAuthenticated):
            accounts.login(store, "nobody", "guess")
    with pytest.raises(TooManyAttempts):  # the same answer as for an account: no way to tell which exist
        accounts.login(store, "nobody", "guess")


def test_issue16_one_address_trying_many_accounts_is_slowed(store: Store, clock: Clock) -> None:
    accounts.add_user(store, "ana", "viewer", PASSWORD)
    for i in range(accounts.ADDRESS_FREE_FAILURES):
        with pytest.raises(NotAuthenticated):
            accounts.login(store, f"guess{i}", "wrong", address="203.0.113.9")
    with pytest.raises(TooManyAttempts, match="address"):
        accounts.login(store, "ana", PASSWORD, address="203.0.113.9")
    accounts.login(store, "ana", PASSWORD, address="192.0.2.1")  # another address is not held up


def test_issue16_quiet_counters_are_forgotten(store: Store, clock: Clock) -> None:
    accounts.add_user(store, "ana", "viewer", PASSWORD)
    for _ in range(accounts.USER_FREE_FAILURES):
        with pytest.raises(NotAuthenticated):
            accounts.login(store, "ana", "wrong")
    clock.now += accounts.FORGET_AFTER_SECONDS + 1
    with pytest.raises(NotAuthenticated):
        accounts.login(store, "ana", "wrong")
    failures = store.login_failures("user", "ana")
    assert failures is not None and failures.failures == 1


class _CountingHasher:
    """argon2's hasher, counting how many hashes run at once."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.running = 0
        self.most = 0
        self.lock = threading.Lock()

    def verify(self, stored: str, password: str) -> bool:
        with self.lock:
            self.running += 1
            self.most = max(self.most, self.running)
        try:
            return bool(self.real.verify(stored, password))
        finally:
            with self.lock:
                self.running -= 1

    def hash(self, password: str) -> str:
        return str(self.real.hash(password))


def test_issue16_concurrent_logins_hash_a_few_at_a_time(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    for i in range(8):
        accounts.add_user(store, f"user{i}", "viewer", PASSWORD)
    counting = _CountingHasher(accounts._HASHER)
    monkeypatch.setattr(accounts, "_HASHER", counting)
    errors: list[BaseException] = []

    def log_in(i: int) -> None:
        try:
            accounts.login(store, f"user{i}", PASSWORD)
        except BaseException as err:  # collected: the assertion below shows it
            errors.append(err)

    threads = [threading.Thread(target=log_in, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert 1 <= counting.most <= accounts.HASH_SLOTS  # before: all eight at once (64 MiB each)


def test_issue16_a_full_hashing_pool_refuses_with_503(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    accounts.add_user(store, "ana", "viewer", PASSWORD)
    monkeypatch.setattr(accounts, "HASH_WAIT_SECONDS", 0.05)
    with accounts.hash_slot(), accounts.hash_slot(), pytest.raises(ServerBusy) as busy:
        accounts.login(store, "ana", PASSWORD)
    assert busy.value.status == 503
    accounts.login(store, "ana", PASSWORD)  # the slots are free again


def test_issue16_tokens_expire_and_can_be_revoked(store: Store, clock: Clock) -> None:
    accounts.add_user(store, "bot", "editor")
    short = accounts.issue_token(store, "bot", label="ci", expires_days=1)
    forever = accounts.issue_token(store, "bot", label="cron")
    other = accounts.issue_token(store, "bot", label="spare")
    assert accounts.authenticate_token(store, short).name == "bot"
    clock.now += 86400 + 1
    with pytest.raises(NotAuthenticated, match="expired"):
        accounts.authenticate_token(store, short)
    assert accounts.authenticate_token(store, forever).name == "bot"
    accounts.revoke_token(store, "bot", forever)
    with pytest.raises(NotAuthenticated):
        accounts.authenticate_token(store, forever)
    listed = {t.label: t for t in accounts.list_tokens(store, "bot")}
    assert set(listed) == {"ci", "spare"} and listed["ci"].expires_at is not None
    accounts.revoke_token(store, "bot", listed["spare"].id)  # by the short id `--list` shows
    with pytest.raises(NotAuthenticated):
        accounts.authenticate_token(store, other)
    with pytest.raises(NotFound):
        accounts.revoke_token(store, "bot", forever)  # already gone
    assert _actions(store).count("user.token_revoke") == 2


def test_issue16_password_change_ends_sessions(store: Store) -> None:
    accounts.add_user(store, "ana", "viewer", PASSWORD)
    session_id, _ = accounts.login(store, "ana", PASSWORD)
    assert accounts.session_for(store, session_id) is not None
    accounts.set_password(store, "ana", "a much better secret", actor="ana")
    assert accounts.session_for(store, session_id) is None
    with pytest.raises(NotAuthenticated):
        accounts.login(store, "ana", PASSWORD)
    accounts.login(store, "ana", "a much better secret")
    assert "user.password" in _actions(store)
