#!/usr/bin/env python3
"""An Elasticsearch 8.x / OpenSearch 2.x test server written from their REST documentation and
sources (answer shapes, status codes, error types and wordings), for logview's tests.

    es_server.py DATA.json

DATA.json: {"distribution": "elasticsearch" | "opensearch", "version": "8.13.0",
  "indices": {"logs-a": {"mappings": {"properties": {...}}, "docs": [{"_id": "1", "_source": {...}}]}},
  "max_result_window": 10000, "faults": ["500", "503", "429", "garbage", "truncated", "401"],
  "auth": "Basic ..." | "ApiKey ..." | null, "log": PATH, "live": [[after_ms, "logs-a", doc], ...]}
Serves GET /, GET [/INDEX]/_mapping, [/INDEX]/_search, a point in time (ES: POST /INDEX/_pit and
DELETE /_pit; OpenSearch: POST /INDEX/_search/point_in_time and DELETE /_search/point_in_time),
[/INDEX]/_bulk (index, create) and /INDEX/_doc[/ID]; fields the mapping lacks are mapped as ES's
dynamic mapping does. Sorting on _shard_doc needs a point in time, and OpenSearch 3.3 or later
("version"); ES adds it to a sorted point-in-time search by itself. `faults` are answered, one per request, before any real answer ("500",
"503", "429" with Retry-After: 1, "garbage", "truncated", "401", "hang" (no answer for a
minute), or any other status); `auth` is
the Authorization header required. `live` documents become searchable that long after start (a
point in time opened before does not see them). Each request is appended to the file `log` as a
JSON line (method, path, query parameters, lowercased headers, parsed body).

Listens on 127.0.0.1 on a free port and prints it on the first line of stdout; stops when its
standard input closes (the test that started it went away).
"""
import base64, calendar, fnmatch, functools, http.server, itertools, json, operator, os, re, sys, threading, time
import urllib.parse

STATE = {"distribution": "elasticsearch", "version": None, "indices": {}, "max_result_window": 10000,
         "faults": [], "auth": None, "log": None, "live": []}
LOCK = threading.Lock()
PITS, PIT_MAGIC, PIT_NUMBERS = {}, b"\x85\x03logview-pit:", itertools.count(1)
MAX_LONG, MIN_LONG = 2**63 - 1, -2**63
NUMERIC = {"long", "integer", "short", "byte", "double", "float", "half_float", "scaled_float", "unsigned_long"}
DATES = {"date", "date_nanos"}
BAD_VALUE = (ValueError, TypeError, KeyError, OverflowError, AttributeError)
ISO = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d)(?:[T ](\d\d)(?::?(\d\d)(?::?(\d\d)(?:[.,](\d{1,9}))?)?)?)?)?)?"
                 r"(Z|[+-]\d\d(?::?\d\d)?)?")
UNIT = {"s": 1, "m": 60, "h": 3600, "H": 3600, "d": 86400, "w": 604800, "M": 2592000, "y": 31536000}
TEXT_SORT = ("Text fields are not optimised for operations that require per-document field data like aggregations "
             "and sorting, so these operations are disabled by default. Please use a keyword field instead. "
             "Alternatively, set fielddata=true on [{}] in order to load field data by uninverting the inverted "
             "index. Note that this can use significant memory.")


def es():
    return STATE["distribution"] != "opensearch"


def shard_doc():
    """ES sorts on _shard_doc since 7.12; OpenSearch since 3.3 (2.x: "No mapping found for [_shard_doc]...")."""
    return es() or [int(x) for x in re.findall(r"\d+", STATE["version"] or "2")[:2]] >= [3, 3]


class Fail(Exception):
    def __init__(self, status, body, headers=()):
        super().__init__(status)
        self.status, self.body, self.headers = status, body, list(headers)


class ShardError(Exception):
    """Raised while shards run the query; search() answers it as ES does (all shards failed)."""
    def __init__(self, kind, reason):
        super().__init__(reason)
        self.kind, self.reason = kind, reason


def error(status, kind, reason, **extra):
    cause = dict(type=kind, reason=reason, **extra)
    return Fail(status, {"error": dict(root_cause=[cause], **cause), "status": status})


def shard_error(status, kind, reason, names, shard=0):
    cause = {"type": kind, "reason": reason}
    failed = [dict({"shard": shard, "index": n}, **({"node": "Xq3mC9ZpTzGZ1kz0t8n2sA"} if n else {}), reason=cause)
              for n in names]
    return Fail(status, {"error": {"root_cause": [cause], "type": "search_phase_execution_exception",
                                   "reason": "all shards failed", "phase": "query", "grouped": True,
                                   "failed_shards": failed, "caused_by": dict(cause, caused_by=cause)},
                         "status": status})


def not_found(name):
    return error(404, "index_not_found_exception", f"no such index [{name}]", **{
        "resource.type": "index_or_alias", "resource.id": name, "index_uuid": "_na_", "index": name})


