"""The demo of digicomp-xblock, a distribution of its own: `make demo` installs it beside the package.

It is never part of the product: the XBlock SDK workbench settings, the workbench's platform adapter, the demo
scenarios and their container block, the demo accounts and page templates.
"""

from setuptools import setup

setup(
    name="digicomp-demo",
    version="0.1.0",
    description="The XBlock SDK workbench demo of digicomp-xblock",
    license="AGPL-3.0-or-later",
    python_requires=">=3.11",
    packages=["digicomp_demo", "digicomp_demo.management", "digicomp_demo.management.commands"],
    package_data={"digicomp_demo": ["scenarios/*.xml", "demo_tags.yaml", "templates/*.html", "templates/*/*.html"]},
    install_requires=["digicomp-xblock", "xblock-sdk"],
    entry_points={"xblock.v1": ["digicomp_demo_container = digicomp_demo.container:DemoContainer"]},
)
