"""The catalogue of every published event, and what is generated from it.

From the catalogue come ``docs/asyncapi.yaml`` (AsyncAPI 3.0) and one JSON Schema per event type
under ``docs/events/``. The committed schemas are the published contract: regeneration refuses a
change that would break a consumer (a removed or retyped field, a new required field); such a change
needs a new versioned event type (``...v2``) instead.

Run ``python -m rc_shared.catalogue generate`` to regenerate, ``check`` to verify (CI does).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, TypeVar

from rc_shared import releases
from rc_shared.envelope import Event

E = TypeVar("E", bound=type[Event])

REGISTRY: dict[str, type[Event]] = {}


def register(cls: E) -> E:
    """Class decorator adding an event model to the catalogue."""
    model: type[Event] = cls
    et = model.event_type
    if et in REGISTRY and REGISTRY[et] is not cls:
        raise ValueError(f"event type {et} registered twice")
    if not et.rsplit(".", 1)[-1].startswith("v"):
        raise ValueError(f"event type {et} must end with a version such as .v1")
    fields: dict[str, Any] = dict(model.model_fields)
    if model.aggregate_field not in fields:
        raise ValueError(f"{model.__name__}.aggregate_field {model.aggregate_field!r} is not a field")
    REGISTRY[et] = cls
    return cls


def catalogue() -> dict[str, type[Event]]:
    """Every event type, importing all event modules."""
    from rc_shared.events import campaigns, donations, members  # noqa: F401

    return dict(sorted(REGISTRY.items()))


def topics() -> dict[str, list[type[Event]]]:
    out: dict[str, list[type[Event]]] = {}
    for cls in catalogue().values():
        out.setdefault(cls.topic, []).append(cls)
    return dict(sorted(out.items()))


def _open(node: Any) -> Any:
    """A published schema without ``additionalProperties: false``: a later release may add optional
    fields, which consumers ignore (the models still refuse to write one they do not name)."""
    if isinstance(node, dict):
        return {k: _open(v) for k, v in node.items() if not (k == "additionalProperties" and v is False)}
    if isinstance(node, list):
        return [_open(v) for v in node]
    return node


def schema_of(cls: type[Event]) -> dict[str, Any]:
    schema: dict[str, Any] = _open(cls.model_json_schema(mode="serialization"))
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"urn:vn-redcross:event:{cls.event_type}"
    schema["description"] = cls.summary or (cls.__doc__ or "").strip()
    schema["x-kafka-topic"] = cls.topic
    schema["x-kafka-key"] = cls.aggregate_field
    return schema


# ---------------------------------------------------------------- compatibility


def _resolve(schema: dict[str, Any], node: Any) -> Any:
    if isinstance(node, dict) and "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        return _resolve(schema, schema.get("$defs", {}).get(name, {}))
    return node


def _type_sig(schema: dict[str, Any], node: Any) -> Any:
    """A comparable description of a property's type (ignoring titles and descriptions)."""
    node = _resolve(schema, node)
    if not isinstance(node, dict):
        return node
    if "anyOf" in node:
        return ("anyOf", sorted(json.dumps(_type_sig(schema, n), sort_keys=True) for n in node["anyOf"]))
    if "enum" in node:
        return ("enum", node.get("type"), sorted(map(str, node["enum"])))
    if "const" in node:
        return ("const", node["const"])
    if node.get("type") == "array":
        return ("array", _type_sig(schema, node.get("items", {})))
    if node.get("type") == "object" and "properties" in node:
        return ("object", {k: _type_sig(schema, v) for k, v in sorted(node["properties"].items())})
    # its bounds too, in either direction: a wider one makes a newer producer's events fail an older
    # consumer's validation (dead-lettered), a narrower one an older producer's events a newer consumer's
    bounds = sorted((k, json.dumps(node[k])) for k in _BOUNDS if k in node)
    return (node.get("type"), node.get("format"), bounds)


_BOUNDS = (
    "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "pattern",
    "minItems", "maxItems", "multipleOf",
)  # fmt: skip


