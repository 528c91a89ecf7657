"""``python -m noncoop_shared.privacy rewrap``: re-wrap every data key with the current master key.

Reads ``NONCOOP_KEYRING_URL``, ``NONCOOP_MASTER_KEY`` (the new key) and
``NONCOOP_RETIRED_MASTER_KEYS`` (the old ones, comma-separated). Prints how many keys it
re-wrapped; run it until it prints 0, then drop the retired keys (docs/operations.md).
Erasure is not here: it goes through the referrals API, so that it is recorded on the log.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys

from noncoop_shared.privacy.keyring import Keyring, MasterKeys, parse_master_key


def master_keys_from_environment() -> MasterKeys:
    current = os.environ.get("NONCOOP_MASTER_KEY", "")
    if not current:
        raise SystemExit("rewrap: set NONCOOP_MASTER_KEY to the new master key")
    retired = os.environ.get("NONCOOP_RETIRED_MASTER_KEYS", "")
    return MasterKeys(
        parse_master_key(current), tuple(parse_master_key(k) for k in retired.split(",") if k)
    )


async def rewrap(dsn: str, master: MasterKeys) -> int:
    keyring = await Keyring.open(dsn, master)
    try:
        return await keyring.rewrap()
    finally:
        await keyring.close()


def main(argv: list[str] | None = None, *, prog: str | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog=prog or "python -m noncoop_shared.privacy",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    # A subcommand, as the key generator's: ``rewrap --help`` is its own help, and its usage
    # names it (``noncoop keys rewrap``).
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser(
        "rewrap",
        help="re-wrap every data key with the current master key",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.parse_args(argv)
    dsn = os.environ.get("NONCOOP_KEYRING_URL", "")
    if not dsn:
        print("rewrap: set NONCOOP_KEYRING_URL to the keyring's database", file=sys.stderr)
        return 2
    count = asyncio.run(rewrap(dsn, master_keys_from_environment()))
    print(
        f"re-wrapped {count} data keys with master key {master_keys_from_environment().current_id}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
