"""The entry point: the script PyInstaller freezes, and what `python -m` runs."""

from {{ cookiecutter.package_name }}.app import main

if __name__ == "__main__":
    # A frozen program that starts worker processes (multiprocessing, or a
    # ProcessPoolExecutor) must call multiprocessing.freeze_support() here
    # first, or each child runs the whole program again. This one starts none,
    # so it leaves multiprocessing out: bundled, it adds megabytes to the
    # build and its import to every start.
    raise SystemExit(main())