def breaking_changes(old: dict[str, Any], new: dict[str, Any], path: str = "") -> list[str]:
    """Why ``new`` would break a consumer written against ``old`` (empty list: compatible).

    A consumer breaks when a field it reads disappears or changes type, or when a producer on the
    old schema can no longer produce valid events (a new required field). Enum values may be
    added; a removed enum value is breaking for producers and is refused as well.
    """
    problems: list[str] = []
    if not path:  # where the event is published and how it is keyed: a consumer reads that topic, by that key
        for key, what in (("x-kafka-topic", "topic"), ("x-kafka-key", "key")):
            if old.get(key) != new.get(key):
                problems.append(f"{what} changed from {old.get(key)!r} to {new.get(key)!r}")
    old_props = _resolve(old, old).get("properties", {})
    new_props = _resolve(new, new).get("properties", {})
    old_req = set(_resolve(old, old).get("required", []))
    new_req = set(_resolve(new, new).get("required", []))
    for name, old_node in old_props.items():
        where = f"{path}{name}"
        if name not in new_props:
            problems.append(f"field '{where}' removed")
            continue
        o = _resolve(old, old_node)
        n = _resolve(new, new_props[name])
        if isinstance(o, dict) and isinstance(n, dict) and "enum" in o and "enum" in n:
            gone = set(map(str, o["enum"])) - set(map(str, n["enum"]))
            if gone:
                problems.append(f"field '{where}' lost enum values {sorted(gone)}")
            continue
        if (
            isinstance(o, dict)
            and isinstance(n, dict)
            and o.get("type") == "object"
            and n.get("type") == "object"
            and "properties" in o
        ):
            sub_old = {**o, "$defs": old.get("$defs", {})}
            sub_new = {**n, "$defs": new.get("$defs", {})}
            problems += breaking_changes(sub_old, sub_new, f"{where}.")
            continue
        was, now = _type_sig(old, o), _type_sig(new, n)
        if was != now:
            same_type = len(was) == len(now) == 3 and was[:2] == now[:2]
            problems.append(f"field '{where}' changed {'its bounds' if same_type else 'type'}")
    for name in sorted(new_req - old_req):
        problems.append(f"new required field '{path}{name}'")
    return problems


# ---------------------------------------------------------------- generation


VERSION = "1.6.0"
"""The event catalogue's version (semantic; docs/openapi/CHANGELOG.md says what each changed)."""
DESCRIPTION = """Events published by the members, campaigns and donations services (reporting only consumes).

- **Delivery is at least once.** The outbox relay re-sends after a crash between send and mark, a
  dead-letter replay and an outbox republish send a record again: deduplicate by `ce_id`, which is
  the same on every copy of one event.
- **Order holds per key only**: the key is the message's aggregate field (its Kafka binding). On
  `members.people`, a group's or a course's own events are keyed by its id, a person's joining or
  attendance by the person's id: a join may arrive before the group it joins.
- **Versions.** An event type (`ce_type`, ending `.vN`) changes only compatibly: a field may be added
  (optional), an enum may gain values and a topic new types; a change that is not compatible is a new
  type, `.vN+1`. Consumers ignore fields they do not know (the schemas below describe the fields of
  this release, not a closed set): this platform's do since catalogue 1.1.0 (earlier releases
  dead-letter an event with an unknown field). An unknown type or enum value is dead-lettered, to be
  replayed once the consumer is upgraded: **deploy consumers before producers**.
- **Topics** are named `{namespace}<topic>` (`RC_KAFKA_NAMESPACE`, empty by default); each has a
  dead-letter companion `<topic>.dlq` (see each channel).
- **Duplicates may come late.** A dead-letter replay may send a copy weeks after the first, with the
  same `ce_id` and `ce_time`: remember the `ce_id`s applied for as long as their effects are kept.
- **Values.** Amounts (`*_vnd`) are whole Vietnamese đồng. Days (`*_on`, dates) are calendar days in the
  organisation's time zone (`RC_TIMEZONE`, Asia/Ho_Chi_Minh by default), not UTC days. `ce_time` is the UTC
  instant the producing service recorded the event (for an event it emits on consuming another:
  `ledger.opened`, `ledger.closed`, `target_reached`, when it processed that one). Hours are given to
  0.01. Some values come from the deployment's settings, not from this schema: unit levels
  (`RC_UNIT_LEVELS`), roles (`RC_ROLES`), support kinds (`RC_SUPPORT_KINDS`).
- **Personal data.** Events carry ids and non-identifying attributes, never a field for a name, phone,
  identity number, birth date, address or health fact. Staff-typed text is another matter: a named
  gift's reversal reason, a campaign's cancellation reason, a settlement's note and a course's title
  leave with phone, identity and account numbers masked, and their forms say to write no names, which
  no code can check. The reversal reason of a blood gift, of a distribution and of a gift not publicly
  named does not leave at all (a fixed text stands for it; since 1.5.0 for the last two: records
  published before keep theirs). A person's data is erased in the service that holds it (members also
  says so: `members.person.erased.v1`)."""


