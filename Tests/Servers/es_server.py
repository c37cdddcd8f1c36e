#!/usr/bin/env python3
"""An Elasticsearch 8.x / OpenSearch 2.x test server, written from their REST documentation and
sources (answer shapes, status codes, error types and wordings), for logview's tests.

    es_server.py DATA.json

DATA.json: {"distribution": "elasticsearch" | "opensearch", "version": "8.13.0",
  "indices": {"logs-a": {"mappings": {"properties": {...}}, "docs": [{"_id": "1", "_source": {...}}]}},
  "max_result_window": 10000, "faults": ["500", "503", "429", "garbage", "truncated", "401"],
  "auth": "Basic ..." | "ApiKey ..." | null, "log": PATH, "live": [[after_ms, "logs-a", doc], ...]}
Serves GET /, GET [/INDEX]/_mapping, [/INDEX]/_search, [/INDEX]/_count, point in time (ES: POST
/INDEX/_pit, DELETE /_pit; OpenSearch: POST /INDEX/_search/point_in_time, DELETE
/_search/point_in_time), [/INDEX]/_bulk, /INDEX/_doc[/ID], /INDEX/_refresh. Unmapped fields of
added documents are mapped dynamically, as ES does. `faults` are answered, one per request, before
any real answer; `auth` is the Authorization header required. `live` documents become searchable
that long after start (a point in time opened earlier does not see them). Each request is appended
to the file `log` as a JSON line (method, path, query parameters, headers, parsed body).

Listens on 127.0.0.1 on a free port and prints it on the first line of stdout; stops when its
standard input closes (the test that started it went away).
"""
import base64, calendar, fnmatch, functools, gzip, http.server, itertools, json, operator, os, re, sys, threading, time
import urllib.parse

STATE = {"distribution": "elasticsearch", "version": None, "indices": {}, "max_result_window": 10000,
         "faults": [], "auth": None, "log": None, "live": []}
LOCK = threading.Lock()
PITS, PIT_MAGIC, PIT_NUMBERS = {}, b"\x85\x03logview-pit:", itertools.count(1)
NODE = "Xq3mC9ZpTzGZ1kz0t8n2sA"
MAX_LONG, MIN_LONG = 2**63 - 1, -2**63
NUMERIC = {"long", "integer", "short", "byte", "double", "float", "half_float", "scaled_float", "unsigned_long"}
DATES = {"date", "date_nanos"}
BAD_VALUE = (ValueError, TypeError, KeyError, OverflowError, AttributeError)
ISO = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d)(?:[T ](\d\d)(?::?(\d\d)(?::?(\d\d)(?:[.,](\d{1,9}))?)?)?)?)?)?"
                 r"(Z|[+-]\d\d(?::?\d\d)?)?")
UNIT = {"s": 1, "m": 60, "h": 3600, "H": 3600, "d": 86400, "w": 604800, "M": 2592000, "y": 31536000}
TOP_KEYS = {"from", "size", "query", "sort", "search_after", "pit", "track_total_hits", "_source", "timeout",
            "terminate_after", "min_score", "version", "seq_no_primary_term", "explain", "stored_fields",
            "docvalue_fields", "fields", "highlight", "aggs", "aggregations", "post_filter", "track_scores",
            "runtime_mappings", "collapse", "rescore", "suggest", "indices_boost", "profile", "script_fields",
            "slice", "stats", "ext"}
TEXT_SORT = ("Text fields are not optimised for operations that require per-document field data like aggregations "
             "and sorting, so these operations are disabled by default. Please use a keyword field instead. "
             "Alternatively, set fielddata=true on [{}] in order to load field data by uninverting the inverted "
             "index. Note that this can use significant memory.")


def es():
    return STATE["distribution"] != "opensearch"


class Fail(Exception):
    def __init__(self, status, body, headers=()):
        super().__init__(status)
        self.status, self.body, self.headers = status, body, list(headers)


class ShardError(Exception):
    """Raised while a shard runs the query; search() wraps it as ES does (all shards failed)."""
    def __init__(self, status, kind, reason):
        super().__init__(reason)
        self.status, self.kind, self.reason = status, kind, reason


def error(status, kind, reason, **extra):
    cause = dict(type=kind, reason=reason, **extra)
    return Fail(status, {"error": dict(root_cause=[cause], **cause), "status": status})


def shard_error(status, kind, reason, names, shard=0):
    cause = {"type": kind, "reason": reason}
    failed = [dict({"shard": shard, "index": n}, **({"node": NODE} if n else {}), reason=cause) for n in names or [None]]
    return Fail(status, {"error": {"root_cause": [cause], "type": "search_phase_execution_exception",
                                   "reason": "all shards failed", "phase": "query", "grouped": True,
                                   "failed_shards": failed, "caused_by": dict(cause, caused_by=cause)},
                         "status": status})


def not_found(name):
    return error(404, "index_not_found_exception", f"no such index [{name}]", **{
        "resource.type": "index_or_alias", "resource.id": name, "index_uuid": "_na_", "index": name})


def parsing(reason, raw, needle, **extra):
    i = raw.find(needle) if raw else -1
    line, col = (raw.count("\n", 0, i) + 1, i - raw.rfind("\n", 0, i)) if i >= 0 else (1, 1)
    return error(400, "parsing_exception", reason, line=line, col=col, **extra)


