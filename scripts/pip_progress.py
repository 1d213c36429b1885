"""pip's output as a few lines of progress: how far along, and only what a person needs.

    pip install -r requirements.lock 2>&1 | python scripts/pip_progress.py TOTAL

Prints "  20/180 packages downloaded" every 10 packages (pip's "Collecting" lines), a line when
pip starts installing them, and pip's warnings and errors as they are. Standard library only
(it runs before anything is installed).
"""
import sys

EVERY = 10


def main() -> None:
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    collected = 0
    for line in sys.stdin:
        line = line.rstrip("\n")
        if line.startswith("Collecting "):
            collected += 1
            if collected % EVERY == 0 or collected == total:
                print(f"  {collected}/{total} packages downloaded", flush=True)
        elif line.startswith("Installing collected packages"):
            print("  installing them (about a minute)...", flush=True)
        elif line.startswith("Successfully installed"):
            print("  done", flush=True)
        elif line.startswith(("ERROR", "WARNING")):
            print(line, flush=True)


if __name__ == "__main__":
    main()
