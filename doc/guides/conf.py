# SPDX-License-Identifier: BSD-3-Clause
# sphinx configuration for the hotplug-eal guides (built by meson with
# -Denable_docs=true, or by hand: sphinx-build -b html doc/guides out/)

project = 'hotplug-eal'
version = '22.11'
release = '22.11.0'
master_doc = 'index'
source_suffix = '.rst'
exclude_patterns = ['_build']
html_theme = 'alabaster'
html_show_sourcelink = False