def parsing(reason, raw, needle, start=0, **extra):
    """A parsing_exception located (line, col) where `needle` first appears in the body after `start`."""
    i = raw.find(needle, max(start, 0))
    line, col = (raw.count("\n", 0, i) + 1, i - raw.rfind("\n", 0, i)) if i >= 0 else (1, 1)
    return error(400, "parsing_exception", reason, line=line, col=col, **extra)


def validate(problems):
    if problems:
        raise error(400, "action_request_validation_exception",
                    "Validation Failed: " + "".join(f"{i}: {p};" for i, p in enumerate(problems, 1)))


# ---- values: dates, types, mappings

def to_nanos(v, fmt=None):
    fmts = (fmt or "strict_date_optional_time||epoch_millis").split("||")
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return int(v * 10**9) if "epoch_second" in fmts else int(v * 10**6)
    s = str(v).strip() if not isinstance(v, bool) else ""
    if s.startswith("now"):  # date math: now, now-15m, now-1d/d (months and years approximated)
        m = re.fullmatch(r"now((?:[+-]\d+[yMwdhHms])*)(?:/([yMwdhHms]))?", s)
        t = time.time() + sum(int(n) * UNIT[u] * (1 if sg == "+" else -1)
                              for sg, n, u in re.findall(r"([+-])(\d+)(\w)", m.group(1)))
        return int((t - t % UNIT[m.group(2)] if m.group(2) else t) * 1000) * 10**6
    for f in fmts:
        if f.startswith("epoch_") and re.fullmatch(r"-?\d+(\.\d+)?", s):
            scale = 10**9 if f == "epoch_second" else 10**6
            return int(s) * scale if s.lstrip("-").isdigit() else int(float(s) * scale)
        m = None if f.startswith("epoch_") else ISO.fullmatch(s)
        if m:
            y, mo, d, h, mi, sec, frac, tz = m.groups()
            secs = calendar.timegm((int(y), int(mo or 1), int(d or 1), int(h or 0), int(mi or 0), int(sec or 0)))
            if tz and tz != "Z":
                hm = tz[1:].replace(":", "")
                secs -= (1 if tz[0] == "+" else -1) * (int(hm[:2]) * 3600 + int(hm[2:4] or 0) * 60)
            return secs * 10**9 + int((frac or "0").ljust(9, "0"))
    raise ValueError(s)


def fmt_date(ns, fmt):
    f = fmt.split("||")[0]
    if f in ("epoch_millis", "epoch_second"):
        return str(ns // (10**6 if f == "epoch_millis" else 10**9))
    secs, rem = divmod(ns, 10**9)
    frac = f"{rem:09d}".rstrip("0").ljust(3, "0") if "nanos" in f else f"{rem:09d}"[:3]
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(secs)) + "." + frac + "Z"


def norm(t, v, fmt=None):
    """v as a field of type t holds it; dates in milliseconds (date) or nanoseconds (date_nanos)."""
    if t[0] in DATES:
        ns = to_nanos(v, fmt or t[2])
        return ns if t[0] == "date_nanos" else ns // 10**6
    if t[0] in NUMERIC:
        if isinstance(v, bool):
            raise ValueError(v)
        return v if isinstance(v, (int, float)) else int(v) if re.fullmatch(r"\s*-?\d+\s*", str(v)) else float(v)
    if t[0] == "boolean":
        return v if isinstance(v, bool) else {"true": True, "false": False, "": False}[str(v)]
    return ("true" if v else "false") if isinstance(v, bool) else v if isinstance(v, str) else json.dumps(v)


def values(src, path):
    """Values at a dotted path, through objects, literal dotted keys ("http.status") and arrays."""
    out = []

    def walk(node, parts):
        if isinstance(node, list):
            for n in node:
                walk(n, parts)
        elif not parts:
            out.extend([] if node is None else [node])
        elif isinstance(node, dict):
            for i in range(1, len(parts) + 1):
                if ".".join(parts[:i]) in node:
                    walk(node[".".join(parts[:i])], parts[i:])
    walk(src, path.split("."))
    return out


def flatten(props, prefix="", out=None):
    """Mapping properties -> {field: (type, source path, format, ignore_above)}, multi-fields and the
    _id and _index metadata fields included."""
    out = {"_id": ("keyword", "_id", None, None), "_index": ("keyword", "_index", None, None)} if out is None else out
    for name, spec in props.items():
        if "properties" in spec:
            flatten(spec["properties"], prefix + name + ".", out)
        elif spec.get("type", "object") not in ("object", "nested"):
            out[prefix + name] = (spec["type"], prefix + name, spec.get("format"), spec.get("ignore_above"))
        for sub, sub_spec in spec.get("fields", {}).items():
            out[prefix + name + "." + sub] = (sub_spec.get("type", "keyword"), prefix + name, sub_spec.get("format"),
                                              sub_spec.get("ignore_above"))
    return out


