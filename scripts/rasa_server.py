"""`rasa run`, with the HTTP API token taken from the environment instead of the command line.

`rasa run --auth-token TOKEN` puts the token in the process's command line, which every local
user can read (`ps`, /proc/<pid>/cmdline). This wrapper reads RASA_API_TOKEN from the
environment (readable only by the same user) and hands it to Rasa inside the process:

    RASA_API_TOKEN=... python scripts/rasa_server.py --model ... --enable-api --port 5005 ...

Every other option is `rasa run`'s. Without RASA_API_TOKEN it refuses to enable the API.

It also makes one Rasa 3.6 hot spot cheap: Rasa checks every action server response against its
JSON schema with `jsonschema.validate`, which first re-checks the schema itself against the
2020-12 meta-schema, every time (about 50 ms of CPU per turn here, more than half of the Rasa
server's work). `cache_action_response_validator` builds the validator once; the response is
validated exactly as before.

And another: every event Rasa reads (each stored event of the conversation, at every turn, and
every event the action server returns) is turned into its class by `Event.resolve_by_type`,
which walks all of Rasa's Event subclasses, calling `inspect.isabstract` on each, for every
event. `cache_event_classes` remembers each event name's class once found; unknown names go to
Rasa's own lookup as before.

Library deprecation warnings are not printed (scripts/rasa_quiet.py): Rasa is imported after
that filter, only when the script runs; importing this module (the tests do) installs nothing.
"""
import os
import sys
from functools import lru_cache


@lru_cache(maxsize=1)
def _action_response_validator():
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    validator = validator_for(schema)
    validator.check_schema(schema)
    return validator(schema)


def cache_action_response_validator() -> None:
    from rasa.core.actions.action import RemoteAction

    original = RemoteAction._validate_action_result

    def validate_action_result(self, result):
        from jsonschema import ValidationError

        try:
            _action_response_validator().validate(result)
            return True
        except ValidationError:
            return original(self, result)  # Rasa's own error message, from the same schema

    RemoteAction._validate_action_result = validate_action_result


def cache_event_classes() -> None:
    from rasa.shared.core.events import Event

    original = Event.resolve_by_type
    found: dict = {}

    def resolve_by_type(type_name, default=None):
        event_class = found.get(type_name)
        if event_class is None:
            event_class = original(type_name, default)
            if event_class is not None and event_class is not default:
                found[type_name] = event_class
        return event_class

    Event.resolve_by_type = staticmethod(resolve_by_type)


if __name__ == "__main__":
    from rasa_quiet import quiet_warnings  # scripts/, next to this file

    quiet_warnings()
    from rasa.__main__ import main

    cache_action_response_validator()
    cache_event_classes()
    options = sys.argv[1:]
    if "--auth-token" in options or "--jwt-secret" in options:
        sys.exit("rasa_server.py: pass the token in RASA_API_TOKEN, not on the command line")
    token = os.environ.get("RASA_API_TOKEN", "")
    if "--enable-api" in options and not token:
        sys.exit("rasa_server.py: --enable-api needs RASA_API_TOKEN (the HTTP API is never open without one)")
    sys.argv = ["rasa", "run", *options] + (["--auth-token", token] if token else [])
    main()
