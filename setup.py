"""Build settings for ``scrapyd-deploy``, which runs ``setup.py bdist_egg`` here.

Everything else about the package is in pyproject.toml. The build and egg-info
folders go to the system temp folder, so deploying leaves no stray files in the
project folder (scrapyd-deploy would otherwise also write a setup.py of its own).
"""

import os
import tempfile

from setuptools import setup

SCRATCH = os.path.join(tempfile.gettempdir(), f"newscrawl-build-{os.getuid()}")
os.makedirs(SCRATCH, exist_ok=True)

setup(
    options={
        "build": {"build_base": os.path.join(SCRATCH, "build")},
        "egg_info": {"egg_base": SCRATCH},
        "bdist_egg": {"bdist_dir": os.path.join(SCRATCH, "bdist")},
    }
)
