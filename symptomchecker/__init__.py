"""The symptom checker's domain core: knowledge, inference, interview, triage and answers.

Plain Python with no Rasa imports, so that it can be tested in milliseconds and used by any
front end. Rasa's custom actions (``actions/``) and NLU components (``nlu/``) call into it.
"""

from symptomchecker.knowledge import KnowledgeBase, KnowledgeError, default_knowledge, load_knowledge

__all__ = ["KnowledgeBase", "KnowledgeError", "default_knowledge", "load_knowledge"]