def asyncapi_document() -> dict[str, Any]:
    channels: dict[str, Any] = {}
    operations: dict[str, Any] = {}
    messages: dict[str, Any] = {}
    schemas: dict[str, Any] = {}
    for topic, classes in topics().items():
        chan_id = topic.replace(".", "_")
        channels[chan_id] = {
            "address": topic,
            "description": (
                f"Kafka topic {{namespace}}{topic} (RC_KAFKA_NAMESPACE, empty by default); CloudEvents binary "
                "mode; the key is each message's aggregate field (its Kafka binding), order holds per key only. "
                f"A record its consumer cannot process goes to {topic}.dlq with the headers dlq-error, "
                "dlq-error-type, dlq-error-trace, dlq-original-topic, dlq-original-partition, "
                "dlq-original-offset, dlq-consumer, dlq-failed-at; a replay republishes it here unchanged "
                "(same ce_id)."
            ),
            "messages": {c.__name__: {"$ref": f"#/components/messages/{c.__name__}"} for c in classes},
        }
        operations[f"publish_{chan_id}"] = {
            "action": "send",
            "channel": {"$ref": f"#/channels/{chan_id}"},
            "messages": [{"$ref": f"#/channels/{chan_id}/messages/{c.__name__}"} for c in classes],
        }
        for c in classes:
            schema = _open(c.model_json_schema(mode="serialization", ref_template="#/components/schemas/{model}"))
            for name, d in schema.pop("$defs", {}).items():
                schemas[name] = d
            schemas[c.__name__] = schema
            messages[c.__name__] = {
                "name": c.event_type,
                "title": c.__name__,
                "summary": c.summary or (c.__doc__ or "").strip(),
                "contentType": "application/json",
                "headers": {"$ref": "#/components/schemas/CloudEventsHeaders"},
                "payload": {"$ref": f"#/components/schemas/{c.__name__}"},
                "bindings": {"kafka": {"key": {"type": "string", "description": c.aggregate_field}}},
            }
    schemas["CloudEventsHeaders"] = {
        "type": "object",
        "description": "CloudEvents 1.0 attributes in Kafka binary content mode.",
        "required": ["ce_id", "ce_source", "ce_type", "ce_specversion", "ce_time", "ce_subject"],
        "properties": {
            "ce_id": {"type": "string", "format": "uuid"},
            "ce_source": {"type": "string", "description": "producing service, e.g. /members"},
            "ce_type": {"type": "string", "description": "versioned event type"},
            "ce_specversion": {"type": "string", "const": "1.0"},
            "ce_time": {"type": "string", "format": "date-time"},
            "ce_subject": {"type": "string", "description": "aggregate id, equal to the key"},
            "content-type": {"type": "string", "const": "application/json"},
            "traceparent": {"type": "string", "description": "W3C trace context"},
            "correlation-id": {"type": "string"},
        },
    }
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "Red Cross platform events",
            "version": VERSION,
            "description": DESCRIPTION,
        },
        "defaultContentType": "application/json",
        "channels": channels,
        "operations": operations,
        "components": {"messages": messages, "schemas": dict(sorted(schemas.items()))},
    }