def infer(props, src):
    """ES's default dynamic mapping, for the fields of a new document the mapping lacks."""
    for key, v in src.items():
        *parents, leaf = key.split(".")
        for part in parents:
            props = props.setdefault(part, {"properties": {}}).setdefault("properties", {})
        v = next((x for x in v if x is not None), None) if isinstance(v, list) else v
        if isinstance(v, dict):
            infer(props.setdefault(leaf, {"properties": {}}).setdefault("properties", {}), v)
        elif v is not None and leaf not in props:
            props[leaf] = {"type": "boolean" if isinstance(v, bool) else "long" if isinstance(v, int) else "float"}
            if isinstance(v, str):
                props[leaf] = {"type": "date"} if re.fullmatch(r"\d{4}-\d\d-\d\d(T[\d:.,]+)?(Z|[+-][\d:]+)?", v) \
                    else {"type": "text", "fields": {"keyword": {"type": "keyword", "ignore_above": 256}}}


def add_doc(name, src, _id=None, create=False):
    """Indexes a document (caller holds LOCK); returns its bulk item."""
    idx = STATE["indices"].setdefault(name, {"mappings": {"properties": {}}, "docs": [], "ids": {}})
    _id = str(_id) if _id is not None else base64.urlsafe_b64encode(os.urandom(15)).decode()
    at, item = idx["ids"].get(_id), {"_index": name, "_id": _id}
    if at is not None and create:
        return dict(item, status=409, error={"type": "version_conflict_engine_exception", "index": name, "reason":
                    f"[{_id}]: version conflict, document already exists (current version [{idx['docs'][at]['v']}])"})
    infer(idx["mappings"].setdefault("properties", {}), src)
    doc = {"_index": name, "_id": _id, "_source": src, "v": 1 if at is None else idx["docs"][at]["v"] + 1}
    if at is None:
        idx["ids"][_id] = len(idx["docs"])
        idx["docs"].append(doc)
    else:  # replaced, not changed: a point in time keeps seeing the old one
        idx["docs"][at] = doc
    idx["seq"] = idx.get("seq", -1) + 1
    return dict(item, _version=doc["v"], result="created" if at is None else "updated", _shards={
        "total": 2, "successful": 1, "failed": 0}, _seq_no=idx["seq"], _primary_term=1, status=201 if at is None else 200)


def resolve(expr):
    """Index names for "a,b", wildcards, _all and -exclusions; a missing concrete name is a 404."""
    names, out = sorted(STATE["indices"]), []
    for part in expr.split(","):
        if part.startswith("-") and out:
            out = [n for n in out if not fnmatch.fnmatchcase(n, part[1:])]
        elif "*" in part or part == "_all":
            out += [n for n in names if fnmatch.fnmatchcase(n, "*" if part == "_all" else part)]
        elif part in STATE["indices"]:
            out.append(part)
        else:
            raise not_found(part)
    with LOCK:  # (name, documents now, field types): what a search or a point in time reads
        return [(n, list(STATE["indices"][n]["docs"]), flatten(STATE["indices"][n]["mappings"].get("properties", {})))
                for n in dict.fromkeys(out)]


# ---- query DSL: each query becomes a predicate(doc, types)

def cached(doc, key, make):
    cache = doc.setdefault("_c", {})
    if key not in cache:
        cache[key] = make()
    return cache[key]


def doc_values(doc, t):
    def make():
        out = []
        for v in [doc[t[1]]] if t[1] in ("_id", "_index") else values(doc["_source"], t[1]):
            try:
                out.append(norm(t, v))
            except BAD_VALUE:
                pass
        return [v for v in out if not (t[0] == "keyword" and t[3] and len(v) > t[3])]  # not indexed past ignore_above
    return cached(doc, t, make)


def tokens(s):  # the standard analyzer, near enough
    return re.findall(r"\w+", str(s).lower())


def words(doc, t):
    return cached(doc, ("words", t), lambda: [w for x in doc_values(doc, t) for w in tokens(x)])


def query_value(cache, t, v, fmt=None):
    key = (t, fmt, repr(v))
    if key not in cache:
        try:
            cache[key] = norm(t, v, fmt)
        except BAD_VALUE:
            if t[0] in DATES:
                raise ShardError("parse_exception", f"failed to parse date field [{v}] with format "
                                 f"[{fmt or t[2] or 'strict_date_optional_time||epoch_millis'}]")
            raise ShardError("query_shard_exception", f'failed to create query: For input string: "{v}"')
    return cache[key]


def equals(value, ci=False):
    cache = {}

    def test(doc, t):
        if t[0] == "text":  # a term is not analyzed: it must be one of the field's tokens
            s = norm(("keyword",), value)
            return any(w == s or ci and w == s.lower() for w in words(doc, t))
        q = query_value(cache, t, value)
        return any(x == q or ci and isinstance(x, str) and x.lower() == str(q).lower() for x in doc_values(doc, t))
    return test


