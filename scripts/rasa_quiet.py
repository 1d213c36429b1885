"""`rasa ...` without the warnings that mean nothing to the person running the bot.

    python scripts/rasa_quiet.py train ...        # what `make train` runs
    python scripts/rasa_quiet.py run actions ...  # the action server of `make run` / `make shell`

Rasa's dependencies print deprecation warnings at every start (pkg_resources, jax, pyparsing,
SQLAlchemy, sanic_cors, distutils), and `rasa train` warns that the responses the custom actions
send ("utter_greet", ...) are "not used in any story or rule". None of it is for the person
starting the bot; it buried the lines that are. PYTHONWARNINGS=ignore is not enough: Sanic and
Rasa add their own warning filters in front of it when they are imported or start. So this
drops those warnings where they are shown (`warnings.showwarning`), whatever the filters say;
other warnings (Rasa's about the configuration or the data) still show.

Only these entry points install it (scripts/rasa_server.py too); the tests keep every warning.
"""
from __future__ import annotations

import re
import sys
import warnings

QUIET_CATEGORIES = (DeprecationWarning, PendingDeprecationWarning, FutureWarning)
# the custom actions send these responses; Rasa only looks for them in stories and rules
QUIET_MESSAGES = re.compile(r"The utterance '\w+' is not used in any story or rule")


def quiet_warnings() -> None:
    """Stop printing library deprecation warnings and the "utterance not used" ones."""
    show = warnings.showwarning

    def showwarning(message, category, filename, lineno, file=None, line=None):
        if issubclass(category, QUIET_CATEGORIES) or QUIET_MESSAGES.search(str(message)):
            return
        show(message, category, filename, lineno, file, line)

    warnings.showwarning = showwarning


if __name__ == "__main__":
    quiet_warnings()
    from rasa.__main__ import main  # imported after quiet_warnings(): the imports warn too

    sys.argv = ["rasa", *sys.argv[1:]]
    main()
