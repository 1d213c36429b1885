"""Rasa NLU component that runs the symptom matcher on every message.

In ``config.yml``::

    - name: nlu.rasa_components.SymptomExtractor

It adds entities ``finding`` (value: a finding id, role: present / absent / unknown),
``condition`` (a condition id) and ``info_topic`` (what a question asks about). Training only
records the words of the training data, so that the typo corrector leaves ordinary words alone.
"""
from __future__ import annotations

import json
import re
from typing import Any, Dict, Iterable, List, Optional

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu.symptom_matcher import SymptomMatcher
from symptomchecker.knowledge import default_knowledge, load_knowledge

EXTRACTOR_NAME = "SymptomExtractor"
#: Longer messages are read up to this many characters (the rest is ignored, not an error).
MAX_CHARS = 5000
_WORDS_FILE = "known_words.json"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=True)
class SymptomExtractor(GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {"knowledge_dir": None}  # None: the project's knowledge/ folder

    def __init__(self, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource, known_words: Iterable[str] = ()):
        self._config = config
        self._model_storage = model_storage
        self._resource = resource
        kb = load_knowledge(config["knowledge_dir"]) if config.get("knowledge_dir") else default_knowledge()
        self._known_words = sorted(set(known_words))
        self.matcher = SymptomMatcher(kb, known_words=self._known_words)

    @classmethod
    def create(cls, config, model_storage, resource, execution_context: ExecutionContext) -> "SymptomExtractor":
        return cls(config, model_storage, resource)

    @classmethod
    def load(cls, config, model_storage, resource, execution_context: ExecutionContext, **kwargs: Any) -> "SymptomExtractor":
        try:
            with model_storage.read_from(resource) as directory:
                words = json.loads((directory / _WORDS_FILE).read_text(encoding="utf-8"))
        except (ValueError, FileNotFoundError):
            words = []
        return cls(config, model_storage, resource, words)

    def train(self, training_data: TrainingData) -> Resource:
        words = set()
        for example in training_data.training_examples:
            words.update(re.findall(r"[a-z]+", (example.get(TEXT) or "").lower()))
        with self._model_storage.write_to(self._resource) as directory:
            (directory / _WORDS_FILE).write_text(json.dumps(sorted(words)), encoding="utf-8")
        self.matcher = SymptomMatcher(self.matcher.kb, known_words=words)
        return self._resource

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str) or not text.strip():
                continue
            entities = [e for e in message.get(ENTITIES, []) if e.get("extractor") != EXTRACTOR_NAME]
            entities.extend(self.entities(text[:MAX_CHARS]))
            message.set(ENTITIES, entities, add_to_output=True)
        return messages

    def entities(self, text: str) -> List[Dict[str, Any]]:
        result = []
        for match in self.matcher.extract(text):
            entity: Dict[str, Any] = {
                "entity": match.entity,
                "value": match.value,
                "start": match.start,
                "end": match.end,
                "confidence_entity": 1.0,
                "extractor": EXTRACTOR_NAME,
            }
            if match.entity == "finding":
                entity["role"] = match.status
            result.append(entity)
        return result
