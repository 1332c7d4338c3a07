"""`python -m accessnews` and the `accessnews` command (accessnews/cli/ is the command line)."""

from .cli import run

if __name__ == "__main__":
    run()
