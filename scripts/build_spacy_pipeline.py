"""Write spaCy's blank English pipeline (tokenizer + sentencizer) to a folder for Rasa's SpacyNLP.

No downloadable spaCy model is reachable here, and SpacyNLP needs a pipeline on disk:
    python scripts/build_spacy_pipeline.py build/spacy-en
"""
import sys
from pathlib import Path

import spacy


def main(target: str) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.meta["name"] = "blank_sentencizer"
    nlp.meta["version"] = "1.0.0"
    nlp.meta["description"] = "spaCy blank English tokenizer + sentencizer for the back-bump checker"
    Path(target).mkdir(parents=True, exist_ok=True)
    nlp.to_disk(target)
    print(f"wrote spaCy pipeline to {target}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "build/spacy-en")