def render() -> dict[str, str]:
    """Every generated file, relative to the repository root, with its content."""
    import yaml  # here: a served service never renders the catalogue (7 ms of every start)

    files: dict[str, str] = {
        "docs/asyncapi.yaml": yaml.safe_dump(asyncapi_document(), sort_keys=False, allow_unicode=True)
    }
    for et, cls in catalogue().items():
        files[f"docs/events/{et}.json"] = json.dumps(schema_of(cls), indent=2, ensure_ascii=False) + "\n"
    return files


RELEASED_AS = "events"  # docs/releases/events/<VERSION>.json: every event type's schema of that catalogue


def released_content() -> str:
    """The catalogue's released file as the current models make it (every type's schema, by type)."""
    return releases.render({et: schema_of(cls) for et, cls in catalogue().items()})


def compatibility_problems(root: Path) -> dict[str, list[str]]:
    """Breaking changes between the published schemas and the current models: the committed ones
    (``docs/events``) and those of every released catalogue (``docs/releases/events``), which a commit
    that rewrites or removes a committed schema leaves as they were."""
    out: dict[str, list[str]] = {}
    cat = catalogue()
    published = [(path.stem, json.loads(path.read_text())) for path in sorted((root / "docs/events").glob("*.json"))]
    for version, schemas in releases.released(root, RELEASED_AS).items():
        published += [(f"{et} (events {version})", schema) for et, schema in sorted(schemas.items())]
    for name, old in published:
        et = name.split(" ")[0]
        if et not in cat:
            out[name] = ["published event type removed from the catalogue"]
            continue
        problems = breaking_changes(old, schema_of(cat[et]))
        if problems:
            out[name] = problems
    if wrong := releases.mismatch(root, RELEASED_AS, VERSION, released_content()):
        out[f"events {VERSION}"] = [wrong]
    return out


def stale_files(root: Path) -> list[str]:
    """Generated files that differ from the models, or are missing (the current version's release too)."""
    stale = []
    for rel, content in render().items():
        p = root / rel
        if not p.exists() or p.read_text() != content:
            stale.append(rel)
    if not (p := releases.path_of(root, RELEASED_AS, VERSION)).exists():
        stale.append(p.relative_to(root).as_posix())
    return stale


def generate(root: Path) -> list[str]:
    problems = compatibility_problems(root)
    if problems:
        raise SystemExit(
            "refusing to regenerate: breaking changes to published events "
            "(publish a new version instead):\n" + "\n".join(f"  {et}: {p}" for et, ps in problems.items() for p in ps)
        )
    written = []
    for rel, content in render().items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if not p.exists() or p.read_text() != content:
            p.write_text(content)
            written.append(rel)
    if released := releases.release(root, RELEASED_AS, VERSION, released_content()):
        written.append(released)
    return written


def _repo_root() -> Path:
    here = Path.cwd()
    for p in (here, *here.parents):
        if (p / "shared").is_dir() and (p / "services").is_dir():
            return p
    return here


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    root = _repo_root()
    cmd = args[0] if args else "check"
    if cmd == "generate":
        for rel in generate(root):
            print(f"wrote {rel}")
        return 0
    problems = compatibility_problems(root)
    stale = stale_files(root)
    for et, ps in problems.items():
        for p in ps:
            print(f"BREAKING {et}: {p}")
    for rel in stale:
        print(f"STALE {rel} (run: python -m rc_shared.catalogue generate)")
    return 1 if problems or stale else 0


if __name__ == "__main__":
    # Run the imported module's main, so events register into one REGISTRY (not __main__'s copy).
    from rc_shared import catalogue as _catalogue

    raise SystemExit(_catalogue.main())
