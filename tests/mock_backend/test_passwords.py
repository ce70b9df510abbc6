"""Password hashes: scrypt in PHC form with their parameters, verified, and flagged for re-hashing."""

from __future__ import annotations

import pytest

from app.mock_backend import passwords
from app.mock_backend.passwords import (
    LIGHT_COST_FOR_TESTS,
    SERVER_COST,
    ScryptCost,
    cost_of,
    dummy_hash,
    hash_password,
    needs_rehash,
    verify_password,
)

LIGHT = LIGHT_COST_FOR_TESTS


def test_a_hash_says_how_it_was_made_and_verifies_only_its_password() -> None:
    stored = hash_password("correct horse", LIGHT)
    assert stored.startswith("$scrypt$ln=4,r=1,p=1$")
    assert cost_of(stored) == LIGHT
    assert verify_password("correct horse", stored)
    assert not verify_password("correct horsE", stored)
    assert hash_password("correct horse", LIGHT) != stored  # a new salt every time


def test_a_hash_made_with_other_parameters_needs_rehashing() -> None:
    stored = hash_password("pw", LIGHT)
    assert not needs_rehash(stored, LIGHT)
    assert needs_rehash(stored, ScryptCost(ln=5, r=1, p=1))
    assert needs_rehash("pbkdf2_sha256$2000$abc$def", LIGHT)


@pytest.mark.parametrize("stored", ["", "$scrypt$ln=4,r=1,p=1$", "plain", "$scrypt$ln=4,r=1,p=1$!!$!!"])
def test_a_malformed_hash_never_verifies(stored: str) -> None:
    assert not verify_password("pw", stored)


def test_the_dummy_hash_costs_what_a_member_hash_costs() -> None:
    assert cost_of(dummy_hash(LIGHT)) == LIGHT
    assert dummy_hash(LIGHT) is dummy_hash(LIGHT)  # made once per cost


def test_the_served_cost_is_owasp_scrypt_and_tests_use_a_lighter_one() -> None:
    assert (2**SERVER_COST.ln, SERVER_COST.r, SERVER_COST.p) == (2**14, 8, 5)
    assert SERVER_COST.memory_bytes == 16 * 2**20
    assert passwords.default_cost() == LIGHT  # tests/conftest.py chose it; a served backend never does


def test_a_lone_surrogate_cannot_crash_hashing() -> None:
    assert verify_password("\ud800", hash_password("\ud800", LIGHT))


def test_a_backend_started_outside_the_test_suites_hashes_with_the_served_cost() -> None:
    import subprocess
    import sys

    code = "from app.mock_backend import build_demo_store as b; print(b().password_cost)"
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert shown.strip() == repr(SERVER_COST)
