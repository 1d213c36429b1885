"""Rasa NLU component that runs the symptom matcher on every message.

In ``config.yml``::

    - name: nlu.rasa_components.SymptomExtractor

It adds entities ``finding`` (value: a finding id, role: present / absent / unknown),
``condition`` (a condition id) and ``info_topic`` (what a question asks about). It has nothing
to train: its vocabulary is the knowledge base, read when the model is loaded.
"""
from __future__ import annotations

from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu.symptom_matcher import SymptomMatcher
from symptomchecker.knowledge import default_knowledge, load_knowledge

EXTRACTOR_NAME = "SymptomExtractor"
#: Longer messages are read up to this many characters (the rest is ignored, not an error).
MAX_CHARS = 5000


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
