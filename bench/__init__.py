"""The load benchmark (`make bench`): see bench/bench.py."""
