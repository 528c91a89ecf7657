"""C2SP tlog-checkpoint texts: the layout, and the strictness of parsing."""

from __future__ import annotations

import base64
import hashlib

import pytest

from noncoop_shared.audit.tlog_checkpoint import (
    CheckpointFormatError,
    checkpoint_text,
    parse_checkpoint_text,
)

ROOT = hashlib.sha256(b"root").digest()
ROOT_B64 = base64.b64encode(ROOT).decode()


def test_a_checkpoint_text_is_origin_size_and_base64_root_each_on_a_line() -> None:
    text = checkpoint_text("example.com/log", 20852163, ROOT)
    assert text == f"example.com/log\n20852163\n{ROOT_B64}\n"
    assert parse_checkpoint_text(text) == ("example.com/log", 20852163, ROOT, ())


def test_extension_lines_follow_the_root_and_round_trip() -> None:
    text = checkpoint_text("o", 0, ROOT, ["ext one", "ext two"])
    assert text.endswith(f"{ROOT_B64}\next one\next two\n")
    assert parse_checkpoint_text(text).extensions == ("ext one", "ext two")


def test_the_spec_example_parses() -> None:
    text = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"
    parsed = parse_checkpoint_text(text)
    assert (parsed.origin, parsed.size, len(parsed.root)) == (
        "example.com/behind-the-sofa",
        20852163,
        32,
    )


@pytest.mark.parametrize(
    "text",
    [
        f"o\n1\n{ROOT_B64}",  # no final newline
        "o\n1\n",  # two lines
        f"\n1\n{ROOT_B64}\n",  # empty origin
        f"o\n01\n{ROOT_B64}\n",  # leading zero
        f"o\n00\n{ROOT_B64}\n",
        f"o\n-1\n{ROOT_B64}\n",
        f"o\n+1\n{ROOT_B64}\n",
        f"o\n1 \n{ROOT_B64}\n",
        f"o\n\u0661\n{ROOT_B64}\n",  # an Arabic-Indic digit one
        f"o\n1\n{ROOT_B64[:-1]}\n",  # bad padding
        f"o\n1\n{base64.b64encode(ROOT[:31]).decode()}\n",  # 31 bytes
        f"o\n1\n{base64.b64encode(ROOT + b'x').decode()}\n",  # 33 bytes
        f"o\n1\n{ROOT_B64[:42]}B=\n",  # non-canonical trailing bits
        f"o\n1\n{ROOT_B64}\n\n",  # an empty extension line
        f"o\r\n1\n{ROOT_B64}\n",
    ],
)
def test_malformed_checkpoint_texts_are_rejected(text: str) -> None:
    with pytest.raises(CheckpointFormatError):
        parse_checkpoint_text(text)


@pytest.mark.parametrize(
    ("origin", "size", "root", "extensions"),
    [
        ("", 1, ROOT, ()),
        ("a\nb", 1, ROOT, ()),
        ("o", -1, ROOT, ()),
        ("o", True, ROOT, ()),
        ("o", 1, ROOT[:31], ()),
        ("o", 1, ROOT, ("",)),
        ("o", 1, ROOT, ("x\ny",)),
    ],
)
def test_a_checkpoint_text_refuses_what_it_could_not_parse_back(
    origin: str, size: int, root: bytes, extensions: tuple[str, ...]
) -> None:
    with pytest.raises(CheckpointFormatError):
        checkpoint_text(origin, size, root, extensions)
