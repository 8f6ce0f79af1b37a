"""The entry point: the script PyInstaller freezes, and what `python -m` runs."""

import multiprocessing

from {{ cookiecutter.package_name }}.app import main

if __name__ == "__main__":
    # A frozen program that starts worker processes must let each child take
    # this road into multiprocessing, not run the whole program again. It
    # does nothing in an ordinary Python. Call it first.
    multiprocessing.freeze_support()
    raise SystemExit(main())