def matches(kind, o):
    want, exact, every = tokens(o["query"]), equals(o["query"]), str(o.get("operator", "or")).lower() == "and"

    def test(doc, t):
        if t[0] != "text":
            return exact(doc, t)
        if kind == "match":
            have = set(words(doc, t))
            return bool(want) and (all if every else any)(w in have for w in want)
        return bool(want) and any(s[i:i + len(want)] == want for s in map(tokens, doc_values(doc, t))
                                  for i in range(len(s)))
    return test


def in_range(o):
    ops, cache = [(getattr(operator, k.replace("te", "e")), v) for k, v in o.items() if k in ("gt", "gte", "lt", "lte")
                  and v is not None], {}

    def test(doc, t):
        bounds = [(op, query_value(cache, t, v, o.get("format"))) for op, v in ops]
        return any(all(op(x, b) for op, b in bounds) for x in doc_values(doc, t))
    return test


def lenient(test, doc, t):
    try:
        return test(doc, t)
    except ShardError:  # a value the field cannot hold matches nothing
        return False


def lucene_regexp(p):
    """Lucene syntax -> Python (matched whole): ^ and $ are literals, "..." quotes, @ is anything, # nothing."""
    return re.sub(r'\\.|\[(?:\\.|[^\]\\])*\]|"[^"]*"|[@#^$]', lambda m: {"@": ".*", "#": "(?!)"}.get(
        m[0], re.escape(m[0][1:-1]) if m[0][0] == '"' else m[0] if m[0][0] in "\\[" else "\\" + m[0]), p)


def pattern(kind, o):
    v = str(o.get("value", o.get("wildcard", "")))
    rx = re.compile(lucene_regexp(v) if kind == "regexp" else
                    "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in v),
                    re.S | (re.I if o.get("case_insensitive") else 0))
    return lambda doc, t: any(isinstance(x, str) and rx.fullmatch(x)
                              for x in (words(doc, t) if t[0] == "text" else doc_values(doc, t)))


def compile_query(q, raw):
    """match_all, bool, term, terms, range, match, match_phrase, multi_match, regexp, wildcard, exists, ids."""
    if not isinstance(q, dict) or len(q) > 1:
        raise parsing("query malformed, must start with start_object" if not isinstance(q, dict) else
                      f"[{list(q)[0]}] malformed query, expected [END_OBJECT] but found [FIELD_NAME]", raw, '"query"')
    kind, body = next(iter(q.items())) if q else ("match_all", {})
    leaves = {"term": lambda o: equals(o["value"], o.get("case_insensitive")), "range": in_range,
              "match": functools.partial(matches, "match"), "match_phrase": functools.partial(matches, "match_phrase"),
              "regexp": functools.partial(pattern, "regexp"), "wildcard": functools.partial(pattern, "wildcard")}
    try:
        if kind == "match_all":
            return lambda doc, types: True
        if kind == "bool":
            c = {k: [compile_query(x, raw) for x in (body[k] if isinstance(body[k], list) else [body[k]])]
                 if k in body else [] for k in ("must", "filter", "should", "must_not")}
            n, msm = len(c["should"]), str(body.get("minimum_should_match", "")).strip()
            need = n * abs(int(msm[:-1])) // 100 if msm.endswith("%") else abs(int(msm)) if msm else \
                0 if c["must"] or c["filter"] else min(n, 1)
            need = 0 if not n else n - need if msm.startswith("-") else need
            return lambda doc, types: (all(f(doc, types) for f in c["must"] + c["filter"])
                                       and not any(f(doc, types) for f in c["must_not"])
                                       and sum(1 for f in c["should"] if f(doc, types)) >= need)
        if kind == "exists":  # an object field exists when one of its fields has a value
            f = body["field"]
            return lambda doc, types: any(doc_values(doc, t) for p, t in types.items() if p == f or p.startswith(f + "."))
        if kind == "ids":
            ids = set(map(str, body["values"]))
            return lambda doc, types: doc["_id"] in ids
        if kind == "multi_match":  # over "fields", by default every field; lenient as "*" makes it
            test = matches("match_phrase" if body.get("type") == "phrase" else "match", body)
            fields = [f.split("^")[0] for f in body.get("fields") or ["*"]]
            return lambda doc, types: any(lenient(test, doc, t) for p, t in types.items() if p not in (
                "_id", "_index") and any(fnmatch.fnmatchcase(p, f) for f in fields))
        if kind == "terms":
            field, wanted = next((k, v) for k, v in body.items() if k != "boost")
            if not isinstance(wanted, list):
                raise TypeError("[terms] needs an array of values")
            tests = [equals(v) for v in wanted]
            return lambda doc, types: field in types and any(test(doc, types[field]) for test in tests)
        if kind in leaves:
            (field, o), = [(k, v) for k, v in body.items() if k not in ("boost", "_name")]
            test = leaves[kind](o if isinstance(o, dict) else {"query" if "match" in kind else "value": o})
            return lambda doc, types: field in types and test(doc, types[field])
    except (AttributeError, TypeError, KeyError, IndexError, StopIteration, ValueError, re.error) as e:
        raise parsing(f"[{kind}] malformed query: {e!r}", raw, f'"{kind}"')
    raise parsing(f"unknown query [{kind}]", raw, f'"{kind}"', caused_by={
        "type": "named_object_not_found_exception", "reason": f"unknown field [{kind}]"})


