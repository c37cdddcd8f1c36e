#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora from Fixtures/ (generated at run time, not committed).

seeds.py OUT_DIR: OUT_DIR/<target>/ gets one file per input, named by content hash.
- FuzzJSONScanner, FuzzNormalizer: single lines of every fixture (at most 4 KB each);
  the normalizer also gets runs of consecutive lines (records with continuation lines).
- FuzzRecordSplitter: a piece-size byte, then up to 4 KB of each fixture (several offsets).
- FuzzQuery: the committed queries in Tests/Fuzz/seeds/query, each also followed by a NUL and
  a fixture line (the record the harness adds).
"""
import gzip
import hashlib
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
MAX = 4096


def fixture_files():
    for path in sorted((ROOT / "Fixtures").rglob("*")):
        if path.suffix == ".log":
            yield path.read_bytes()
        elif path.suffix == ".gz":
            yield gzip.decompress(path.read_bytes())


def write(directory, data):
    directory.mkdir(parents=True, exist_ok=True)
    (directory / hashlib.sha1(data).hexdigest()).write_bytes(data)


def main(out):
    files = list(fixture_files())
    lines = []
    for data in files:
        # The incident logs repeat their shapes: a few hundred lines say it all.
        for line in data.split(b"\n")[:120]:
            if len(line) <= MAX:
                lines.append(line)
    for line in lines:
        write(out / "FuzzJSONScanner", line)
        write(out / "FuzzNormalizer", line)
    for data in files:
        split = data.split(b"\n")[:60]
        for i in range(len(split)):
            record = b"\n".join(split[i : i + 6])
            if len(record) <= MAX:
                write(out / "FuzzNormalizer", record)
    for n, data in enumerate(files):
        for offset in range(0, min(len(data), 64 * 1024), 16 * 1024):
            write(out / "FuzzRecordSplitter", bytes([n * 7 % 64]) + data[offset : offset + MAX])
    queries = sorted((HERE / "seeds" / "query").glob("*"))
    for n, query in enumerate(queries):
        text = query.read_bytes().rstrip(b"\n")
        write(out / "FuzzQuery", text)
        write(out / "FuzzQuery", text + b"\0" + lines[n * 13 % len(lines)])


if __name__ == "__main__":
    main(pathlib.Path(sys.argv[1]))
