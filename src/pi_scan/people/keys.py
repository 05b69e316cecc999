"""Person keys: keyed hashes of normalised identity attributes (never a raw value).

Each attribute of a person (name, reading, birth date, e-mail, phone, address, an ID of one
family) is normalised, then keyed with HMAC-SHA256 under the installation's secret, truncated to
64 bits and kept as ``uint64`` (0 means "not known"). Integers rather than hex strings keep a
share's millions of records small in memory and on disk. An ID's key carries its numbering
system in its top 16 bits (``system_keys``).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from pi_scan import normalize
from pi_scan.entities import ATTRIBUTE_KEYS, ID_FAMILIES, PERSON_KEY_COLUMNS, Entity

ATTRIBUTES = ATTRIBUTE_KEYS
# One column per ID family: a student number and a staff number never match each other.
ID_COLUMNS: dict[Entity, str] = ID_FAMILIES
KEY_COLUMNS = PERSON_KEY_COLUMNS  # uint64 keyed hashes, 0 = none
assert (*ATTRIBUTES, "link", *ID_COLUMNS.values()) == KEY_COLUMNS
# How each attribute is normalised before it is keyed (the entity table says which entity
# feeds which attribute)
NORMALISERS: dict[str, Callable[[str], str]] = {
    "name": normalize.name,
    "kana": normalize.kana,
    "birth": normalize.date,
    "email": normalize.email,
    "phone": normalize.phone,
    "address": normalize.address,
}
# 64-bit truncated HMAC-SHA256. Two different values of one attribute share a key with
# probability n^2 / 2^65: about 3 in a million for the 10 million distinct names of a huge share,
# and such a collision could only merge two records, never leak a value.
HASH_BYTES = 8


class SecretError(RuntimeError):
    pass


def load_or_create_secret(path: Path) -> bytes:
    """The HMAC key, kept outside the inventory. Created on first use, readable by owner only."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        key = secrets.token_bytes(32)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(key.hex().encode())
        return key
    try:
        key = bytes.fromhex(data.decode().strip())
    except (UnicodeDecodeError, ValueError) as exc:
        raise SecretError(f"the person-key secret at {path} is not valid hex") from exc
    if len(key) < 16:
        raise SecretError(f"the person-key secret at {path} is too short (need ≥ 16 bytes)")
    return key


@dataclass(frozen=True, slots=True)
class Hasher:
    """Keyed hashes, domain-separated per attribute so a phone and an ID never collide."""

    secret: bytes

    def __call__(self, kind: str, value: str) -> int:
        """The key of one value (0 for an empty one; a digest of 0 becomes 1)."""
        if not value:
            return 0
        msg = f"{kind}\x1f{value}".encode()
        return int.from_bytes(hmac.digest(self.secret, msg, "sha256")[:HASH_BYTES], "little") or 1

    def column(self, kind: str, normalised: pd.Series | np.ndarray) -> np.ndarray:
        """Hash each distinct value once (names, dates and phones repeat); uint64, 0 = empty.

        The same keys as ``__call__``, about three times faster: ``hmac.digest`` keys a new
        HMAC for every value, whereas the key's two padded blocks and the ``kind`` prefix
        are hashed once here and each value continues from copies of those states (RFC 2104,
        what ``hmac`` computes; tests compare the two)."""
        if (
            isinstance(normalised, np.ndarray)
            and len(normalised) <= normalize.DICT_FACTORISE_MAX
            and normalize.all_str(normalised)
        ):  # a short array of str (person records' values): a dict costs less than pandas
            codes, values = normalize.factorised_str(normalised)
        else:
            codes, uniques = pd.factorize(normalised, sort=False)
            values = uniques.tolist()
            if pd.api.types.infer_dtype(uniques, skipna=False) not in ("string", "empty"):
                hashed = np.fromiter((self(kind, v) for v in values), np.uint64, count=len(values))
                return np.append(hashed, np.uint64(0))[codes]
        inner, outer = _padded_states(self.secret)
        inner.update(f"{kind}\x1f".encode())
        digests = []
        for value in values:
            head = inner.copy()
            head.update(value.encode())
            tail = outer.copy()
            tail.update(head.digest())
            digests.append(tail.digest())
        # the first 8 bytes of each 32-byte digest, little-endian, as __call__ reads them
        leading = np.frombuffer(b"".join(digests), dtype="<u8")[:: 32 // HASH_BYTES]
        hashed = np.append(leading.astype(np.uint64), np.uint64(0))  # codes of -1 (NaN) → 0
        hashed[:-1][leading == 0] = 1
        if "" in values:  # at most once: the values are distinct
            hashed[values.index("")] = 0
        return hashed[codes]


_BLOCK = 64  # SHA-256's block size, to which HMAC pads (or first hashes) its key
_IPAD = bytes(x ^ 0x36 for x in range(256))
_OPAD = bytes(x ^ 0x5C for x in range(256))


def _padded_states(secret: bytes) -> tuple[Any, Any]:
    """SHA-256 states after HMAC's inner and outer key blocks, to be copied per message."""
    key = hashlib.sha256(secret).digest() if len(secret) > _BLOCK else secret
    key = key.ljust(_BLOCK, b"\0")
    return hashlib.sha256(key.translate(_IPAD)), hashlib.sha256(key.translate(_OPAD))


# An ID key's top 16 bits name its numbering system: the shape of the value (digits → 9,
# letters → A: 00012345 is 99999999, K0123 is A9999). Two numbers of one family but of different
# systems (a hospital's patient number and its patients' association's member number) never
# match and never contradict each other; two of one system that differ are two people.
SYSTEM_SHIFT = np.uint64(48)
_VALUE_MASK = np.uint64((1 << 48) - 1)
_SHAPE = str.maketrans("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", "9" * 10 + "A" * 26)


def system_keys(hasher: Hasher, kind: str, normalised: pd.Series | np.ndarray) -> np.ndarray:
    keys = hasher.column(kind, normalised)
    codes, uniques = pd.factorize(normalised, sort=False)
    systems = np.array(
        [zlib.crc32(v.translate(_SHAPE).encode()) & 0xFFFF for v in uniques.tolist()] + [0],
        dtype=np.uint64,
    )
    keyed = (keys & _VALUE_MASK) | (systems[codes] << SYSTEM_SHIFT)
    return np.where(keys == 0, np.uint64(0), np.maximum(keyed, np.uint64(1)))