def validation(problems):
    if problems:
        raise error(400, "action_request_validation_exception",
                    "Validation Failed: " + "".join(f"{i}: {p};" for i, p in enumerate(problems, 1)))


# ---- dates, values, mappings

def to_nanos(v, fmt=None):
    fmts = (fmt or "strict_date_optional_time||epoch_millis").split("||")
    if isinstance(v, bool):
        raise ValueError(v)
    if isinstance(v, (int, float)):
        return int(v * 10**9) if "epoch_second" in fmts else int(v * 10**6)
    s = str(v).strip()
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
            y, mo, d, h, mi, se, frac, tz = m.groups()
            secs = calendar.timegm((int(y), int(mo or 1), int(d or 1), int(h or 0), int(mi or 0), int(se or 0)))
            if tz and tz != "Z":
                digits = tz[1:].replace(":", "")
                secs -= (1 if tz[0] == "+" else -1) * (int(digits[:2]) * 3600 + int(digits[2:4] or 0) * 60)
            return secs * 10**9 + int((frac or "0").ljust(9, "0"))
    raise ValueError(s)


def fmt_date(ns, fmt):
    f = fmt.split("||")[0]
    if f in ("epoch_millis", "epoch_second"):
        return str(ns // (10**6 if f == "epoch_millis" else 10**9))
    secs, rem = divmod(ns, 10**9)
    frac = f"{rem:09d}".rstrip("0").ljust(3, "0") if "nanos" in f else f"{rem:09d}"[:3]
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(secs)) + "." + frac + "Z"


def num(v):
    if isinstance(v, bool):
        raise ValueError(v)
    if isinstance(v, (int, float)):
        return v
    s = str(v).strip()
    return int(s) if re.fullmatch(r"-?\d+", s) else float(s)


def norm(t, v, fmt=None):
    """A value as the field of type t holds it: dates in millis (date) or nanos (date_nanos)."""
    if t[0] in DATES:
        ns = to_nanos(v, fmt or t[2])
        return ns if t[0] == "date_nanos" else ns // 10**6
    if t[0] in NUMERIC:
        return num(v)
    if t[0] == "boolean":
        return v if isinstance(v, bool) else {"true": True, "false": False, "": False}[str(v)]
    return ("true" if v else "false") if isinstance(v, bool) else v if isinstance(v, str) else json.dumps(v)


def values(src, path):
    """Values at a dotted path, through nested objects, literal dotted keys and arrays."""
    out = []

    def walk(node, parts):
        if isinstance(node, list):
            for n in node:
                walk(n, parts)
        elif not parts:
            if node is not None:
                out.append(node)
        elif isinstance(node, dict):
            for i in range(1, len(parts) + 1):
                if ".".join(parts[:i]) in node:
                    walk(node[".".join(parts[:i])], parts[i:])
    walk(src, path.split("."))
    return out


def flatten(props, prefix="", out=None):
    """Mapping properties -> {field: (type, source path, format)}, multi-fields included."""
    out = {} if out is None else out
    for name, spec in props.items():
        path = prefix + name
        if "properties" in spec:
            flatten(spec["properties"], path + ".", out)
        elif spec.get("type", "object") not in ("object", "nested"):
            out[path] = (spec["type"], path, spec.get("format"))
        for sub, sspec in spec.get("fields", {}).items():
            out[path + "." + sub] = (sspec.get("type", "keyword"), path, sspec.get("format"))
    return out


def infer(props, src):
    """ES's default dynamic mapping for fields the mapping lacks."""
    for key, v in src.items():
        *parents, leaf = key.split(".")
        for part in parents:
            props = props.setdefault(part, {"properties": {}}).setdefault("properties", {})
        v = next((x for x in v if x is not None), None) if isinstance(v, list) else v
        if isinstance(v, dict):
            infer(props.setdefault(leaf, {"properties": {}}).setdefault("properties", {}), v)
        elif v is not None and leaf not in props:
            props[leaf] = ({"type": "boolean"} if isinstance(v, bool) else {"type": "long"} if isinstance(v, int)
                           else {"type": "float"} if isinstance(v, float) else {"type": "date"}
                           if re.fullmatch(r"\d{4}-\d\d-\d\d(T[\d:.,]+)?(Z|[+-][\d:]+)?", v) else
                           {"type": "text", "fields": {"keyword": {"type": "keyword", "ignore_above": 256}}})


def add_doc(name, src, _id=None, create=False):
    idx = STATE["indices"].setdefault(name, {"mappings": {"properties": {}}, "docs": []})
    ids = idx.setdefault("ids", {})
    infer(idx["mappings"].setdefault("properties", {}), src)
    _id = str(_id) if _id is not None else base64.urlsafe_b64encode(os.urandom(15)).decode()
    at = ids.get(_id)
    base = {"_index": name, "_id": _id}
    if at is not None and create:
        v = idx["docs"][at]["_version"]
        return dict(base, status=409, error={"type": "version_conflict_engine_exception", "reason": f"[{_id}]: "
                    f"version conflict, document already exists (current version [{v}])", "index": name})
    idx["seq"] = idx.get("seq", -1) + 1
    doc = {"_id": _id, "_source": src, "_version": 1 if at is None else idx["docs"][at]["_version"] + 1}
    if at is None:  # replaced, not mutated: a point in time keeps the old document
        ids[_id] = len(idx["docs"])
        idx["docs"].append(doc)
    else:
        idx["docs"][at] = doc
    return dict(base, _version=doc["_version"], result="created" if at is None else "updated",
                _shards={"total": 2, "successful": 1, "failed": 0}, _seq_no=idx["seq"], _primary_term=1,
                status=201 if at is None else 200)


