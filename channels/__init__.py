"""Input channels: Rasa's own connectors, with the small adjustments the product needs."""
