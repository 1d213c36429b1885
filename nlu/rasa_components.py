"""Rasa NLU components: the symptom matcher on every message, and a guard for unreadable input.

In ``config.yml``::

    - name: nlu.rasa_components.SymptomExtractor

It adds entities ``finding`` (value: a finding id, role: present / absent / unknown),
``condition`` (a condition id) and ``info_topic`` (what a question asks about). It has nothing
to train: its vocabulary is the knowledge base, read when the model is loaded.
"""

from __future__ import annotations

import json
import re
from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME as FALLBACK_INTENT
from rasa.shared.nlu.constants import (
    ENTITIES,
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu.symptom_matcher import SymptomMatcher, english_words
from symptomchecker.knowledge import default_knowledge, load_knowledge

EXTRACTOR_NAME = "SymptomExtractor"
#: Longer messages are read up to this many characters (the rest is ignored, not an error).
MAX_CHARS = 5000
_WORDS_FILE = "training_words.json"
_WORD = re.compile(r"[a-z]+")


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class SymptomExtractor(GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {"knowledge_dir": None}  # None: the project's knowledge/ folder

    def __init__(self, config: Dict[str, Any]):
        kb = load_knowledge(config["knowledge_dir"]) if config.get("knowledge_dir") else default_knowledge()
        self.matcher = SymptomMatcher(kb)

    @classmethod
    def create(cls, config, model_storage, resource, execution_context: ExecutionContext) -> "SymptomExtractor":
        return cls(config)

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


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class LanguageGuard(GraphComponent):
    """Sends messages the bot cannot read to ``nlu_fallback``.

    Another language, gibberish or markup alone would otherwise be forced into the closest
    intent. A message passes when at least ``min_known_share`` of its words are English
    (pyspellchecker's list), words of the training data, or knowledge vocabulary; or when it
    carries a finding and that share is reached counting typos of the vocabulary as read
    ("itchey rashh" passes; in "Ich habe Pickel auf dem Rücken" only "habe" and "Pickel" look
    like typos, of "have" and "nickel", and it goes to the fallback). Place it after the intent
    classifiers in ``config.yml``.
    """

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {"min_known_share": 0.5}

    def __init__(self, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource, words=()):
        self._config = config
        self._model_storage = model_storage
        self._resource = resource
        self._matcher = SymptomMatcher(default_knowledge())
        self._known = set(words) | english_words() | self._matcher.vocabulary

    @classmethod
    def create(cls, config, model_storage, resource, execution_context: ExecutionContext) -> "LanguageGuard":
        return cls(config, model_storage, resource)

    @classmethod
    def load(
        cls, config, model_storage, resource, execution_context: ExecutionContext, **kwargs: Any
    ) -> "LanguageGuard":
        try:
            with model_storage.read_from(resource) as directory:
                words = json.loads((directory / _WORDS_FILE).read_text(encoding="utf-8"))
        except (ValueError, FileNotFoundError):
            words = []
        return cls(config, model_storage, resource, words)

    def train(self, training_data: TrainingData) -> Resource:
        words = sorted({w for e in training_data.training_examples for w in _WORD.findall((e.get(TEXT) or "").lower())})
        with self._model_storage.write_to(self._resource) as directory:
            (directory / _WORDS_FILE).write_text(json.dumps(words), encoding="utf-8")
        self._known |= set(words)
        return self._resource

    def understood(self, text: str, has_findings: bool) -> bool:
        words = _WORD.findall(text.lower()[:MAX_CHARS])
        if not words:
            return has_findings
        share = self._config["min_known_share"]
        known = sum(1 for w in words if w in self._known)
        if known / len(words) >= share:
            return True
        read = known + sum(1 for w in words if w not in self._known and self._matcher.is_typo(w))
        return has_findings and read / len(words) >= share

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str):
                continue
            has_findings = any(
                e.get("extractor") == EXTRACTOR_NAME and e.get("entity") == "finding" for e in message.get(ENTITIES, [])
            )
            if not self.understood(text, has_findings):
                intent = {INTENT_NAME_KEY: FALLBACK_INTENT, PREDICTED_CONFIDENCE_KEY: 1.0}
                message.data[INTENT] = intent
                message.data.setdefault(INTENT_RANKING_KEY, [])
                message.data[INTENT_RANKING_KEY] = [intent] + [
                    r for r in message.data[INTENT_RANKING_KEY] if r.get(INTENT_NAME_KEY) != FALLBACK_INTENT
                ]
                # findings read from a message the bot cannot read are guesses: the actions let
                # findings win over the intent, so they must not reach them
                message.data[ENTITIES] = [e for e in message.get(ENTITIES, []) if e.get("extractor") != EXTRACTOR_NAME]
        return messages
