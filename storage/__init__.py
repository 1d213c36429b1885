"""Where conversations are kept: Rasa's tracker stores, with personal identifiers masked."""