# ---- sorting and search

def parse_sort(sort):
    specs = []
    for item in [] if sort is None else sort if isinstance(sort, list) else [sort]:
        field, o = (item, {}) if isinstance(item, str) else next(iter(item.items()))
        o = {"order": o} if isinstance(o, str) else o
        specs.append(dict(o, field=field, order=o.get("order", "desc" if field == "_score" else "asc")))
    return specs


def sort_key(specs, ordinal, pos, doc, types, score):
    key = []
    for sp in specs:
        f, t = sp["field"], types.get(sp["field"])
        if f in ("_score", "_doc") or f == "_shard_doc" and shard_doc():  # _shard_doc: shard ordinal << 32 | doc id
            key.append(score if f == "_score" else pos if f == "_doc" else (ordinal << 32) + pos)
        elif f == "_id" and es():
            raise ShardError("illegal_argument_exception", "Fielddata access on the _id field is disallowed, you can "
                             "re-enable it by updating the dynamic cluster setting: indices.id_field_data.enabled")
        elif t is None and not sp.get("unmapped_type"):
            raise ShardError("query_shard_exception", f"No mapping found for [{f}] in order to sort on")
        elif t and t[0] == "text":
            raise ShardError("illegal_argument_exception", TEXT_SORT.format(f))
        elif t and doc_values(doc, t):
            key.append((min if sp["order"] == "asc" else max)(doc_values(doc, t)))
        else:  # missing: last; numbers as Long.MAX/MIN_VALUE, which ES also returns as the sort value
            key.append(None if t and t[0] not in NUMERIC | DATES else MAX_LONG if sp["order"] == "asc" else MIN_LONG)
    return key


def compare(specs, a, b):
    for sp, x, y in zip(specs, a, b):
        if x != y:
            if x is None or y is None:  # a missing keyword sorts last either way
                return 1 if x is None else -1
            return (-1 if x < y else 1) * (-1 if sp["order"] == "desc" else 1)
    return 0


def after_key(specs, after, shards):
    key = []
    for sp, v in zip(specs, after):
        t = next((s[2][sp["field"]] for s in shards if sp["field"] in s[2]), None)
        try:
            key.append(v if v is None or t is None or t[0] in DATES and isinstance(v, int) else norm(t, v, sp.get("format")))
        except BAD_VALUE:
            raise ShardError("illegal_argument_exception", f"Failed to parse search_after value for field [{sp['field']}].")
    return key


def sort_values(specs, key, types):
    """Sort values as ES answers them: dates as epoch millis (nanos for date_nanos) unless a format is asked."""
    return [fmt_date(v if types[sp["field"]][0] == "date_nanos" else v * 10**6, sp["format"])
            if sp.get("format") and types.get(sp["field"], "x")[0] in DATES and v not in (None, MAX_LONG, MIN_LONG)
            else v for sp, v in zip(specs, key)]