def resolve(expr):
    names, out = sorted(STATE["indices"]), []
    for part in expr.split(","):
        if part in ("_all", "*"):
            out += names
        elif part.startswith("-") and out:
            out = [n for n in out if not fnmatch.fnmatchcase(n, part[1:])]
        elif "*" in part:
            out += [n for n in names if fnmatch.fnmatchcase(n, part)]
        elif part in STATE["indices"]:
            out.append(part)
        else:
            raise not_found(part)
    return list(dict.fromkeys(out))


def shards_of(names):
    with LOCK:
        return [(n, list(STATE["indices"][n]["docs"]), flatten(STATE["indices"][n]["mappings"].get("properties", {})))
                for n in names]


# ---- query DSL

def doc_values(doc, t):
    cache = doc.setdefault("_c", {})
    if t not in cache:
        out = []
        for v in values(doc["_source"], t[1]):
            try:
                out.append(norm(t, v))
            except BAD_VALUE:
                pass
        cache[t] = out
    return cache[t]


def tokens(s):  # the standard analyzer, near enough
    return re.findall(r"\w+", str(s).lower())


def query_value(cache, t, v, fmt=None):
    key = (t, fmt, repr(v))
    if key not in cache:
        try:
            cache[key] = norm(t, v, fmt)
        except BAD_VALUE:
            if t[0] in DATES:
                raise ShardError(400, "parse_exception", f"failed to parse date field [{v}] with format "
                                 f"[{fmt or t[2] or 'strict_date_optional_time||epoch_millis'}]")
            raise ShardError(400, "query_shard_exception", f'failed to create query: For input string: "{v}"')
    return cache[key]


def leaf(field, test):
    def run(doc, types):
        t = types.get(field)
        return t is not None and test(doc, t)
    return run


def equals(field, value, ci=False):
    cache = {}

    def test(doc, t):
        if t[0] == "text":  # a term is not analyzed: it must equal one of the field's tokens
            s = norm(("keyword",), value)
            return any((w == s.lower()) if ci else (w == s) for x in doc_values(doc, t) for w in tokens(x))
        q = query_value(cache, t, value)
        if ci and isinstance(q, str):
            return any(isinstance(x, str) and x.lower() == q.lower() for x in doc_values(doc, t))
        return q in doc_values(doc, t)
    return leaf(field, test)


def pattern(field, rx):
    return leaf(field, lambda doc, t: any(isinstance(x, str) and rx.fullmatch(x) for x in (
        [w for x in doc_values(doc, t) for w in tokens(x)] if t[0] == "text" else doc_values(doc, t))))


def lucene_regexp(p):
    """Lucene regexp -> Python: anchored anyway; ^ $ are literals, "..." quotes, @ is any string."""
    out, i, in_class = [], 0, False
    while i < len(p):
        c = p[i]
        if c == "\\" and i + 1 < len(p):
            out.append("\\" + p[i + 1] if p[i + 1] in "dDsSwW" else re.escape(p[i + 1]))
            i += 1
        elif in_class:
            in_class = c != "]"
            out.append("\\\\" if c == "\\" else c)
        elif c == '"' and '"' in p[i + 1:]:
            j = p.index('"', i + 1)
            out.append(re.escape(p[i + 1:j]))
            i = j
        else:
            in_class = c == "["
            out.append({"@": ".*", "#": "(?!)", "^": r"\^", "$": r"\$", "<": "<", "~": "~", "&": "&"}.get(c, c))
        i += 1
    return "".join(out)


def field_query(kind, body, key="value"):
    body = {k: v for k, v in body.items() if k not in ("boost", "_name")}
    if len(body) != 1:
        raise error(400, "parsing_exception", f"[{kind}] query doesn't support multiple fields, found "
                    f"[{'] and ['.join(list(body)[:2])}]")
    field, spec = next(iter(body.items()))
    return field, spec if isinstance(spec, dict) else {key: spec}


def msm_count(m, n):
    s = str(m).strip()
    k = n * abs(int(s[:-1])) // 100 if s.endswith("%") else abs(int(s))
    return k if not s.startswith("-") else n - k


