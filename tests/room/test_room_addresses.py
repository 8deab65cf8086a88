"""Which address the room listens on: the laptop's addresses ranked (a pure function, the list injected)."""

from __future__ import annotations

from fgd_app.core.room.addresses import LOOPBACK, choose_address, is_allowed_host, rank_addresses, room_addresses


def test_private_addresses_only_hotspot_first_then_192_168():
    found = rank_addresses(["8.8.8.8", "127.0.0.1", "10.0.5.20", "192.168.1.33", "0.0.0.0", "169.254.3.4",
                            "192.168.137.1", "10.0.5.20", "172.20.0.4", "not an address"])
    assert found == ["192.168.137.1", "192.168.1.33", "10.0.5.20", "172.20.0.4"]


def test_the_choices_end_with_loopback_and_say_what_each_is():
    choices = room_addresses(["192.168.1.33", "10.42.0.1"])
    assert [c.host for c in choices] == ["10.42.0.1", "192.168.1.33", LOOPBACK]
    assert [c.kind for c in choices] == ["hotspot", "lan", "loopback"]
    assert choices[0].label.startswith("10.42.0.1 \u2014 ")


def test_no_network_leaves_loopback_alone():
    choices = room_addresses([])
    assert [(c.host, c.kind) for c in choices] == [(LOOPBACK, "loopback")]
    assert choose_address(choices, "192.168.1.33").host == LOOPBACK


def test_the_remembered_address_wins_while_it_is_there():
    choices = room_addresses(["192.168.137.1", "192.168.1.33"])
    assert choose_address(choices, "192.168.1.33").host == "192.168.1.33"
    assert choose_address(choices, "10.9.9.9").host == "192.168.137.1"  # gone (another hall): the best one
    assert choose_address(choices).host == "192.168.137.1"


def test_never_a_public_or_unspecified_address():
    assert is_allowed_host("192.168.0.2") and is_allowed_host("127.0.0.1") and is_allowed_host("::1")
    assert not any(is_allowed_host(h) for h in ("0.0.0.0", "::", "8.8.8.8", "224.0.0.1", "", "localhost"))