def search(expr, body, raw, params):
    body = {} if body is None else body
    for k, v in body.items() if isinstance(body, dict) else []:
        if v is None:
            raise parsing(f"Unknown key for a VALUE_NULL in [{k}].", raw, "null", raw.find(f'"{k}"'))
    size, frm = int(params.get("size", body.get("size", 10))), int(params.get("from", body.get("from", 0)))
    after, pit = body.get("search_after"), body.get("pit")
    query, q, specs = compile_query(body.get("query", {}), raw), body.get("query") or {}, parse_sort(body.get("sort"))
    score = 0.0 if "bool" in q and not q["bool"].get("must") and not q["bool"].get("should") else 1.0
    validate([p for p, bad in [
        ("[indices] cannot be used with point in time. Do not specify any index with point in time.",
         pit is not None and expr is not None),
        ("[from] parameter must be set to 0 when [search_after] is used", after is not None and frm > 0),
        (f"[size] parameter cannot be negative, found [{size}]", size < 0),
        ("[_shard_doc] sort field cannot be used without [point in time]",
         es() and pit is None and any(sp["field"] == "_shard_doc" for sp in specs))] if bad])
    shards = use_pit(pit.get("id", ""), pit.get("keep_alive")) if pit else resolve(expr or "_all")
    if es() and pit and specs and specs[-1]["field"] != "_shard_doc" and (after is None or len(after) == len(specs) + 1):
        specs.append({"field": "_shard_doc", "order": "asc"})  # ES adds this tiebreaker to sorted PIT searches
    frm, window = max(frm, 0), STATE["max_result_window"]
    try:
        if shards and frm + size > window:
            raise ShardError("illegal_argument_exception", f"Result window is too large, from + size must be less "
                             f"than or equal to: [{window}] but was [{frm + size}]. See the scroll api for a more "
                             "efficient way to request large data sets. This limit can be set by changing the "
                             "[index.max_result_window] index level setting.")
        if shards and after is not None and len(after) != len(specs):
            raise ShardError("illegal_argument_exception", f"search_after has {len(after)} value(s) but sort has "
                             f"{len(specs)}." if specs else "Sort must contain at least one field.")
        found = [(name, ordinal, pos, doc, types) for ordinal, (name, docs, types) in enumerate(shards)
                 for pos, doc in enumerate(docs) if query(doc, types)]
        ranked = [(sort_key(specs, *m[1:], score) if specs else None, m) for m in found]
        if after is not None and ranked:
            bound = after_key(specs, after, shards)
            ranked = [r for r in ranked if compare(specs, r[0], bound) > 0]
        if specs:
            ranked.sort(key=functools.cmp_to_key(lambda a, b: compare(specs, a[0], b[0])))
    except ShardError as e:
        raise shard_error(400, e.kind, e.reason, [s[0] for s in shards])
    hits = []
    for key, (name, _, _, doc, types) in ranked[frm:frm + size]:
        hits.append({"_index": name, "_id": doc["_id"], "_score": None if specs else score})
        source = body.get("_source", True)
        if source is not False:
            hits[-1]["_source"] = doc["_source"] if source is True else {k: v for k, v in doc["_source"].items() if any(
                fnmatch.fnmatchcase(k, p.split(".")[0]) for p in ([source] if isinstance(source, str) else source))}
        if specs:
            hits[-1]["sort"] = sort_values(specs, key, types)
    track = params.get("track_total_hits", body.get("track_total_hits", 10000))
    track = {"true": True, "false": False}.get(track, track) if isinstance(track, str) else track
    answer = {"pit_id": pit["id"]} if pit else {}
    answer.update(took=1, timed_out=False, _shards={"total": len(shards), "successful": len(shards), "skipped": 0,
                                                    "failed": 0}, hits={})
    if track is not False:  # 8.x counts up to 10,000 unless asked for more
        cap = len(found) if track is True else int(track)
        answer["hits"]["total"] = {"value": min(len(found), cap), "relation": "gte" if len(found) > cap else "eq"}
    answer["hits"].update(max_score=None if specs or not hits else score, hits=hits)
    return 200, answer


# ---- point in time

def keep_alive(v):
    m = re.fullmatch(r"(\d+)(nanos|micros|ms|s|m|h|d)", str(v).strip())
    if not m:
        raise error(400, "illegal_argument_exception", f"failed to parse setting [keep_alive] with value [{v}] as a "
                    "time value: unit is missing or unrecognized")
    return int(m.group(1)) * {"nanos": 1e-9, "micros": 1e-6, "ms": 1e-3, "s": 1, "m": 60, "h": 3600, "d": 86400}[m[2]]


def open_pit(expr, params):
    validate([] if "keep_alive" in params else ["[keep_alive] is not specified" if es() else "keep alive not specified"])
    seconds, shards = keep_alive(params["keep_alive"]), resolve(expr)
    with LOCK:
        number = next(PIT_NUMBERS)
        pid = base64.urlsafe_b64encode(PIT_MAGIC + f"{number}:{','.join(s[0] for s in shards)}".encode()).decode()
        PITS[pid] = {"shards": shards, "expires": time.time() + seconds}
    counts = {"total": len(shards), "successful": len(shards), "skipped": 0, "failed": 0}
    if es():
        return 200, {"id": pid, "_shards": counts}
    return 200, {"pit_id": pid, "_shards": counts, "creation_time": int(time.time() * 1000)}


def find_pit(pid):
    """The live point in time for pid, or None; 400 for an id that is not one of ours."""
    try:
        number = base64.urlsafe_b64decode(pid + "=" * (-len(pid) % 4)).split(PIT_MAGIC, 1)[1].split(b":")[0].decode()
    except (ValueError, TypeError, IndexError, AttributeError):
        raise error(400, "illegal_argument_exception", f"invalid id: [{pid}]")
    with LOCK:
        if pid in PITS and PITS[pid]["expires"] < time.time():  # its keep_alive ran out
            del PITS[pid]
        return PITS.get(pid), number


def use_pit(pid, alive):
    pit, number = find_pit(pid)
    if not pit:
        raise shard_error(404, "search_context_missing_exception", f"No search context found for id [{number}]",
                          [None], shard=-1)
    if alive:
        pit["expires"] = time.time() + keep_alive(alive)
    return pit["shards"]