def compile_query(q, raw):
    if not isinstance(q, dict) or len(q) > 1:
        raise parsing(f"[{next(iter(q), '_na_')}] malformed query, expected [END_OBJECT] but found [FIELD_NAME]"
                      if isinstance(q, dict) else "query malformed, must start with start_object", raw, '"query"')
    if not q:
        return lambda doc, types: True
    kind, body = next(iter(q.items()))
    try:
        if kind == "match_all":
            return lambda doc, types: True
        if kind == "match_none":
            return lambda doc, types: False
        if kind == "constant_score":
            return compile_query(body["filter"], raw)
        if kind == "bool":
            for k in body:
                if k not in ("must", "filter", "should", "must_not", "minimum_should_match", "boost", "_name"):
                    raise parsing(f"[bool] query does not support [{k}]", raw, f'"{k}"')
            c = {k: [compile_query(x, raw) for x in (body[k] if isinstance(body[k], list) else [body[k]])]
                 if k in body else [] for k in ("must", "filter", "should", "must_not")}
            n, msm = len(c["should"]), body.get("minimum_should_match")
            need = msm_count(msm, n) if msm is not None else 0 if c["must"] or c["filter"] else min(n, 1)
            return lambda doc, types: (all(f(doc, types) for f in c["must"] + c["filter"])
                                       and not any(f(doc, types) for f in c["must_not"])
                                       and (need <= 0 or sum(1 for f in c["should"] if f(doc, types)) >= need))
        if kind == "exists":
            f = body["field"]
            return lambda doc, types: any(doc_values(doc, t) for p, t in types.items()
                                          if p == f or p.startswith(f + "."))
        if kind == "term":
            field, o = field_query(kind, body)
            return equals(field, o["value"], o.get("case_insensitive", False))
        if kind == "terms":
            field, vals = next((k, v) for k, v in body.items() if k not in ("boost", "_name"))
            tests = [equals(field, v) for v in vals]
            return lambda doc, types: any(t(doc, types) for t in tests)
        if kind == "range":
            field, o = field_query(kind, body)
            ops = [(getattr(operator, op.replace("te", "e")), o[op]) for op in ("gt", "gte", "lt", "lte") if o.get(op) is not None]
            cache = {}

            def in_range(doc, t):
                bounds = [(op, query_value(cache, t, v, o.get("format"))) for op, v in ops]
                return any(all(op(x, b) for op, b in bounds) for x in doc_values(doc, t))
            return leaf(field, in_range)
        if kind in ("match", "match_phrase"):
            field, o = field_query(kind, body, "query")
            words, exact = tokens(o["query"]), equals(field, o["query"])
            every = o.get("operator", "or").lower() == "and"

            def matches(doc, t):
                if t[0] != "text":
                    return exact(doc, {field: t})
                if kind == "match":
                    have = {w for x in doc_values(doc, t) for w in tokens(x)}
                    return bool(words) and (all if every else any)(w in have for w in words)
                seqs = [tokens(x) for x in doc_values(doc, t)]
                return bool(words) and any(s[i:i + len(words)] == words for s in seqs for i in range(len(s)))
            return leaf(field, matches)
        if kind in ("regexp", "wildcard", "prefix"):
            field, o = field_query(kind, body)
            v = str(o.get("value", o.get("wildcard", "")))
            rx = (lucene_regexp(v) if kind == "regexp" else re.escape(v) + ".*" if kind == "prefix" else
                  "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in v))
            return pattern(field, re.compile(rx, re.S | (re.I if o.get("case_insensitive") else 0)))
    except (AttributeError, TypeError, KeyError, IndexError, StopIteration, ValueError, re.error) as e:
        raise parsing(f"[{kind}] malformed query: {e}", raw, f'"{kind}"')
    raise parsing(f"unknown query [{kind}]", raw, f'"{kind}"', caused_by={
        "type": "named_object_not_found_exception", "reason": f"unknown field [{kind}]"})


# ---- sorting

def parse_sort(sort):
    specs = []
    for item in [] if sort is None else sort if isinstance(sort, list) else [sort]:
        field, o = (item, {}) if isinstance(item, str) else next(iter(item.items()))
        o = {"order": o} if isinstance(o, str) else o
        order = o.get("order", "desc" if field == "_score" else "asc")
        if order not in ("asc", "desc"):
            raise error(400, "illegal_argument_exception", f"Unknown SortOrder [{order}]")
        specs.append(dict(o, field=field, order=order))
    return specs


def sort_key(specs, name, ordinal, pos, doc, types, score):
    key = []
    for sp in specs:
        f, t = sp["field"], types.get(sp["field"])
        if f == "_score":
            key.append(score)
        elif f == "_doc":
            key.append(pos)
        elif f == "_shard_doc" and es():  # shard ordinal << 32 | Lucene doc id, as ES composes it
            key.append((ordinal << 32) + pos)
        elif f == "_id":
            if es():
                raise ShardError(400, "illegal_argument_exception", "Fielddata access on the _id field is disallowed,"
                                 " you can re-enable it by updating the dynamic cluster setting: "
                                 "indices.id_field_data.enabled")
            key.append(doc["_id"])
        elif t is None and not sp.get("unmapped_type"):
            raise ShardError(400, "query_shard_exception", f"No mapping found for [{f}] in order to sort on")
        elif t is not None and t[0] == "text":
            raise ShardError(400, "illegal_argument_exception", TEXT_SORT.format(f))
        else:
            vals = doc_values(doc, t) if t else []
            if vals:
                key.append(min(vals) if sp.get("mode", "min" if sp["order"] == "asc" else "max") == "min" else max(vals))
            elif sp.get("missing", "_last") not in ("_last", "_first"):
                key.append(norm(t, sp["missing"]) if t else sp["missing"])
            elif t and t[0] not in NUMERIC | DATES | {"boolean"}:
                key.append(None if sp.get("missing", "_last") == "_last" else "")
            else:  # missing numbers sort as Long.MAX/MIN_VALUE, which ES also returns as their sort value
                key.append(MAX_LONG if (sp["order"] == "asc") == (sp.get("missing", "_last") == "_last") else MIN_LONG)
    return key


def compare(specs, a, b):
    for sp, x, y in zip(specs, a, b):
        if x != y:
            if x is None or y is None:  # missing keywords sort last either way
                return 1 if x is None else -1
            return (-1 if x < y else 1) * (-1 if sp["order"] == "desc" else 1)
    return 0


def after_key(specs, after, shards):
    key = []
    for sp, v in zip(specs, after):
        f = sp["field"]
        t = next((s[2][f] for s in shards if f in s[2]), None)
        try:
            key.append(None if v is None else int(v) if f in ("_doc", "_shard_doc") else float(v) if f == "_score"
                       else v if t and t[0] in DATES and isinstance(v, int) else norm(t, v, sp.get("format"))
                       if t else v)
        except BAD_VALUE:
            raise ShardError(400, "illegal_argument_exception", f"Failed to parse search_after value for field [{f}].")
    return key


def sort_output(specs, key, types):
    out = []
    for sp, v in zip(specs, key):
        t = types.get(sp["field"])
        if sp.get("format") and t and t[0] in DATES and isinstance(v, int) and v not in (MAX_LONG, MIN_LONG):
            v = fmt_date(v if t[0] == "date_nanos" else v * 10**6, sp["format"])
        out.append(v)
    return out


# ---- endpoints

def filter_source(src, spec):
    if spec is None or spec is True:
        return src
    if spec is False:
        return None
    inc = [spec] if isinstance(spec, str) else spec if isinstance(spec, list) else spec.get("includes", [])
    exc = spec.get("excludes", []) if isinstance(spec, dict) else []

    def walk(node, prefix):
        out = {}
        for k, v in node.items():
            p = prefix + k
            if any(fnmatch.fnmatchcase(p, e) for e in exc):
                continue
            if not inc or any(fnmatch.fnmatchcase(p, i) for i in inc):
                out[k] = v
            elif isinstance(v, dict) and walk(v, p + "."):
                out[k] = walk(v, p + ".")
        return out
    return walk(src, "")


def search(expr, body, raw, params):
    body = {} if body is None else body
    if not isinstance(body, dict):
        raise parsing("Expected [START_OBJECT] but found [START_ARRAY]", raw, "[")
    for k, v in body.items():
        kinds = {dict: "START_OBJECT", list: "START_ARRAY", str: "VALUE_STRING", bool: "VALUE_BOOLEAN"}
        if v is None or k not in TOP_KEYS:
            token = "VALUE_NULL" if v is None else kinds.get(type(v), "VALUE_NUMBER")
            raise parsing(f"Unknown key for a {token} in [{k}].", raw, "null" if v is None else f'"{k}"')
    size, frm = int(params.get("size", body.get("size", 10))), int(params.get("from", body.get("from", 0)))
    after, pit = body.get("search_after"), body.get("pit")
    query = compile_query(body.get("query", {}), raw)
    q = body.get("query") or {}
    score = 0.0 if "bool" in q and not q["bool"].get("must") and not q["bool"].get("should") else 1.0
    specs = parse_sort(body.get("sort"))
    validation([p for p, bad in [
        ("[indices] cannot be used with point in time. Do not specify any index with point in time.",
         pit is not None and expr is not None),
        ("[from] parameter must be set to 0 when [search_after] is used", after is not None and frm > 0),
        (f"[size] parameter cannot be negative, found [{size}]", size < 0),
        ("[_shard_doc] sort field cannot be used without [point in time]",
         es() and pit is None and any(sp["field"] == "_shard_doc" for sp in specs))] if bad])
    shards = use_pit(pit.get("id", ""), pit.get("keep_alive")) if pit else shards_of(resolve(expr or "_all"))
    if es() and pit and specs and specs[-1]["field"] != "_shard_doc" and (after is None or len(after) == len(specs) + 1):
        specs.append({"field": "_shard_doc", "order": "asc"})  # the implicit PIT tiebreaker
    names, window = [s[0] for s in shards], STATE["max_result_window"]
    try:
        if shards and max(frm, 0) + size > window:
            raise ShardError(400, "illegal_argument_exception", f"Result window is too large, from + size must be "
                             f"less than or equal to: [{window}] but was [{max(frm, 0) + size}]. See the scroll api "
                             "for a more efficient way to request large data sets. This limit can be set by changing"
                             " the [index.max_result_window] index level setting.")
        if shards and after is not None and not specs:
            raise ShardError(400, "illegal_argument_exception", "Sort must contain at least one field.")
        if shards and after is not None and len(after) != len(specs):
            raise ShardError(400, "illegal_argument_exception",
                             f"search_after has {len(after)} value(s) but sort has {len(specs)}.")
        found = [(name, ordinal, pos, doc, types) for ordinal, (name, docs, types) in enumerate(shards)
                 for pos, doc in enumerate(docs) if query(doc, types)]
        ranked = [(sort_key(specs, *m, score), m) for m in found] if specs else [(None, m) for m in found]
        if after is not None and ranked:
            bound = after_key(specs, after, shards)
            ranked = [r for r in ranked if compare(specs, r[0], bound) > 0]
        if specs:
            ranked.sort(key=functools.cmp_to_key(lambda a, b: compare(specs, a[0], b[0])))
    except ShardError as e:
        raise shard_error(e.status, e.kind, e.reason, names)
    hits = []
    for key, (name, _, _, doc, types) in ranked[max(frm, 0):max(frm, 0) + size]:
        hit = {"_index": name, "_id": doc["_id"], "_score": None if specs else score}
        src = filter_source(doc["_source"], body.get("_source"))
        if src is not None:
            hit["_source"] = src
        if specs:
            hit["sort"] = sort_output(specs, key, types)
        hits.append(hit)
    track = params.get("track_total_hits", body.get("track_total_hits", 10000))
    track = {"true": True, "false": False}.get(track, track) if isinstance(track, str) else track
    cap = len(found) if track is True else int(track)
    resp = {"pit_id": pit["id"]} if pit else {}
    resp.update(took=1, timed_out=False, _shards={"total": len(shards), "successful": len(shards), "skipped": 0,
                                                  "failed": 0}, hits={})
    if track is not False:
        total = {"value": min(len(found), cap), "relation": "gte" if len(found) > cap else "eq"}
        resp["hits"]["total"] = total["value"] if params.get("rest_total_hits_as_int") == "true" else total
    resp["hits"].update(max_score=None if specs or not hits else score, hits=hits)
    return 200, resp


def parse_keep_alive(v, setting="keep_alive"):
    m = re.fullmatch(r"(\d+)(nanos|micros|ms|s|m|h|d)", str(v).strip())
    if not m:
        raise error(400, "illegal_argument_exception", f"failed to parse setting [{setting}] with value [{v}] as a "
                    "time value: unit is missing or unrecognized")
    return int(m.group(1)) * {"nanos": 1e-9, "micros": 1e-6, "ms": 1e-3, "s": 1, "m": 60, "h": 3600, "d": 86400}[m.group(2)]


def open_pit(expr, params):
    validation([] if "keep_alive" in params else ["[keep_alive] is not specified" if es() else "keep alive not specified"])
    keep = parse_keep_alive(params["keep_alive"])
    shards = shards_of(resolve(expr))
    with LOCK:
        number = next(PIT_NUMBERS)
        pid = base64.urlsafe_b64encode(PIT_MAGIC + f"{number}:{','.join(s[0] for s in shards)}".encode()).decode()
        PITS[pid] = {"shards": shards, "expires": time.time() + keep, "number": number}
    counts = {"total": len(shards), "successful": len(shards), "skipped": 0, "failed": 0}
    if es():
        return 200, {"id": pid, "_shards": counts}
    return 200, {"pit_id": pid, "_shards": counts, "creation_time": int(time.time() * 1000)}


def find_pit(pid):
    try:
        ok = base64.urlsafe_b64decode(pid + "=" * (-len(pid) % 4)).startswith(PIT_MAGIC)
    except (ValueError, TypeError):
        ok = False
    if not ok:
        raise error(400, "illegal_argument_exception", f"invalid id: [{pid}]")
    with LOCK:
        pit = PITS.get(pid)
        if pit and pit["expires"] < time.time():  # keep_alive ran out since the last search
            del PITS[pid]
            pit = None
    return pit


def use_pit(pid, keep_alive):
    pit = find_pit(pid)
    if not pit:
        number = base64.urlsafe_b64decode(pid + "=" * (-len(pid) % 4))[len(PIT_MAGIC):].split(b":")[0].decode()
        raise shard_error(404, "search_context_missing_exception", f"No search context found for id [{number}]",
                          [None], shard=-1)
    if keep_alive:
        pit["expires"] = time.time() + parse_keep_alive(keep_alive, "keep_alive")
    return pit["shards"]


def close_pits(body, all_pits=False):
    if es():
        validation([] if isinstance(body, dict) and body.get("id") else ["id is empty"])
        pit = find_pit(body["id"])
        PITS.pop(body["id"], None)
        return 200, {"succeeded": True, "num_freed": 1 if pit else 0}
    ids = list(PITS) if all_pits else (body or {}).get("pit_id") or []
    validation([] if ids else ["No pit ids specified"])
    freed = [(pid, find_pit(pid) is not None, PITS.pop(pid, None)) for pid in ([ids] if isinstance(ids, str) else ids)]
    return 200, {"pits": [{"successful": ok, "pit_id": pid} for pid, ok, _ in freed]}


def bulk(default, text, params):
    lines, items, i = [line for line in text.split("\n") if line.strip()], [], 0
    while i < len(lines):
        try:
            (op, meta), = json.loads(lines[i]).items()
            src = json.loads(lines[i + 1])
        except (ValueError, IndexError, AttributeError):
            raise error(400, "illegal_argument_exception", f"Malformed action/metadata line [{i + 1}], expected "
                        "START_OBJECT or END_OBJECT but found [VALUE_STRING]")
        if op not in ("index", "create"):
            raise error(400, "illegal_argument_exception", f"Malformed action/metadata line [{i + 1}], expected "
                        f"one of [create, delete, index, update] but found [{op}] (only index and create are served)")
        validation([] if meta.get("_index", default) else ["index is missing"])
        with LOCK:
            item = add_doc(meta.get("_index", default), src, meta.get("_id"), create=op == "create")
        if params.get("refresh") in ("", "true", "wait_for") and "error" not in item:
            item["forced_refresh"] = True
        items.append({op: item})
        i += 2
    return 200, {"errors": any("error" in next(iter(it.values())) for it in items), "took": 1, "items": items}


def info():
    version = STATE["version"] or ("8.13.0" if es() else "2.11.0")
    if es():
        return {"name": "es-test-node", "cluster_name": "logview-test", "cluster_uuid": "c9QiHWkDSG2d0V5fS4nVQw",
                "version": {"number": version, "build_flavor": "default", "build_type": "docker",
                            "build_hash": "09df99393193b2c53d92899662a8b8b3c55b45cd",
                            "build_date": "2024-03-22T03:35:46.757803203Z", "build_snapshot": False,
                            "lucene_version": "9.10.0", "minimum_wire_compatibility_version": "7.17.0",
                            "minimum_index_compatibility_version": "7.0.0"}, "tagline": "You Know, for Search"}
    return {"name": "opensearch-test-node", "cluster_name": "logview-test", "cluster_uuid": "c9QiHWkDSG2d0V5fS4nVQw",
            "version": {"distribution": "opensearch", "number": version, "build_type": "tar",
                        "build_hash": "4dcad6dd1fd45b6bd91f041a041829c8687278fa",
                        "build_date": "2023-10-13T02:55:55.511945994Z", "build_snapshot": False,
                        "lucene_version": "9.7.0", "minimum_wire_compatibility_version": "7.10.0",
                        "minimum_index_compatibility_version": "7.0.0"},
            "tagline": "The OpenSearch Project: https://opensearch.org/"}


def filter_path(obj, spec):
    """?filter_path=a.b,c.*: keeps only those paths (no ** and no exclusions)."""
    def keep(node, paths):
        if any(not p for p in paths):
            return node
        if isinstance(node, list):
            kept = [k for k in (keep(x, paths) for x in node) if k is not None]
            return kept or None
        if not isinstance(node, dict):
            return None
        out = {}
        for k, v in node.items():
            rest = [p[1:] for p in paths if fnmatch.fnmatchcase(k, p[0])]
            if rest and keep(v, rest) is not None:
                out[k] = keep(v, rest)
        return out or None
    return keep(obj, [p.split(".") for p in spec.split(",") if p and not p.startswith("-")]) or {}


def route(method, uri, path, params, body, text):
    segs = [urllib.parse.unquote(s) for s in path.strip("/").split("/")] if path.strip("/") else []
    n, last = len(segs), segs[-1] if segs else ""
    index = segs[0] if n == 2 else None
    if n == 0 and method in ("GET", "HEAD"):
        return 200, info()
    if last == "_mapping" and n <= 2 and method == "GET":
        names = resolve(index or "_all")
        with LOCK:
            return 200, {x: {"mappings": STATE["indices"][x]["mappings"] if STATE["indices"][x]["mappings"].get(
                "properties") else {}} for x in names}
    if last in ("_search", "_count") and n <= 2 and method in ("GET", "POST"):
        if last == "_search":
            return search(index, body, text, params)
        _, found = search(index, {"query": body["query"]} if body and "query" in body else {}, text,
                          {"size": "0", "track_total_hits": "true"})
        return 200, {"count": found["hits"]["total"]["value"], "_shards": found["_shards"]}
    if es() and n <= 2 and last == "_pit" and method == "POST":
        validation([] if n == 2 else ["[index] is not specified"])
        return open_pit(index, params)
    if es() and segs == ["_pit"] and method == "DELETE":
        return close_pits(body)
    if not es() and n == 3 and segs[1:] == ["_search", "point_in_time"] and method == "POST":
        return open_pit(segs[0], params)
    if not es() and segs[:2] == ["_search", "point_in_time"] and n <= 3 and method == "DELETE":
        return close_pits(body, all_pits=segs[2:] == ["_all"])
    if not es() and n == 1 and method == "DELETE":  # DELETE /{index}: OpenSearch reads /_pit as an index name
        raise not_found(segs[0])
    if last == "_bulk" and n <= 2 and method in ("POST", "PUT"):
        return bulk(index, text, params)
    if n in (2, 3) and segs[1] == "_doc" and method in ("POST", "PUT") and isinstance(body, dict):
        with LOCK:
            item = add_doc(segs[0], body, segs[2] if n == 3 else None)
        return item.pop("status"), item
    if last == "_refresh" and n <= 2 and method in ("GET", "POST"):
        return 200, {"_shards": {"total": 2, "successful": 1, "failed": 0}}
    raise Fail(400, {"error": f"no handler found for uri [{uri}] and method [{method}]"})


def auth_failure(uri, given):
    if not es():
        return Fail(401, "Unauthorized", [("WWW-Authenticate", 'Basic realm="OpenSearch Security"')])
    schemes = ['Basic realm="security" charset="UTF-8"', 'Bearer realm="security"', "ApiKey"]
    if not given:
        reason = f"missing authentication credentials for REST request [{uri}]"
    elif given.startswith("Basic "):
        user = base64.b64decode(given[6:] + "==").decode("utf-8", "replace").split(":")[0]
        reason = f"unable to authenticate user [{user}] for REST request [{uri}]"
    else:
        reason = "unable to authenticate with provided credentials and anonymous access is not allowed for this request"
    fail = error(401, "security_exception", reason, header={"WWW-Authenticate": schemes})
    fail.headers = [("WWW-Authenticate", s) for s in schemes]
    return fail


def fault_failure(fault):
    kinds = {"429": ("es_rejected_execution_exception" if es() else "rejected_execution_exception",
                     "rejected execution of TimedRunnable on QueueResizingEsThreadPoolExecutor[name = node/search, "
                     "queue capacity = 1000, task execution EWMA = 1ms]"),
             "503": ("cluster_block_exception", "blocked by: [SERVICE_UNAVAILABLE/1/state not recovered / initialized];")}
    kind, reason = kinds.get(fault, ("exception", f"fault [{fault}] injected by es_server.py"))
    fail = error(int(fault), kind, reason)
    fail.headers = [("Retry-After", "1")] if fault == "429" else []
    return fail


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body, content_type=None, headers=()):
        if not isinstance(body, (str, bytes)):
            body = json.dumps(body)
            content_type = content_type or ("application/json" if es() else "application/json; charset=UTF-8")
        data = body if isinstance(body, bytes) else body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type or "text/plain; charset=UTF-8")
        self.send_header("Content-Length", str(len(data)))
        if es() and status != 401:
            self.send_header("X-elastic-product", "Elasticsearch")
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def read_body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            data = b""
            while (size := int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)):
                data += self.rfile.read(size)
                self.rfile.readline()
            while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                pass
        else:
            data = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        return gzip.decompress(data) if data and self.headers.get("Content-Encoding") == "gzip" else data

    def answer(self):
        url = urllib.parse.urlparse(self.path)
        params = {k: v[-1] for k, v in urllib.parse.parse_qs(url.query, keep_blank_values=True).items()}
        text = self.read_body().decode("utf-8", "replace")
        body, bad = None, None
        if text.strip():
            try:
                body = json.loads(text)
            except ValueError as e:
                bad = e
        entry = {"method": self.command, "path": url.path, "params": params,
                 "headers": {k.lower(): v for k, v in self.headers.items()}}
        if text.strip():
            entry["body"] = body if bad is None else [json.loads(x) for x in text.splitlines() if x.strip()] \
                if url.path.endswith("_bulk") else text
        with LOCK:
            if STATE.get("log"):
                with open(STATE["log"], "a") as log:
                    log.write(json.dumps(entry) + "\n")
            fault = STATE["faults"].pop(0) if STATE["faults"] else None
            auth = STATE["auth"]
        try:
            if fault == "garbage":
                return self.send(200, "<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html")
            if fault == "truncated":
                whole = json.dumps({"took": 1, "timed_out": False, "_shards": {"total": 1, "successful": 1, "skipped": 0,
                                    "failed": 0}, "hits": {"total": {"value": 1, "relation": "eq"}, "max_score": None,
                                    "hits": [{"_index": "logs", "_id": "1", "_score": None, "_source": {"message":
                                              "a line that never ends"}, "sort": [1700000000000, 0]}]}})
                return self.send(200, whole[:len(whole) // 2], "application/json")
            if fault == "401" or (auth and self.headers.get("Authorization") != auth):
                raise auth_failure(self.path, self.headers.get("Authorization"))
            if fault:
                raise fault_failure(fault)
            if bad is not None and not url.path.endswith("_bulk"):
                eof = bad.pos >= len(text.rstrip())  # 8.13 answers a JSON cut short with a 500
                status, kind = (500, "x_content_e_o_f_exception") if eof and es() else (400, "json_parse_exception")
                raise error(status, kind, f"{bad.msg}\n at [Source: (byte[]){json.dumps(text[:200])}; line: "
                            f"{bad.lineno}, column: {bad.colno}]")
            status, resp = route(self.command, self.path, url.path, params, body, text)
            if 200 <= status < 300 and "filter_path" in params:
                resp = filter_path(resp, params["filter_path"])
            self.send(status, resp)
        except Fail as f:
            self.send(f.status, f.body, headers=f.headers)
        except Exception as e:  # a bug here: answer like an ES 500 rather than hang the client
            import traceback
            traceback.print_exc()
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
        mappings = spec.get("mappings") or {}
        props = mappings.get("properties") if isinstance(mappings.get("properties"), dict) else mappings
        STATE["indices"][name] = {"mappings": {"properties": json.loads(json.dumps(props))}, "docs": []}
        for doc in spec.get("docs", []):
            add_doc(name, doc.get("_source", doc) if isinstance(doc, dict) else doc, doc.get("_id"))
    STATE["max_result_window"] = STATE.get("max_result_window") or 10000
    threading.Thread(target=add_live, daemon=True).start()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdin.read()
    server.shutdown()


if __name__ == "__main__":
    main()
