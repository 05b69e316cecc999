#!/usr/bin/env python3
"""Generate a large, realistic school-board file share for the scale benchmarks.

    .venv/bin/python benchmarks/scale/make_big_share.py OUTDIR [--files 20000] [--seed 7]
                     [--schools 3] [--force]

A few school shares are generated once with ``fixtures/make_share.py`` (preset ``school``, one
seed and size per school; each has rosters, guardian lists, grades, minutes, health records, a
purchased list, images, an installer, corrupt/encrypted files ... in xlsx, xls, ods, docx, csv in
CP932 / Shift_JIS / EUC-JP / UTF-8, UTF-16 text, zip). Their bytes are then copied, not
regenerated, into many places until the share holds exactly ``--files`` files:

- ``キャンパスN/<site>/<year>年度/…``: copies of a school's whole tree per site and year
  (backups, the old server, each year's folder), each copy missing a random ~15 % of the files;
- ``キャンパスN/Users/<user>/{Downloads,Desktop,Documents}/…``: a handful of files per user,
  renamed the way people rename copies (``名簿 (2).xlsx``, ``コピー ～ 名簿.xlsx``,
  ``名簿_old.xlsx``).

About one copy in ten is slightly edited so that it differs from its source: a CSV loses its last
record, a text file gets a line appended, an xlsx/docx/ods gets a new modified date in its
document properties. The same people therefore appear in many files (copies of the same roster),
which is what the distinct-people count has to see through.

Beside the share (not inside it) ``OUTDIR.manifest.json`` records, for every file, the base file
it was copied from and the edit, plus the base schools' true distinct-people counts. Prints the
file count and the total size.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import json
import os
import random
import re
import shutil
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAKE_SHARE = ROOT / "fixtures" / "make_share.py"

# (students) per school; seeds are derived from --seed. The default three schools together hold
# about 5,700 distinct people: above the 5,000 threshold.
SCHOOL_SIZES = (720, 540, 960, 360, 600)
SITES = ("本校サーバ", "旧サーバ", "バックアップ", "NAS移行分", "共有フォルダ", "事務室PC")
YEARS = tuple(range(2024, 2014, -1))
USERS = (
    "tanaka",
    "suzuki",
    "sato",
    "takahashi",
    "watanabe",
    "ito",
    "yamamoto",
    "nakamura",
    "kobayashi",
    "kato",
    "yoshida",
    "yamada",
    "sasaki",
    "yamaguchi",
    "matsumoto",
    "inoue",
    "kimura",
    "hayashi",
    "shimizu",
    "yamazaki",
    "mori",
    "abe",
    "ikeda",
    "hashimoto",
)
USER_FOLDERS = ("Downloads", "Desktop", "Documents", "Documents/作業中", "デスクトップ/整理")
DROP_FROM_TREE = 0.15  # share of a school's files missing from each site/year copy
EDIT_SHARE = 0.10  # share of copies that are slightly edited


@dataclass(frozen=True, slots=True)
class BaseFile:
    school: int
    path: str  # relative to the school's share
    data: bytes
    mtime: float

    @property
    def key(self) -> str:
        return f"school{self.school}/{self.path}"


def load_make_share():
    spec = importlib.util.spec_from_file_location("make_share", MAKE_SHARE)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_share"] = module  # dataclasses in the script look their module up
    spec.loader.exec_module(module)
    return module


def build_bases(workdir: Path, schools: int, seed: int) -> tuple[list[list[BaseFile]], list[dict]]:
    make_share = load_make_share()
    bases, infos = [], []
    for i in range(schools):
        people = SCHOOL_SIZES[i % len(SCHOOL_SIZES)]
        out = workdir / f"school{i}"
        out.mkdir(parents=True)
        truth = make_share.generate(out, people=people, seed=seed * 1000 + i, preset="school")
        files = []
        for path in sorted(p for p in out.rglob("*") if p.is_file()):
            files.append(
                BaseFile(
                    i, path.relative_to(out).as_posix(), path.read_bytes(), path.stat().st_mtime
                )
            )
        bases.append(files)
        counts = truth["counts"]
        infos.append(
            {
                "school": i,
                "students": people,
                "seed": seed * 1000 + i,
                "files": len(files),
                "distinct_individuals": counts["distinct_individuals"],
                "database_records": counts["database_records"],
            }
        )
    return bases, infos


# ------------------------------------------------------------------------------------- edits

_CORE_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)([^<]*)(</dcterms:modified>)")
_ODF_DATE = re.compile(rb"(<dc:date>)([^<]*)(</dc:date>)")


def _rezip(data: bytes, member: str, pattern: re.Pattern[bytes], stamp: bytes) -> bytes | None:
    try:
        src = zipfile.ZipFile(io.BytesIO(data))
        names = src.namelist()
    except zipfile.BadZipFile:
        return None
    if member not in names:
        return None
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == member:
                new, n = pattern.subn(lambda m: m.group(1) + stamp + m.group(3), body)
                body = new if n else body + b"\n"
            dst.writestr(info, body, compress_type=info.compress_type)
    return out.getvalue()


def _is_utf16(data: bytes) -> bool:
    return data[:2] in (b"\xff\xfe", b"\xfe\xff")


def edit(data: bytes, path: str, rng: random.Random) -> tuple[bytes, str] | None:
    """A small, realistic change; None when this kind of file is not edited."""
    ext = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    day = f"2024-{rng.randint(7, 12):02d}-{rng.randint(1, 28):02d}"
    stamp = f"{day}T09:{rng.randint(0, 59):02d}:00Z"
    if ext == "csv" and not _is_utf16(data):
        body = data.rstrip(b"\r\n")
        cut = body.rfind(b"\n")
        if cut <= 0 or body.count(b"\n") < 3:
            return None
        newline = b"\r\n" if body[cut - 1 : cut] == b"\r" else b"\n"
        return body[: cut - 1 if newline == b"\r\n" else cut] + newline, "csv: last record removed"
    if ext == "txt" and not _is_utf16(data):
        newline = b"\r\n" if b"\r\n" in data[:4096] else b"\n"
        tail = b"" if data.endswith((b"\n", b"\r")) else newline
        return data + tail + b"# updated " + stamp[:10].encode() + newline, "txt: line appended"
    if ext in ("xlsx", "docx"):
        new = _rezip(data, "docProps/core.xml", _CORE_MODIFIED, stamp.encode())
        return (new, f"{ext}: document properties' modified date") if new else None
    if ext == "ods":
        new = _rezip(data, "meta.xml", _ODF_DATE, stamp.encode())
        return (new, "ods: document date") if new else None
    return None


# --------------------------------------------------------------------------------- placement


def renamed(name: str, rng: random.Random) -> str:
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    dot_ext = f".{ext}" if ext else ""
    style = rng.randrange(7)
    if style == 0:
        return f"{stem} ({rng.randint(1, 4)}){dot_ext}"
    if style == 1:
        return f"コピー ～ {name}"
    if style == 2:
        day = f"{rng.choice(YEARS)}{rng.randint(4, 12):02d}{rng.randint(1, 28):02d}"
        return f"{stem}_{day}{dot_ext}"
    if style == 3:
        return f"{stem}_old{dot_ext}"
    if style == 4:
        return f"{stem}_作業用{dot_ext}"
    return name


class Writer:
    def __init__(self, outdir: Path, target: int, rng: random.Random) -> None:
        self.outdir = outdir
        self.target = target
        self.rng = rng
        self.manifest: dict[str, dict[str, str]] = {}
        self.bytes = 0
        self.edited = 0
        self._dirs: set[Path] = set()

    @property
    def full(self) -> bool:
        return len(self.manifest) >= self.target

    def put(self, rel: str, base: BaseFile) -> None:
        if self.full or rel in self.manifest:
            return
        data, how = base.data, ""
        if self.rng.random() < EDIT_SHARE:
            changed = edit(data, rel, self.rng)
            if changed is not None:
                data, how = changed
                self.edited += 1
        path = self.outdir / rel
        if path.parent not in self._dirs:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._dirs.add(path.parent)
        path.write_bytes(data)
        # Copies keep roughly their source's date; edited ones are newer.
        when = base.mtime + (
            self.rng.uniform(30, 150) * 86400 if how else -self.rng.uniform(0, 400) * 86400
        )
        os.utime(path, (when, when))
        self.bytes += len(data)
        self.manifest[rel] = {"source": base.key, "edit": how}

    def tree_copy(self, prefix: str, files: list[BaseFile]) -> None:
        for base in files:
            if self.rng.random() >= DROP_FROM_TREE:
                self.put(f"{prefix}/{base.path}", base)

    def user_folder(self, prefix: str, pool: list[BaseFile]) -> None:
        for _ in range(self.rng.randint(3, 14)):
            base = self.rng.choice(pool)
            self.put(f"{prefix}/{renamed(base.path.rsplit('/', 1)[-1], self.rng)}", base)


def make_big_share(outdir: Path, files: int, seed: int = 7, schools: int = 3) -> dict:
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="pi-scan-bases-") as tmp:
        bases, infos = build_bases(Path(tmp), schools, seed)
    writer = Writer(outdir, files, rng)
    # The original shares first (the 2024 folder of the main site), then copies in rounds, so
    # that any --files gives the same mix of tree copies and users' personal folders.
    for i, school in enumerate(bases):
        for base in school:
            writer.put(f"キャンパス{i + 1}/{SITES[0]}/{YEARS[0]}年度/{base.path}", base)
    combos = [(s, y) for y in YEARS for s in SITES if (s, y) != (SITES[0], YEARS[0])]
    round_no = 0
    while not writer.full:
        site, year = combos[round_no % len(combos)]
        suffix = "" if round_no < len(combos) else f"_{round_no // len(combos) + 1}"
        for i, school in enumerate(bases):
            writer.tree_copy(f"キャンパス{i + 1}/{site}{suffix}/{year}年度", school)
            for _ in range(4):  # each round, a few people save copies in their own folders
                user = rng.choice(USERS)
                folder = rng.choice(USER_FOLDERS)
                writer.user_folder(f"キャンパス{i + 1}/Users/{user}/{folder}", school)
        round_no += 1
    manifest = {
        "generator": "benchmarks/scale/make_big_share.py",
        "seed": seed,
        "files": len(writer.manifest),
        "bytes": writer.bytes,
        "edited": writer.edited,
        "schools": infos,
        "distinct_individuals_sum_of_schools": sum(s["distinct_individuals"] for s in infos),
        "paths": writer.manifest,
    }
    return manifest


def manifest_path(outdir: Path) -> Path:
    return outdir.with_name(outdir.name + ".manifest.json")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--files", type=int, default=20_000, help="files in the share")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--schools", type=int, default=3, help="distinct school populations")
    parser.add_argument("--force", action="store_true", help="replace OUTDIR if it exists")
    args = parser.parse_args(argv)
    if args.files < 1 or args.schools < 1:
        parser.error("--files and --schools must be positive")
    outdir: Path = args.outdir
    if outdir.exists() and any(outdir.iterdir()):
        if not args.force:
            parser.error(f"{outdir} exists and is not empty (use --force to replace it)")
        shutil.rmtree(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    manifest = make_big_share(outdir, args.files, args.seed, args.schools)
    manifest_path(outdir).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=0) + "\n", encoding="utf-8"
    )
    kinds: dict[str, int] = {}
    for rel in manifest["paths"]:
        ext = rel.rsplit(".", 1)[-1].lower() if "." in rel.rsplit("/", 1)[-1] else "(none)"
        kinds[ext] = kinds.get(ext, 0) + 1
    print(
        f"{outdir}: {manifest['files']:,} files, {manifest['bytes'] / 1e6:,.1f} MB, "
        f"{manifest['edited']:,} edited copies, {len(manifest['schools'])} schools with "
        f"{manifest['distinct_individuals_sum_of_schools']:,} distinct people in all "
        f"({time.perf_counter() - t0:.1f} s)"
    )
    by_count = sorted(kinds.items(), key=lambda kv: -kv[1])
    print("kinds: " + ", ".join(f"{k} {v:,}" for k, v in by_count))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