def close_pits(body):
    body = body if isinstance(body, dict) else {}
    if es():
        validate([] if body.get("id") else ["id is empty"])
        freed = find_pit(body["id"])[0] is not None
        PITS.pop(body["id"], None)
        return 200, {"succeeded": True, "num_freed": int(freed)}
    ids = body.get("pit_id") or []
    validate([] if ids else ["No pit ids specified"])
    freed = [(pid, find_pit(pid)[0] is not None) for pid in ([ids] if isinstance(ids, str) else ids)]
    return 200, {"pits": [{"successful": PITS.pop(pid, None) is not None and ok, "pit_id": pid} for pid, ok in freed]}


# ---- the rest of the API

def bulk(default, text, params):
    lines, items = [line for line in text.split("\n") if line.strip()], []
    for i in range(0, len(lines), 2):
        try:
            (op, meta), = json.loads(lines[i]).items()
            src = json.loads(lines[i + 1])
        except (ValueError, IndexError, AttributeError):
            raise error(400, "illegal_argument_exception", f"Malformed action/metadata line [{i + 1}], expected "
                        "START_OBJECT or END_OBJECT but found [VALUE_STRING]")
        if op not in ("index", "create"):
            raise error(400, "illegal_argument_exception", f"Malformed action/metadata line [{i + 1}], expected one of "
                        f"[create, delete, index, update] but found [{op}] (this test server serves index and create)")
        validate([] if meta.get("_index", default) else ["index is missing"])
        with LOCK:
            item = add_doc(meta.get("_index", default), src, meta.get("_id"), create=op == "create")
        if params.get("refresh") in ("", "true", "wait_for") and "error" not in item:
            item["forced_refresh"] = True
        items.append({op: item})
    return 200, {"errors": any("error" in item for it in items for item in it.values()), "took": 1, "items": items}


def info():
    version = {"number": STATE["version"] or ("8.13.0" if es() else "2.11.0"), "build_flavor": "default",
               "build_type": "docker", "build_hash": "09df99393193b2c53d92899662a8b8b3c55b45cd",
               "build_date": "2024-03-22T03:35:46.757803203Z", "build_snapshot": False, "lucene_version": "9.10.0",
               "minimum_wire_compatibility_version": "7.17.0", "minimum_index_compatibility_version": "7.0.0"}
    if not es():
        del version["build_flavor"]
        version.update(build_type="tar", build_hash="4dcad6dd1fd45b6bd91f041a041829c8687278fa", lucene_version="9.7.0",
                       build_date="2023-10-13T02:55:55.511945994Z", minimum_wire_compatibility_version="7.10.0")
        version = dict({"distribution": "opensearch"}, **version)
    return {"name": "test-node", "cluster_name": "logview-test", "cluster_uuid": "c9QiHWkDSG2d0V5fS4nVQw",
            "version": version, "tagline": "You Know, for Search" if es() else "The OpenSearch Project: https://opensearch.org/"}


def route(method, uri, path, params, body, text):
    segs = [urllib.parse.unquote(s) for s in path.strip("/").split("/")] if path.strip("/") else []
    n, last, index = len(segs), segs[-1] if segs else "", segs[0] if len(segs) == 2 else None
    if n == 0 and method in ("GET", "HEAD"):
        return 200, info()
    if last == "_mapping" and n <= 2 and method == "GET":
        names = [name for name, _, _ in resolve(index or "_all")]
        with LOCK:  # an index without fields answers "mappings": {}
            return 200, {x: {"mappings": STATE["indices"][x]["mappings"] if STATE["indices"][x]["mappings"].get(
                "properties") else {}} for x in names}
    if last == "_search" and n <= 2 and method in ("GET", "POST"):
        return search(index, body, text, params)
    if es() and last == "_pit" and n == 2 and method == "POST":
        return open_pit(index, params)
    if es() and segs == ["_pit"] and method == "DELETE":
        return close_pits(body)
    if not es() and n == 3 and segs[1:] == ["_search", "point_in_time"] and method == "POST":
        return open_pit(segs[0], params)
    if not es() and segs == ["_search", "point_in_time"] and method == "DELETE":
        return close_pits(body)
    if not es() and n == 1 and method == "DELETE":  # DELETE /{index}: so OpenSearch reads DELETE /_pit
        raise not_found(segs[0])
    if last == "_bulk" and n <= 2 and method in ("POST", "PUT"):
        return bulk(index, text, params)
    if n in (2, 3) and segs[1] == "_doc" and method in ("POST", "PUT") and isinstance(body, dict):
        with LOCK:
            item = add_doc(segs[0], body, segs[2] if n == 3 else None)
        return item.pop("status"), item
    raise Fail(400, {"error": f"no handler found for uri [{uri}] and method [{method}]"})


