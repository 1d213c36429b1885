"""Natural-language understanding built on spaCy: the symptom matcher and its Rasa component."""
