"""C2SP signed notes with Ed25519: the Go reference implementation's PeterNeumann and EnochRoot
vectors (golang.org/x/mod/sumdb/note, note_test.go), key encodings, and malformed notes."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from noncoop_shared.audit.signed_note import (
    NoteError,
    is_valid_key_name,
    key_id,
    open_note,
    parse_skey,
    parse_vkey,
    sign_note,
    skey_of,
    vkey_of,
)

# From golang.org/x/mod/sumdb/note's note_test.go (TestSign, TestOpen).
VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
TEXT = (
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n"
)
PETER_SIG = (
    "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNX"
    "gKvqfqdngotpRZb6KE6RyyBwJnAM=\n"
)
ENOCH_VKEY = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop"
ENOCH_SIG = (
    "\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnW"
    "Lox33WWd1RvMc+QQ=\n"
)
NOTE = TEXT + "\n" + PETER_SIG


def test_signing_the_reference_text_reproduces_the_reference_note_byte_for_byte() -> None:
    name, private_key = parse_skey(SKEY)
    assert name == "PeterNeumann"
    assert sign_note(TEXT, name, private_key) == NOTE


def test_the_reference_keys_round_trip() -> None:
    name, private_key = parse_skey(SKEY)
    assert skey_of(name, private_key) == SKEY
    assert vkey_of(name, private_key.public_key()) == VKEY
    key = parse_vkey(VKEY)
    assert (key.name, key.key_id.hex(), str(key)) == (name, "c74f20a3", "PeterNeumann+c74f20a3")
    assert key_id(name, key.public_key) == bytes.fromhex("c74f20a3")


def test_the_reference_note_opens_to_its_text() -> None:
    assert open_note(NOTE, VKEY) == TEXT
    assert open_note(NOTE.encode(), parse_vkey(VKEY)) == TEXT


def test_signatures_by_other_keys_are_ignored() -> None:
    assert open_note(TEXT + "\n" + ENOCH_SIG + PETER_SIG, VKEY) == TEXT
    assert open_note(TEXT + "\n" + PETER_SIG + ENOCH_SIG, ENOCH_VKEY) == TEXT


def test_a_note_without_a_signature_by_the_key_is_rejected() -> None:
    with pytest.raises(NoteError, match="no signature by key EnochRoot"):
        open_note(NOTE, ENOCH_VKEY)


def test_another_key_with_the_same_name_is_not_the_signer() -> None:
    other = vkey_of("PeterNeumann", Ed25519PrivateKey.generate().public_key())
    with pytest.raises(NoteError, match="no signature by key PeterNeumann"):
        open_note(NOTE, other)


def test_an_altered_text_is_rejected_as_an_invalid_signature() -> None:
    with pytest.raises(NoteError, match="invalid signature by key PeterNeumann"):
        open_note(NOTE.replace("cryptography", "cryptographY"), VKEY)


def test_a_corrupted_signature_is_rejected() -> None:
    corrupt = TEXT + "\n" + PETER_SIG[:60] + "ABCD" + PETER_SIG[60:]
    with pytest.raises(NoteError, match="invalid signature"):
        open_note(corrupt, VKEY)


def test_the_text_may_hold_blank_lines_and_the_last_one_separates_the_signatures() -> None:
    name, private_key = parse_skey(SKEY)
    text = "first\n\nsecond\n"
    assert open_note(sign_note(text, name, private_key), VKEY) == text


@pytest.mark.parametrize(
    "note",
    [
        TEXT,
        TEXT + "\n",
        TEXT + "\n" + PETER_SIG[:-1],
        "\x01" + NOTE,
        "tab\there\n\n" + PETER_SIG,
        TEXT + "\n" + PETER_SIG.replace("\u2014", "-"),
        TEXT + "\n" + PETER_SIG.replace("PeterNeumann", "Peter Neumann"),
        TEXT + "\n" + PETER_SIG + "Unexpected line.\n",
        TEXT + "\n" + PETER_SIG * 101,
        "\ud800" + NOTE,
    ],
)
def test_malformed_notes_are_rejected(note: str) -> None:
    with pytest.raises(NoteError, match="malformed note"):
        open_note(note, VKEY)


def test_a_note_that_is_not_utf8_is_rejected() -> None:
    with pytest.raises(NoteError, match="not valid UTF-8"):
        open_note(b"\xff" + NOTE.encode(), VKEY)


def test_every_mangled_verifier_key_is_rejected() -> None:
    raw = VKEY.encode()
    mangled = {raw[i:j] for i in range(len(raw) + 1) for j in range(i + 1, len(raw) + 1)}
    mangled |= {raw[:i] + bytes([raw[i] + 1]) + raw[i + 1 :] for i in range(len(raw))}
    mangled.discard(raw)
    for key in mangled:
        with pytest.raises(NoteError):
            parse_vkey(key.decode())


def test_every_mangled_signer_key_is_rejected() -> None:
    raw = SKEY.encode()
    for i in range(len(raw)):
        with pytest.raises(NoteError):
            parse_skey((raw[:i] + bytes([raw[i] + 1]) + raw[i + 1 :]).decode())


def test_a_key_of_another_signature_type_is_rejected() -> None:
    # Go's own test: the unknown-algorithm key, with its key ID adjusted.
    with pytest.raises(NoteError):
        parse_vkey("PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")


@pytest.mark.parametrize("name", ["", "a b", "a+b", "a\u00a0b", "tab\t", "a\nb"])
def test_key_names_are_non_empty_without_spaces_or_plus(name: str) -> None:
    assert not is_valid_key_name(name)
    with pytest.raises(NoteError, match="invalid key name"):
        vkey_of(name, Ed25519PrivateKey.generate().public_key())


def test_signing_refuses_a_text_that_does_not_end_in_a_newline() -> None:
    name, private_key = parse_skey(SKEY)
    with pytest.raises(NoteError, match="end in a newline"):
        sign_note("abc", name, private_key)
    with pytest.raises(NoteError, match="control character"):
        sign_note("a\rb\n", name, private_key)


def test_a_fresh_key_signs_notes_its_verifier_key_opens() -> None:
    private_key = Ed25519PrivateKey.generate()
    name = "log.example/noncoop"
    note = sign_note("hello\n", name, private_key)
    assert open_note(note, vkey_of(name, private_key.public_key())) == "hello\n"
    assert parse_skey(skey_of(name, private_key))[0] == name