def refusal(fault, uri, given):
    """The answer to an injected fault, or to missing or wrong credentials (fault "401")."""
    if fault == "401" and not es():
        return Fail(401, "Unauthorized", [("WWW-Authenticate", 'Basic realm="OpenSearch Security"')])
    if fault == "401":
        schemes = ['Basic realm="security" charset="UTF-8"', 'Bearer realm="security"', "ApiKey"]
        try:
            user = base64.b64decode(given[6:] + "==").decode("utf-8", "replace").split(":")[0] if given[:6] == "Basic " else None
        except ValueError:
            user = "?"
        fail = error(401, "security_exception", f"unable to authenticate user [{user}] for REST request [{uri}]" if user
                     else "unable to authenticate with provided credentials and anonymous access is not allowed for "
                     "this request" if given else f"missing authentication credentials for REST request [{uri}]",
                     header={"WWW-Authenticate": schemes})
        fail.headers = [("WWW-Authenticate", s) for s in schemes]
        return fail
    kind, reason = {"429": ("es_rejected_execution_exception" if es() else "rejected_execution_exception",
                            "rejected execution of TimedRunnable on QueueResizingEsThreadPoolExecutor[name = node/"
                            "search, queue capacity = 1000, task execution EWMA = 1ms]"),
                    "503": ("cluster_block_exception", "blocked by: [SERVICE_UNAVAILABLE/1/state not recovered / "
                            "initialized];")}.get(fault, ("exception", f"fault [{fault}] injected by es_server.py"))
    fail = error(int(fault), kind, reason)
    fail.headers = [("Retry-After", "1")] if fault == "429" else []
    return fail


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body, content_type=None, headers=()):
        if not isinstance(body, str):
            body = json.dumps(body)
            content_type = content_type or ("application/json" if es() else "application/json; charset=UTF-8")
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type or "text/plain; charset=UTF-8")
        self.send_header("Content-Length", str(len(data)))
        for name, value in list(headers) + ([("X-elastic-product", "Elasticsearch")] if es() and status != 401 else []):
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def answer(self):
        url = urllib.parse.urlparse(self.path)
        params = {k: v[-1] for k, v in urllib.parse.parse_qs(url.query, keep_blank_values=True).items()}
        text = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("utf-8", "replace")
        body, bad, ndjson = None, None, url.path.endswith("_bulk")
        try:
            body = [json.loads(x) for x in text.splitlines() if x.strip()] if ndjson else json.loads(text) if text.strip() else None
        except ValueError as e:
            bad = e
        entry = {"method": self.command, "path": url.path, "params": params,
                 "headers": {k.lower(): v for k, v in self.headers.items()}}
        with LOCK:
            if STATE["log"]:
                with open(STATE["log"], "a") as log:
                    log.write(json.dumps(dict(entry, body=text if bad else body) if text.strip() else entry) + "\n")
            fault = STATE["faults"].pop(0) if STATE["faults"] else None
        try:
            if fault == "hang":  # a server that takes the request and never answers
                time.sleep(60)
                return
            if fault == "garbage":
                return self.send(200, "<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html")
            if fault == "truncated":  # cut in the middle, Content-Length true to what is sent
                whole = json.dumps({"took": 1, "timed_out": False, "_shards": {"total": 1, "successful": 1, "skipped": 0,
                                    "failed": 0}, "hits": {"total": {"value": 1, "relation": "eq"}, "max_score": None,
                                    "hits": [{"_index": "logs", "_id": "1", "_score": None, "_source": {
                                        "message": "a line that never ends"}, "sort": [1700000000000, 0]}]}})
                return self.send(200, whole[:len(whole) // 2], "application/json")
            given = self.headers.get("Authorization")
            if fault or STATE["auth"] and given != STATE["auth"]:
                raise refusal(fault or "401", self.path, given or "")
            if bad and not ndjson:
                raise error(400, "json_parse_exception", f"{bad.msg}\n at [Source: (byte[]){json.dumps(text[:200])}; "
                            f"line: {bad.lineno}, column: {bad.colno}]")
            self.send(*route(self.command, self.path, url.path, params, body, text))
        except Fail as f:
            self.send(f.status, f.body, headers=f.headers)
        except Exception as e:  # a bug here: answer as an ES 500 rather than leave the client hanging
            print(f"es_server.py: {e!r}", file=sys.stderr)
            self.send(500, error(500, "exception", f"es_server.py: {e!r}").body)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = answer


def add_live():
    started = time.time()
    for after_ms, name, doc in sorted(STATE["live"], key=lambda e: e[0]):
        time.sleep(max(0, started + after_ms / 1000 - time.time()))
        with LOCK:
            add_doc(name, doc.get("_source", doc), doc.get("_id"))


def main():
    with open(sys.argv[1]) as f:
        STATE.update(json.load(f))
    given, STATE["indices"] = STATE["indices"] or {}, {}
    for name, spec in given.items():
        mappings = spec.get("mappings") or {}  # {"properties": {...}}, or the properties themselves
        props = mappings["properties"] if isinstance(mappings.get("properties"), dict) else mappings
        STATE["indices"][name] = {"mappings": {"properties": props}, "docs": [], "ids": {}}
        for doc in spec.get("docs", []):
            add_doc(name, doc.get("_source", doc), doc.get("_id"))
    threading.Thread(target=add_live, daemon=True).start()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdin.read()
    server.shutdown()


if __name__ == "__main__":
    main()
